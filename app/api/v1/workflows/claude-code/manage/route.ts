import { automagik } from "@/lib/http/automagik";

export const GET = automagik.manage;
