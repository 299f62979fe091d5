import { automagik } from "@/lib/http/automagik";

export const POST = automagik.kill;
