import { EventEmitter } from "node:events";

// What the engine's parts tell each other without importing each other: finishing a run may start
// the next phase, and starting leads (through dispatch and launch) back to finishing. One typed
// emitter per module copy (server.ts and Next's bundle each load the engine once; each copy's
// index.ts listens to its own), so one event is handled once.

type EngineEvents = {
  /** A phase passed its gate on a pipeline that advances by itself: start the next phase. */
  "epic:advance": [epicId: string];
};

export const engineBus = new EventEmitter<EngineEvents>();
