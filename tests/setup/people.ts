import { getAuth } from "@/lib/auth/better-auth";
import { getDb } from "@/lib/db/client";

export const PERSON_PASSWORD = "a long enough password";

/** A real account (signed up through better-auth) with a role, and its session cookie as a browser holds it. */
export async function personWithSession(email: string, name = "Dev Person", role = "developer") {
  const res = await getAuth().api.signUpEmail({
    body: { name, email, password: PERSON_PASSWORD },
    asResponse: true,
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const user = await getDb().user.update({ where: { email }, data: { role } });
  return { cookie, userId: user.id };
}
