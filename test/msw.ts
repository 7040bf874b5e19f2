import { setupServer } from 'msw/node';

// One msw server for the whole run. HubSpot API calls that no test handles are errors;
// loopback traffic (our own backend or sandbox over HTTP) passes through untouched.
export const mswServer = setupServer();

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

function requestOf(data: unknown): Request | null {
  if (typeof data === 'object' && data !== null && 'request' in data && data.request instanceof Request) {
    return data.request;
  }
  return null;
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
