import { AppHeader } from "@/components/layout/app-header";
import { Badge } from "@/components/ui/badge";
import { requirePageAccess } from "@/lib/auth/request-actor";
import { agentStatuses } from "@/lib/services/agent-catalog";
import { sandboxStatus } from "@/lib/services/agents";
import { listProjectsForNav } from "@/lib/services/board";

export const metadata = { title: "Agents" };
export const dynamic = "force-dynamic";

export default async function AgentsPage() {
  await requirePageAccess("project:update", "/agents");
  const [agents, projects] = await Promise.all([agentStatuses(), listProjectsForNav()]);
  const sandbox = sandboxStatus();
  return (
    <>
      <AppHeader projects={projects} />
      <main className="mx-auto max-w-3xl px-4 py-10">
        <h1 className="text-xl font-semibold">Agents</h1>
        <p className="mt-1 text-sm text-slate-600">
          The agents Hiveboard can drive on this server, whether each is ready, and what fixes it
          when it is not. Each is checked by its own answer to the handshake a run opens with
          (Claude Code&apos;s initialize, ACP&apos;s initialize): no message is sent, nothing is
          billed. Pick one per phase in the project&apos;s pipeline (<code>agent:</code>). The same
          list: <code>GET /api/v1/agents</code>.
        </p>
        <ul className="mt-6 space-y-3" data-testid="agents">
          {agents.map((a) => (
            <li
              key={a.agent}
              className="rounded-lg bg-surface p-4 ring-1 ring-slate-200"
              data-testid="agent"
              data-agent={a.agent}
              data-runner={a.runner}
            >
              <div className="flex flex-wrap items-center gap-2">
                <h2 className="font-medium">{a.name}</h2>
                <code className="text-xs text-slate-500">{a.agent}</code>
                <Badge
                  tone={a.ready ? (a.loggedIn === null ? "indigo" : "green") : "amber"}
                  className="ml-auto"
                >
                  {!a.ready ? "needs a step" : a.loggedIn === null ? "found" : "ready"}
                </Badge>
              </div>
              <p className="mt-1 text-sm text-slate-700">{a.detail}</p>
              {a.fix && (
                <p
                  className="mt-2 rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800"
                  data-testid="agent-fix"
                >
                  {a.fix}
                </p>
              )}
            </li>
          ))}
        </ul>
        <section
          className="mt-8 rounded-lg bg-surface p-4 ring-1 ring-slate-200"
          data-testid="sandbox"
          aria-labelledby="sandbox-title"
        >
          <div className="flex items-center gap-2">
            <h2 id="sandbox-title" className="font-medium">
              Sandbox
            </h2>
            <Badge tone={sandbox.active ? "green" : "amber"} className="ml-auto">
              {sandbox.active ? "on" : "off"}
            </Badge>
          </div>
          <p className="mt-1 text-sm text-slate-700">{sandbox.detail}</p>
          {sandbox.fix && (
            <p className="mt-2 rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800">
              {sandbox.fix}
            </p>
          )}
        </section>
      </main>
    </>
  );
}
