import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDeps } from './app.ts';

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the card backend on `port` (0 picks a free one) until closed. */
export function startServer(deps: AppDeps, port: number, hostname = '0.0.0.0'): Promise<RunningServer> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info: AddressInfo) => {
      const host = info.address === '0.0.0.0' || info.address === '::' ? '127.0.0.1' : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
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
