import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CardFetch } from '../../src/app/cards/data/cardApi.ts';

export interface StubReply {
  readonly status: number;
  readonly body: unknown;
}

export interface StubRequest {
  readonly method: string;
  readonly url: string;
  /** The raw body; absent when there was none. */
  readonly body?: string;
}

export interface StubBackend {
  readonly baseUrl: string;
  readonly requests: StubRequest[];
  /** Replies in order; the last one repeats. */
  reply(...replies: StubReply[]): void;
  close(): Promise<void>;
}

/** A loopback HTTP server standing in for the backend, for card tests that need a view the real backend would never send. */
export async function startStubBackend(): Promise<StubBackend> {
  let queue: StubReply[] = [{ status: 500, body: { error: { code: 'not_set', message: 'no reply set' } } }];
  const requests: StubRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', ...(body ? { body } : {}) });
      const next = queue.length > 1 ? queue.shift() : queue[0];
      res.writeHead(next?.status ?? 500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(next?.body ?? null));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => {
      queue = replies;
    },
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** What hubspot.fetch does with the card's options, minus the signing: a plain global fetch. */
export const plainFetch: CardFetch = (url, options = {}) =>
  fetch(url, {
    method: options.method ?? 'GET',
    headers: { 'content-type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
