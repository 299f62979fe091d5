import "server-only";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { getDb } from "@/lib/db/client";

// An agent runs in its own process group, so a server killed with -9 leaves it running. Its run
// records the group's leader and machine; whoever takes the run over on that machine ends the
// leftover first — after checking the process really is that run's agent (its environment names
// the run), since a pid may have been reused by then.

export async function recordAgentProcess(runId: string, pid: number | undefined): Promise<void> {
  if (!pid) return;
  await getDb().run.update({
    where: { id: runId },
    data: { agentPid: pid, agentHost: hostname() },
  });
}

/** Whether `pid` is still the agent of run `runId` (Linux: its environment says so). */
function isAgentOf(pid: number, runId: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, "utf8")
      .split("\0")
      .includes(`HIVEBOARD_RUN_ID=${runId}`);
  } catch {
    return false;
  }
}

/** Ends the agent a dead server left running for this run, if it is on this machine; true if it did. */
export function endLeftoverAgent(run: {
  id: string;
  agentPid: number | null;
  agentHost: string | null;
}): boolean {
  if (!run.agentPid || run.agentHost !== hostname() || !isAgentOf(run.agentPid, run.id))
    return false;
  try {
    process.kill(-run.agentPid, "SIGKILL");
    return true;
  } catch {
    return false;
  }
}
