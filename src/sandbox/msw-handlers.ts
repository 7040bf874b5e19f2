// The sandbox as msw request handlers: every request to the base URL goes to the one core.
import { http, type RequestHandler } from 'msw';

export function mswHandlersFor(handle: (request: Request) => Promise<Response>, baseUrl = 'https://api.hubapi.com'): RequestHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  return [http.all(`${base}/*`, ({ request }) => handle(request))];
}
