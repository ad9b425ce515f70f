import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  at: number;
}

/**
 * A local HTTP server standing in for an outside service (a chat robot, an SMS gateway): the tests
 * run our real HTTP client against it. Paths: `/ok…` answer 200 `{ errcode: 0 }`, `/fail…` 500,
 * `/refuse…` 200 `{ errcode: 93000 }`, `/hang…` never answer (until `close`).
 */
export async function startStubServer() {
  const requests: StubRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {}
      const path = req.url ?? '/';
      requests.push({ path, headers: req.headers, body, at: Date.now() });
      if (path.startsWith('/hang')) {
        hanging.add(res);
        return;
      }
      res.setHeader('content-type', 'application/json');
      if (path.startsWith('/fail')) res.writeHead(500).end('{"error":"boom"}');
      else if (path.startsWith('/refuse')) res.writeHead(200).end('{"errcode":93000,"errmsg":"invalid webhook url"}');
      else res.writeHead(200).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    requests,
    to: (path: string) => requests.filter((r) => r.path.startsWith(path)),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
export type StubServer = Awaited<ReturnType<typeof startStubServer>>;
