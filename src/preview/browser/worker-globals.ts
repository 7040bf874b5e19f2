import { createContext, useContext } from 'react';
import type { ReactElement } from 'react';
import type { AppPageLocation, ExtensionPointApi, HubSpotFetchOptions } from '@hubspot/ui-extensions';

// @hubspot/ui-extensions takes its runtime from `self` when `self.__HUBSPOT_EXTENSION_WORKER__`
// is true (dist/internal/global-utils.js): `hubspot.extend` is `self.extend_V2`, read once when
// the package is first evaluated, `hubspot.fetch` calls `self.hsFetch`, and the hooks call
// `self.hsWorkerAPI`. This module installs those globals, so it must be evaluated before any
// card module: the preview entry imports it first and loads the cards afterwards.

export type CardLocation = 'crm.record.tab' | 'crm.record.sidebar' | 'crm.preview' | 'helpdesk.sidebar' | 'pages';
export type CardApi = ExtensionPointApi<CardLocation>;
export type RenderCallback = (api: CardApi) => ReactElement;
export type HsFetch = (url: string | URL, options?: HubSpotFetchOptions) => Promise<Response>;
export type CrmPropertiesFetch = (names: readonly string[] | '*') => Promise<Record<string, string | null>>;

/** The card API of the card being rendered; the remote tree of each card is wrapped in its provider. */
export const CardApiContext = createContext<CardApi | null>(null);

function useCardApi(): CardApi {
  const api = useContext(CardApiContext);
  if (api === null) throw new Error('A HubSpot hook was called outside a card rendered by the preview.');
  return api;
}

interface HostServices {
  fetch: HsFetch;
  crmProperties: CrmPropertiesFetch;
}

const notReady = (): Promise<never> => Promise.reject(new Error('The preview host is still starting.'));
const services: HostServices = { fetch: notReady, crmProperties: notReady };
const registered: RenderCallback[] = [];

/** What the page supplies once it knows the backend route and the picked company. */
export function provideHostServices(next: Partial<HostServices>): void {
  Object.assign(services, next);
}

/** The render callbacks `hubspot.extend` received since the last call, oldest first. */
export function takeRegisteredCards(): RenderCallback[] {
  return registered.splice(0, registered.length);
}

function unavailable(what: string): () => Promise<never> {
  return () => Promise.reject(new Error(`${what} is not available in the local preview.`));
}

const propertiesResponse = async (names: string[]): Promise<Response> => {
  const data = await services.crmProperties(names);
  return new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
};

const appPageIndex: AppPageLocation = { path: '/', params: {} };

Object.assign(self, {
  __HUBSPOT_EXTENSION_WORKER__: true,
  extend_V2: (render: RenderCallback) => {
    registered.push(render);
  },
  hsFetch: (url: string | URL, options?: HubSpotFetchOptions) => services.fetch(url, options),
  serverless: unavailable('hubspot.serverless (app functions)'),
  logger: {
    debug: (data: string | number) => console.debug('[card]', data),
    info: (data: string | number) => console.info('[card]', data),
    warn: (data: string | number) => console.warn('[card]', data),
    error: (data: string | number) => console.error('[card]', data),
  },
  hsWorkerAPI: {
    useExtensionContext: () => useCardApi().context,
    useExtensionActions: () => useCardApi().actions,
    useExtensionApi: () => useCardApi(),
    // The app page's router (createPageRouter) reads the page's path and query: the preview shows its index route.
    useAppPageLocation: () => appPageIndex,
    fetchCrmProperties: (names: string[]) => propertiesResponse(names),
    fetchCrmSearch: unavailable('useCrmSearch'),
    fetchAssociations: unavailable('useAssociations'),
    fetchHubSpotApi: unavailable('The experimental HubSpot API client'),
    formatCrmProperties: unavailable('formatCrmProperties'),
  },
});
