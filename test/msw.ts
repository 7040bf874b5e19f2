import { setupServer } from 'msw/node';

// One msw server for the whole run. HubSpot API calls that no test handles are errors;
// loopback traffic (our own backend or sandbox over HTTP) passes through untouched.
export const mswServer = setupServer();

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

// Structural, not `instanceof Request`: @hono/node-server replaces the global Request class when
// a backend runs in-process, and msw's requests are then no instances of it.
function requestOf(data: unknown): { url: string } | null {
  if (typeof data !== 'object' || data === null || !('request' in data)) return null;
  const { request } = data;
  return typeof request === 'object' && request !== null && 'url' in request && typeof request.url === 'string' ? { url: request.url } : null;
}

export function startMsw(): void {
  mswServer.listen({
    onUnhandledFrame({ frame, defaults }) {
      const request = requestOf(frame.data);
      if (request && loopbackHosts.has(new URL(request.url).hostname)) return;
      defaults.error();
    },
  });
}
