import Link from "next/link";
import { AppHeader } from "@/components/layout/app-header";
import { currentActor } from "@/lib/auth/request-actor";
import { listProjectsForNav } from "@/lib/services/board";

export const dynamic = "force-dynamic";
export const metadata = { title: "Help" };

const SECTIONS: { id: string; title: string; body: React.ReactNode }[] = [
  {
    id: "board",
    title: "The board",
    body: (
      <>
        Each card is an epic (a feature); each lane a phase of the project’s pipeline, ANALYZER →
        BUILDER → TESTER → VALIDATOR → DEPLOYER by default. <strong>▶ Start</strong> on a card
        starts a run of its phase. When the run ends and the phase’s definition of done is met, the
        card moves on by itself. Moving a card forward by hand skips the phase’s run: the board asks
        first, marks the card, and offers Undo.
      </>
    ),
  },
  {
    id: "demo-agent",
    title: "The demo agent",
    body: (
      <>
        A bundled stand-in for a coding agent, so a fresh install works with no credentials. It
        speaks Claude Code’s own protocol: it reads and edits files, asks for tool approvals and
        raises a DECISION NEEDED card, but its work is scripted and costs nothing. Boards and runs
        that use it say <em>Demo agent — simulated runs</em>. The <Link href="/agents">Agents</Link>{" "}
        page says which real agents this server has and how to set them up; the pipeline picks one
        per phase.
      </>
    ),
  },
  {
    id: "runs",
    title: "Runs",
    body: (
      <>
        A run page shows the agent’s work turn by turn as it happens: what it says, the tools it
        uses (folded, open them for the details), its todo list, cost and tokens, and at the end the
        phase’s definition of done. <strong>Stop</strong> asks the agent to finish;{" "}
        <strong>Kill</strong> ends it at once.
      </>
    ),
  },
  {
    id: "feedback",
    title: "Feedback while it runs",
    body: (
      <>
        Developers write to a running agent from the box under the transcript. <strong>Send</strong>{" "}
        delivers the message at the agent’s next step; <strong>Interrupt and send</strong> stops the
        current step first. Each message shows its receipt: queued, delivered, then acted on.
      </>
    ),
  },
  {
    id: "decisions",
    title: "Decisions and approvals",
    body: (
      <>
        When an agent needs a person it asks: a tool approval (may it run this command?) or a
        DECISION NEEDED card with context, options, a recommendation, the impact and a deadline. The
        run waits; the <Link href="/decisions">Decisions</Link> inbox lists what is open, and the
        run goes on as soon as someone with the right role answers.
      </>
    ),
  },
  {
    id: "roles",
    title: "Who can do what",
    body: (
      <>
        <strong>Viewers</strong> watch. <strong>Approvers</strong> answer decisions and approvals.{" "}
        <strong>Developers</strong> start runs, steer them and keep todos and patterns.{" "}
        <strong>Managers</strong> create projects and epics, move cards and shape pipelines.{" "}
        <strong>Admins</strong> also invite people and manage keys.
      </>
    ),
  },
  {
    id: "keyboard",
    title: "Keyboard",
    body: (
      <>
        <kbd>/</kbd> searches the board. On a card, <kbd>Enter</kbd> on its title opens it; on its{" "}
        <kbd>⠿</kbd> handle <kbd>Space</kbd> picks it up, <kbd>←</kbd> <kbd>→</kbd> choose a lane,{" "}
        <kbd>Space</kbd> drops it and <kbd>Escape</kbd> cancels. In a decision, the digits pick an
        option.
      </>
    ),
  },
  {
    id: "machines",
    title: "Scripts and agents",
    body: (
      <>
        Everything the pages do is in the REST API (<Link href="/api-docs">API reference</Link>),
        with API keys an admin makes; orchestrator agents use the same actions over MCP at{" "}
        <code>/api/mcp</code>.
      </>
    ),
  },
];

export default async function HelpPage() {
  const actor = await currentActor();
  const projects = actor.role ? await listProjectsForNav() : [];
  return (
    <>
      <AppHeader projects={projects} />
      <main className="mx-auto max-w-3xl px-4 py-8">
        <h1 className="text-xl font-semibold">Help</h1>
        <p className="mt-1 text-slate-600">Hiveboard in a few minutes.</p>
        <nav aria-label="On this page" className="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {SECTIONS.map((s) => (
            <a key={s.id} href={`#${s.id}`} className="text-indigo-600 hover:underline">
              {s.title}
            </a>
          ))}
        </nav>
        <div className="mt-6 space-y-6">
          {SECTIONS.map((s) => (
            <section key={s.id} id={s.id} aria-labelledby={`${s.id}-title`}>
              <h2 id={`${s.id}-title`} className="text-base font-semibold">
                {s.title}
              </h2>
              <p className="help mt-1 text-sm leading-relaxed text-slate-700">{s.body}</p>
            </section>
          ))}
        </div>
      </main>
    </>
  );
}
