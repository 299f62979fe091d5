// Preloaded by every tsx entry point (server.ts, scripts): `server-only` guards our server modules
// inside Next's bundle, where it resolves to an empty module under the react-server condition.
// Outside Next (this Node process) the same modules are legitimately server-side, so resolve it
// to that empty module too instead of its throwing default.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        if (specifier === "server-only") return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
        return next(specifier, context);
      }`),
  import.meta.url,
);
