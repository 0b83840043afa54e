// A load balancer in front of service instances: each request goes to the next instance in turn;
// when that one cannot be reached the answer is 502 (Telegram re-sends, and the next try lands
// on another instance).
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";

export interface RoundRobin {
  url: string;
  setTargets(urls: string[]): void;
  close(): Promise<void>;
}

export async function startRoundRobin(targets: string[]): Promise<RoundRobin> {
  let urls = [...targets];
  let next = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const target = new URL(req.url ?? "/", urls[next++ % urls.length]);
    const upstream = request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    setTargets(u) {
      urls = [...u];
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
