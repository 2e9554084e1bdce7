// A local HTTP server standing in for a chat platform in the crash tests: it counts every send it receives, per
// person and per worker, so duplicates and losses are measured where they would be seen, not in the bot's books.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorder {
  url: string;
  /** Sends received per person id. */
  perPerson: Map<string, number>;
  /** Sends received per worker name. */
  perWorker: Map<string, number>;
  total(): number;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<string> {
  let s = '';
  for await (const chunk of req) s += chunk;
  return s;
}

/** Starts the recorder on 127.0.0.1; each send is answered after `delayMs` (so sends are in flight for a while). */
export async function startRecorder(delayMs: number): Promise<Recorder> {
  const perPerson = new Map<string, number>();
  const perWorker = new Map<string, number>();
  let total = 0;
  let seq = 0;
  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.url !== '/send') {
      res.writeHead(404).end();
      return;
    }
    const { personId, worker } = JSON.parse(await body(req)) as { personId: string; worker: string };
    total += 1;
    perPerson.set(personId, (perPerson.get(personId) ?? 0) + 1);
    perWorker.set(worker, (perWorker.get(worker) ?? 0) + 1);
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `m${++seq}` }));
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    perPerson,
    perWorker,
    total: () => total,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
