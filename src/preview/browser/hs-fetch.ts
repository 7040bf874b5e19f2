import type { HubSpotFetchOptions } from '@hubspot/ui-extensions';
import { sessionTokenHeader } from './page-config.ts';
import type { HsFetch } from './worker-globals.ts';

export interface HsFetchSettings {
  /** `permittedUrls.fetch` of src/app/app-hsmeta.json: HubSpot refuses any other URL. */
  readonly permittedUrls: readonly string[];
  /** Where the preview server relays (and signs) backend calls. */
  readonly proxyPath: string;
  /** HubSpot adds who is asking to every hubspot.fetch call, as query parameters. */
  readonly metadata: Readonly<Record<string, string>>;
  /** The preview page's session token: the relay refuses a call that changes data without it. */
  readonly sessionToken: string;
}


const defaultTimeoutMs = 15_000;
const maxTimeoutMs = 120_000;

/**
 * `hubspot.fetch` as HubSpot runs it: only permitted URLs, a JSON body, a 15 s default timeout
 * (120 s at most). The call goes to the preview server, which signs it as HubSpot would, so the
 * backend checks the same signature it checks in production and no secret reaches the page.
 */
export function createHsFetch(settings: HsFetchSettings): HsFetch {
  return async (resource, options: HubSpotFetchOptions = {}) => {
    const url = new URL(String(resource));
    if (!settings.permittedUrls.some((permitted) => isPermitted(url.href, permitted))) {
      throw new Error(`hubspot.fetch refused ${url.origin}: add it to permittedUrls.fetch in src/app/app-hsmeta.json.`);
    }
    for (const [name, value] of Object.entries(settings.metadata)) url.searchParams.set(name, value);
    const timeout = Math.min(options.timeout ?? defaultTimeoutMs, maxTimeoutMs);
    const hasBody = options.body !== undefined;
    return fetch(`${settings.proxyPath}${url.pathname}${url.search}`, {
      method: options.method ?? 'GET',
      headers: { [sessionTokenHeader]: settings.sessionToken, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(timeout),
    });
  };
}

function isPermitted(href: string, permitted: string): boolean {
  const base = permitted.replace(/\/+$/, '');
  return href === base || href.startsWith(`${base}/`) || href.startsWith(`${base}?`);
}
