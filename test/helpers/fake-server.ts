import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How a fake provider answers its next call of a kind: as a provider that is down, or one that never answers. */
export type Failure = 503 | 500 | 'timeout';

export interface FakeServer {
  url: string;
  close(): Promise<void>;
}

/** A request as a fake provider reads it: method, path, query and the body's text. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  headers: IncomingMessage['headers'];
}

/**
 * A local HTTP server on 127.0.0.1 standing in for a provider's API and hosted page. A handler answers
 * with `{ status, json }`, `{ status, html }`, a redirect, or 'hang' (no answer until the server closes,
 * as a provider that times out).
 */
export type FakeAnswer = { status: number; json?: unknown; html?: string; location?: string } | 'hang';

export async function startFakeServer(answer: (request: FakeRequest) => FakeAnswer): Promise<FakeServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const reply = answer({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body: Buffer.concat(chunks).toString('utf8'),
        headers: req.headers,
      });
      if (reply === 'hang') return;
      if (reply.location) res.writeHead(reply.status, { location: reply.location }).end();
      else if (reply.html !== undefined) res.writeHead(reply.status, { 'content-type': 'text/html; charset=utf-8' }).end(reply.html);
      else res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.json ?? {}));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The hosted page of a fake provider: the amount, and one button that pays (a form POST, no script). */
export function hostedPage(provider: string, amount: string, action: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${provider} checkout</title></head>
<body><main><h1>${provider} checkout</h1><p>Amount due: ${amount}</p>
<form method="post" action="${action}"><button type="submit">Pay ${amount}</button></form></main></body></html>`;
}

let counter = 0;
/** A provider-style id: `id('cs_test')` → "cs_test_1a2b3c…", unique within the test run. */
export function fakeId(prefix: string): string {
  counter += 1;
  return `${prefix}_${counter.toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
