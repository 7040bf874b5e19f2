import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDeps } from './app.ts';

export interface RunningServer {
  /** Where this machine reaches the server (loopback when it listens on every interface). */
  readonly url: string;
  /** The address it listens on, as bound: 127.0.0.1, 0.0.0.0 (every IPv4 interface), :: … */
  readonly address: string;
  close(): Promise<void>;
}

/** Serves the card backend on `hostname`:`port` (0 picks a free port; loopback unless told otherwise) until closed. */
export function startServer(deps: AppDeps, port: number, hostname = '127.0.0.1'): Promise<RunningServer> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      const host = info.address === '0.0.0.0' || info.address === '::' ? '127.0.0.1' : info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        address: info.address,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
