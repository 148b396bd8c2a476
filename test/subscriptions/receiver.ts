import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the receiver got. */
export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  /** The parsed EPCISQueryDocument. */
  doc: { type: string; epcisBody: { queryResults: { queryName: string; subscriptionID: string; resultsBody: { eventList: Record<string, unknown>[] } } } };
  /** What the receiver answered (a status, or 'hang' for no answer). */
  answered: number | 'hang';
}

/**
 * A real webhook on 127.0.0.1 (port 0). `answer(n)` decides the answer to the n-th POST (0-based): an
 * HTTP status, or 'hang' to never answer. Every POST is kept, acknowledged or not.
 */
export interface Receiver {
  url: string;
  received: Received[];
  /** Event ids of the POSTs answered with 2xx, in arrival order. */
  acknowledgedEventIds(): string[];
  answer: (n: number) => number | 'hang';
  /** Resolves when the receiver has got `count` POSTs in all. */
  arrivals(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(answer: (n: number) => number | 'hang' = () => 200): Promise<Receiver> {
  const waiting: { count: number; resolve: () => void }[] = [];
  const hanging: ServerResponse[] = [];
  const r: Receiver = {
    url: '',
    received: [],
    answer,
    acknowledgedEventIds: () =>
      r.received.filter((x) => typeof x.answered === 'number' && x.answered < 300).flatMap((x) => x.doc.epcisBody.queryResults.resultsBody.eventList.map((e) => String(e['eventID']))),
    arrivals: (count) => new Promise<void>((resolve) => (r.received.length >= count ? resolve() : waiting.push({ count, resolve }))),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answered = r.answer(r.received.length);
      r.received.push({ headers: req.headers, body, doc: JSON.parse(body) as Received['doc'], answered });
      if (answered === 'hang') hanging.push(res);
      else res.writeHead(answered).end();
      for (const w of waiting.filter((x) => r.received.length >= x.count)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return r;
}
