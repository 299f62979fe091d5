import { z } from "zod";
import { ROLES } from "@/lib/domain/permissions";
import { IdSchema } from "./common";

const Email = z
  .email({ error: "Enter an email address like ada@example.com" })
  .trim()
  .toLowerCase()
  .max(200);
const Password = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(128, "Use at most 128 characters");
const Name = z.string().trim().min(1, "Your name is required").max(80, "At most 80 characters");
const RoleSchema = z.enum(ROLES, { error: `Role is one of ${ROLES.join(", ")}` });

export const SetupSchema = z.object({ name: Name, email: Email, password: Password });
export const SignInSchema = z.object({
  email: Email,
  password: z.string().min(1, "Enter your password").max(128),
});
export const CreateInviteSchema = z.object({
  role: RoleSchema,
  email: z
    .union([Email, z.literal("")])
    .optional()
    .transform((v) => v || null),
});
export const RedeemInviteSchema = z.object({
  token: z.string().trim().min(20).max(200),
  name: Name,
  email: Email,
  password: Password,
});
export const ChangeRoleSchema = z.object({ userId: IdSchema, role: RoleSchema });
export const CreateApiKeySchema = z.object({
  name: z.string().trim().min(1, "Name the key (what uses it)").max(60, "At most 60 characters"),
  role: RoleSchema,
});
export const UserIdSchema = z.object({ userId: IdSchema });
export const SetUserActiveSchema = z.object({
  userId: IdSchema,
  active: z.boolean({ error: "active is true (reactivate) or false (deactivate)" }),
});
export const InviteIdSchema = z.object({ id: IdSchema });
