// Telling "the database went away" (a restart, a failover, a network cut) from a query or a bug
// failing: the first is waited out and tried again, the second is handled as an error.
const LOST =
  /Connection terminated|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server|ECONNREFUSED|ECONNRESET|terminating connection|Server has closed the connection|Connection closed|not queryable|EPIPE|ETIMEDOUT|socket hang up/i;

export function connectionLoss(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (LOST.test(e.message)) return true;
    // Prisma: P1001 can't reach the server, P1017 the server closed the connection.
    if ("code" in e && (e.code === "P1001" || e.code === "P1017")) return true;
  }
  return false;
}
