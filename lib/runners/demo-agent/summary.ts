// What both demo agents (stream-json and ACP) say when a phase's work is done: the same words, so
// a phase reads alike whichever protocol ran it.

/** Asked for coverage (the TESTER prompt does) and allowed to run the tests, it reports a figure. */
export const wantsCoverage = (prompt: string, allowed: boolean) =>
  /coverage/i.test(prompt) && allowed;

/** The coverage figure the demo reports (HIVEBOARD_DEMO_COVERAGE lets tests pick it). */
export const demoCoverage = () => Number(process.env.HIVEBOARD_DEMO_COVERAGE ?? "82");

/**
 * The closing message: done with tests passing (and coverage, reported over MCP or as a METRIC
 * line), or done without tests because running them was refused. PATTERN lines echo the patterns
 * its prompt told it to use, as runs report patterns.
 */
export function closingSummary(o: {
  title: string;
  prompt: string;
  allowed: boolean;
  /** Whether the coverage figure went over MCP; null when none was asked for. */
  reportedOverMcp: boolean | null;
  refusal: string;
}): string {
  const value = demoCoverage();
  const coverage =
    o.reportedOverMcp === null
      ? ""
      : o.reportedOverMcp
        ? `\nCoverage ${value}% reported over MCP.`
        : `\nMETRIC coverage=${value}`;
  const patterns = [...o.prompt.matchAll(/PATTERN ([^\n,.]{3,120})/g)]
    .map((m) => `\nPATTERN ${m[1].trim()}`)
    .join("");
  // Asked for a review verdict (a reviewer phase's prompt), it gives one.
  const verdict = /VERDICT/.test(o.prompt) ? "\nVERDICT: APPROVE" : "";
  return o.allowed
    ? `Done: ${o.title}. Tests pass.${coverage}${patterns}${verdict}`
    : `Done: ${o.title}, but I could not run the tests (${o.refusal}).${patterns}`;
}
