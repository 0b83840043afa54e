// A TCP proxy in front of a server (PostgreSQL here) that can play a restart: every open
// connection is cut, new ones are refused (nothing listens on the port), then accepted again.
// That is all a client sees of a database server restarting.
import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  port: number;
  /** Cuts every connection and refuses new ones until `up()`. */
  down(): Promise<void>;
  /** Accepts connections again. */
  up(): Promise<void>;
  /** down(), wait, up(): a restart that takes `ms`. */
  restart(ms: number): Promise<void>;
  /** Connections made through it so far. */
  connections(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let made = 0;
  let server: Server | null = null;
  let port = 0;

  const listen = async (): Promise<void> => {
    const s = createServer((client) => {
      made++;
      const upstream = createConnection(target);
      open.add(client);
      open.add(upstream);
      const cut = () => {
        client.destroy();
        upstream.destroy();
        open.delete(client);
        open.delete(upstream);
      };
      client.on("error", cut).on("close", cut);
      upstream.on("error", cut).on("close", cut);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    // The port was just ours: right after a close the kernel may still hold it for a moment.
    for (let attempt = 0; ; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          s.once("error", reject);
          s.listen(port, "127.0.0.1", () => {
            s.off("error", reject);
            resolve();
          });
        });
        break;
      } catch (err) {
        if (attempt > 50) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const address = s.address();
    port = typeof address === "object" && address ? address.port : port;
    server = s;
  };

  const down = async (): Promise<void> => {
    const s = server;
    server = null;
    const closed = s ? new Promise<void>((resolve) => s.close(() => resolve())) : Promise.resolve();
    for (const socket of open) socket.destroy();
    open.clear();
    await closed;
  };

  await listen();
  return {
    port,
    down,
    up: async () => {
      if (!server) await listen();
    },
    async restart(ms) {
      await down();
      await new Promise((r) => setTimeout(r, ms));
      await listen();
    },
    connections: () => made,
    close: down,
  };
}
