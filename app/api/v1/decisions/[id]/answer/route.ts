import { ACTIONS } from "@/lib/actions/catalog";
import { runActionAs } from "@/lib/actions/define-action";
import { resolveActor } from "@/lib/auth/actor";
import { apiError } from "@/lib/http/respond";

const STATUS: Record<string, number> = { unauthenticated: 401, forbidden: 403, "invalid-input": 422, "option-unknown": 422, "decision-not-found": 404, "already-answered": 409, "decision-expired": 409, "decision-cancelled": 409 };

/** Answers a decision: `{option, comment?, clientKey}`. The same rules as the inbox. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await resolveActor(request);
  const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
  const result = await runActionAs(ACTIONS.answerDecision, actor, { ...(body ?? {}), decisionId: (await params).id });
  if (!result.ok) return apiError(STATUS[result.code] ?? 400, result.code, result.message, result.fieldErrors);
  return Response.json(result.data);
}
