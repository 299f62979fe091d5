// The folder rules of shared/STYLE.md, checked on every `npm test` (scripts/run-tests.ts):
// a file's folder says what it may import. `npx depcruise app components lib server.ts scripts --config`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle makes modules load half-initialised and hides who depends on whom.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "lib/domain is pure TypeScript: it imports nothing of ours outside lib/domain.",
      from: { path: "^lib/domain/" },
      to: { path: "^(lib|app|components|generated|prisma)/", pathNot: "^lib/domain/" },
    },
    {
      name: "components-stay-on-the-client-side",
      severity: "error",
      comment: "Components never import the database, services, the run engine or runners.",
      from: { path: "^components/" },
      to: { path: "^(lib/(db|services|run-engine|runners|auth|mcp|http)|generated)/" },
    },
    {
      name: "runners-know-no-use-cases",
      severity: "error",
      comment: "Runners adapt agents; they never import services or the run engine.",
      from: { path: "^lib/runners/" },
      to: { path: "^lib/(services|run-engine|actions|db)/" },
    },
    {
      name: "run-engine-through-its-door",
      severity: "error",
      comment:
        "Outside lib/run-engine, only its index.ts is imported (tests and benchmarks may look inside).",
      from: { path: "^(app|components|lib|server\\.ts|scripts)", pathNot: "^lib/run-engine/" },
      to: { path: "^lib/run-engine/", pathNot: "^lib/run-engine/index\\.ts$" },
    },
    {
      name: "services-below-the-engine",
      severity: "error",
      comment:
        "Services the engine uses must not reach back into it (decisions.ts answers through the engine's door and is the one exception the engine never imports).",
      from: {
        path: "^lib/services/",
        pathNot: "^lib/services/(decisions|automagik-compat|health)\\.ts$",
      },
      to: { path: "^lib/run-engine/" },
    },
    {
      name: "schemas-are-shared-shapes",
      severity: "error",
      comment:
        "lib/schemas holds zod shapes: it imports only lib/domain, lib/runners/events and other schemas.",
      from: { path: "^lib/schemas/" },
      to: {
        path: "^(lib|app|components|generated)/",
        pathNot: "^lib/(schemas|domain)/|^lib/runners/events\\.ts$",
      },
    },
    {
      name: "queries-are-client-safe",
      severity: "error",
      from: { path: "^lib/queries/" },
      to: { path: "^(lib/(db|services|run-engine|runners|auth|mcp|http)|generated)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|generated|\\.next)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    moduleSystems: ["es6", "cjs"],
  },
};
