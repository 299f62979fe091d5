import { reviewOps } from "@/lib/http/api";
import { handler } from "@/lib/http/operation";

// The operation (schema, permission, service) is declared once in lib/http/api; OpenAPI reads it too.
export const GET = handler(reviewOps.forge);
export const PUT = handler(reviewOps.setForge);
