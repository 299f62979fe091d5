// Pure: the default pipeline a new project gets. Prompts use {placeholders} rendered from the epic.

export type PhaseDefinition = {
  key: string;
  name: string;
  workflow: string;
  promptTemplate: string;
  maxTurns: number;
  timeoutSec: number;
  /** A person approves (a gate decision) before a run of this phase starts. */
  approvalRequired?: boolean;
};

export const DEFAULT_PIPELINE: PhaseDefinition[] = [
  {
    key: "ANALYZER",
    name: "Analyzer",
    workflow: "architect",
    promptTemplate:
      "Analyze the requirements of {feature_name}: {key_requirements}. Study the existing code and patterns, then write a plan as todos.\n\n{handoff}",
    maxTurns: 30,
    timeoutSec: 1800,
  },
  {
    key: "BUILDER",
    name: "Builder",
    workflow: "implement",
    promptTemplate:
      "Implement {feature_name} following the plan and the todos. Keep to the patterns the analysis found.\n\n{handoff}",
    maxTurns: 60,
    timeoutSec: 3600,
  },
  {
    key: "TESTER",
    name: "Tester",
    workflow: "test",
    promptTemplate:
      "Write unit and integration tests for {feature_name}, run them, and report coverage.\n\n{handoff}",
    maxTurns: 40,
    timeoutSec: 2400,
  },
  {
    key: "VALIDATOR",
    name: "Validator",
    workflow: "review",
    promptTemplate:
      "Review {feature_name}: code quality, async patterns, API contracts and security. Fix what you find.\n\n{handoff}",
    maxTurns: 30,
    timeoutSec: 1800,
  },
  {
    key: "DEPLOYER",
    name: "Deployer",
    workflow: "deploy",
    promptTemplate:
      "Prepare {feature_name} for deployment: release notes, migrations, health checks.\n\n{handoff}",
    maxTurns: 20,
    timeoutSec: 1200,
    approvalRequired: true,
  },
];
