// The sandbox over loopback HTTP, for `cs-card sandbox` and `npm start`.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function listenOnLoopback(handle: (request: Request) => Promise<Response>, options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  // A client that hangs up mid-request (a timeout fault, say) aborts the handler: nobody is left to answer.
  const fetch = (request: Request): Promise<Response> => handle(request).catch(() => new Response(null, { status: 499 }));
  const { server, address } = await new Promise<{ server: Server; address: AddressInfo }>((resolve, reject) => {
    const started = serve({ fetch, port: options.port ?? 0, hostname: host }, (info) => resolve({ server: started as Server, address: info }));
    started.once('error', reject);
  });
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
