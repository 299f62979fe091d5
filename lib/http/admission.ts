import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Admission to the REST API: at most `limit` requests inside the app at once, the rest wait their turn
 * in arrival order. Writes have `reservedForWrites` slots reads may not take, so a crowd of readers
 * neither starves writers nor stretches their transactions: with fewer requests interleaving on
 * the event loop, each step of a write transaction waits less for its turn (SQLite serializes
 * write transactions, so their length is what every other writer waits behind).
 */
export type Admission = {
  admit: (req: IncomingMessage, res: ServerResponse, go: () => void) => void;
  stats: () => { inside: number; waitingReads: number; waitingWrites: number };
};

const PER_TURN = 8;
const isWrite = (method: string | undefined) => method !== "GET" && method !== "HEAD";

type Waiting = { enter: () => void; gone: boolean };

export function admission(limit: number, reservedForWrites: number, maxWaiting: number): Admission {
  const readLimit = Math.max(1, limit - reservedForWrites);
  let readsInside = 0;
  let writesInside = 0;
  const reads: Waiting[] = [];
  const writes: Waiting[] = [];
  const room = () => readsInside + writesInside < limit;

  // Requests enter from a setImmediate, at most PER_TURN per turn of the event loop: a handler
  // whose database calls resolve at once runs to its end in one go, and many entering in one
  // turn would keep the loop from its I/O (new connections are accepted once per turn).
  let pumping = false;
  let writesFirst = true;
  const pump = () => {
    pumping = false;
    for (let entered = 0; entered < PER_TURN;) {
      const readOk = reads.length > 0 && room() && readsInside < readLimit;
      const writeOk = writes.length > 0 && room();
      // Both waiting: they take turns, so neither kind starves the other.
      const queue =
        readOk && writeOk
          ? writesFirst
            ? writes
            : reads
          : writeOk
            ? writes
            : readOk
              ? reads
              : null;
      writesFirst = !writesFirst;
      if (!queue) return;
      const w = queue.shift()!;
      if (w.gone) continue;
      w.enter();
      entered += 1;
    }
    next();
  };
  const next = () => {
    if (pumping || !(writes.length || reads.length)) return;
    pumping = true;
    setImmediate(pump);
  };

  return {
    admit(req, res, go) {
      const write = isWrite(req.method);
      if (reads.length + writes.length >= maxWaiting) {
        res.writeHead(503, { "content-type": "application/json", "retry-after": "1" });
        res.end(
          JSON.stringify({
            error: {
              code: "overloaded",
              message: `This server has ${maxWaiting} API requests waiting already: retry in a second.`,
              details: null,
            },
          }),
        );
        return;
      }
      const waiting: Waiting = {
        gone: false,
        enter: () => {
          if (write) writesInside += 1;
          else readsInside += 1;
          let left = false;
          const leave = () => {
            if (left) return;
            left = true;
            if (write) writesInside -= 1;
            else readsInside -= 1;
            next();
          };
          res.once("close", leave);
          res.once("finish", leave);
          go();
        },
      };
      // A client that hangs up while waiting gives its place back (the response closes unanswered).
      res.once("close", () => (waiting.gone = true));
      (write ? writes : reads).push(waiting);
      next();
    },
    stats: () => ({
      inside: readsInside + writesInside,
      waitingReads: reads.length,
      waitingWrites: writes.length,
    }),
  };
}
