// Installs HubSpot's runtime globals first: every module below may (indirectly) evaluate
// @hubspot/ui-extensions, which reads them once.
import { provideHostServices, takeRegisteredCards } from './worker-globals.ts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createI18n, type I18n } from '../../app/cards/i18n/format.ts';
import { loadEveryCatalog } from '../../app/cards/i18n/messages.ts';
import { cardApi } from './card-api.ts';
import { CrmActionHostContext } from './components/crm-actions.tsx';
import type { CrmActionHost } from './components/crm-actions.tsx';
import type { HostHooks, Toast } from './card-api.ts';
import { createHsFetch } from './hs-fetch.ts';
import { readPageConfig } from './page-config.ts';
import type { LoadedCard, PickerCompany, PreviewCardEntry, PreviewPageConfig } from './page-config.ts';
import { PickerBar, Toasts } from './picker-bar.tsx';
import { CardCrash, RecordPage } from './record-page.tsx';
import { RemoteCard } from './remote-card.tsx';
import type { CardLocation } from './worker-globals.ts';

const proxyPath = '/card-api';

// The picker speaks the chosen user's language, whichever of the five it is.
loadEveryCatalog();

/** Loads the card entry files one at a time, so each `hubspot.extend` call belongs to the card just loaded. */
async function loadCards(entries: readonly PreviewCardEntry[]): Promise<LoadedCard[]> {
  const loaded: LoadedCard[] = [];
  for (const entry of entries) {
    await entry.load();
    const [render] = takeRegisteredCards();
    if (!render) throw new Error(`${entry.name}: its entry file never called hubspot.extend(...).`);
    loaded.push({ uid: entry.uid, name: entry.name, location: entry.location, render });
  }
  return loaded;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

function companyProperties(companyId: string, names: readonly string[] | '*'): Promise<Record<string, string | null>> {
  const query = names === '*' ? '*' : names.join(',');
  return getJson(`/preview-api/companies/${encodeURIComponent(companyId)}/properties?names=${encodeURIComponent(query)}`);
}

/** The picked company, locale and location live in the URL, so a view can be shared or reloaded. */
function useUrlState(name: string, fallback: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => new URLSearchParams(location.search).get(name) ?? fallback);
  const update = useCallback(
    (next: string) => {
      const params = new URLSearchParams(location.search);
      params.set(name, next);
      history.replaceState(null, '', `?${params.toString()}`);
      setValue(next);
    },
    [name],
  );
  return [value, update];
}

interface ActionTargets {
  readonly showCompany: (companyId: string, location: CardLocation) => void;
  readonly toast: (toast: Omit<Toast, 'id'>) => void;
  /** The page's words: what HubSpot would open instead (the catalog's preview.hubspotUi names each dialog). */
  readonly i18n: I18n;
}

/** What a CrmActionLink/Button does here: company records and previews switch the page; the rest is HubSpot UI. */
function crmActionHost({ showCompany, toast, i18n }: ActionTargets): CrmActionHost {
  return {
    perform: (actionType, actionContext) => {
      const target = actionContext as { objectTypeId?: string; objectId?: number | string; href?: string };
      const isCompany = target.objectTypeId === '0-2' || target.objectTypeId === 'companies';
      if ((actionType === 'RECORD_APP_LINK' || actionType === 'PREVIEW_OBJECT') && isCompany && target.objectId !== undefined) {
        showCompany(String(target.objectId), actionType === 'RECORD_APP_LINK' ? 'crm.record.tab' : 'crm.preview');
        return;
      }
      if (actionType === 'EXTERNAL_URL' && target.href) {
        window.open(target.href, '_blank', 'noopener');
        return;
      }
      toast({ type: 'info', title: actionType, message: i18n.t('preview.hubspotUi', { action: actionType }) });
    },
  };
}

function App({ config, cards }: { config: PreviewPageConfig; cards: readonly LoadedCard[] }) {
  const [companies, setCompanies] = useState<PickerCompany[] | null>(null);
  /** When the company list arrived: the synced figures' age is counted from then. */
  const [listedAt, setListedAt] = useState(() => Date.now());
  const [loadError, setLoadError] = useState<string | null>(null);
  const [companyId, setCompanyId] = useUrlState('company', '');
  const [locale, setLocale] = useUrlState('locale', config.locales[0] ?? 'en');
  const [cardUid, setCardUid] = useUrlState('card', cards[0]?.uid ?? '');
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [generation, setGeneration] = useState(0);
  const [crash, setCrash] = useState<Error | null>(null);

  const refreshCompanies = useCallback(() => {
    getJson<{ companies: PickerCompany[] }>('/preview-api/companies').then(
      (body) => {
        setListedAt(Date.now());
        setCompanies(body.companies);
      },
      (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    );
  }, []);
  useEffect(refreshCompanies, [refreshCompanies]);

  const i18n = useMemo(() => createI18n(locale, config.portal.timezone), [locale, config.portal.timezone]);
  useEffect(() => {
    // The page says which language it is in (screen readers, the browser's translate offer) and names itself in it.
    document.documentElement.lang = locale;
    document.title = i18n.t('preview.pageTitle', { app: config.appName });
  }, [i18n, locale, config.appName]);
  const selectedId = companyId || companies?.[0]?.id || '';
  const company = companies?.find((candidate) => candidate.id === selectedId) ?? null;
  const card = cards.find((candidate) => candidate.uid === cardUid) ?? cards[0];

  const toast = useCallback((next: Omit<Toast, 'id'>) => {
    const id = Date.now() + Math.random();
    setToasts((all) => [...all, { ...next, id }]);
    setTimeout(() => setToasts((all) => all.filter((t) => t.id !== id)), 8_000);
  }, []);

  const api = useMemo(() => {
    if (!card || !selectedId) return null;
    const hooks: HostHooks = {
      toast,
      reloadCard: () => setGeneration((n) => n + 1),
      refreshCompany: refreshCompanies,
      companyProperties: (names) => companyProperties(selectedId, names),
    };
    return cardApi(config, card.location, selectedId, locale, card.name, hooks);
    // `generation` re-creates the API, which re-renders the card from scratch (reloadPage).
  }, [config, card, selectedId, locale, toast, refreshCompanies, generation]);

  useEffect(() => setCrash(null), [api]);
  useEffect(() => provideHostServices({ crmProperties: (names) => companyProperties(selectedId, names) }), [selectedId]);
  const onCrash = useCallback((error: Error) => setCrash(error), []);
  const actionHost = useMemo(
    () =>
      crmActionHost({
        toast,
        i18n,
        showCompany: (id, location) => {
          setCompanyId(id);
          const target = cards.find((candidate) => candidate.location === location);
          if (target) setCardUid(target.uid);
        },
      }),
    [toast, i18n, cards, setCompanyId, setCardUid],
  );

  return (
    <>
      <PickerBar
        config={config}
        cards={cards}
        companies={companies}
        selectedId={selectedId}
        onCompany={setCompanyId}
        cardUid={card?.uid}
        onCard={setCardUid}
        locale={locale}
        onLocale={setLocale}
        i18n={i18n}
        nowMs={listedAt}
      />
      {loadError ? <p className="pv-error">{i18n.t('preview.companiesFailed', { error: loadError })}</p> : null}
      <RecordPage location={card?.location ?? null} cardName={card?.name ?? i18n.t('preview.noCard')} company={company} companyId={selectedId} i18n={i18n} nowMs={listedAt}>
        <article className="pv-card" data-testid="preview-card">
          <header className="pv-card__header">
            <span className="pv-card__title">{card?.name ?? i18n.t('preview.noCard')}</span>
            <span className="pv-card__app">{config.appName}</span>
          </header>
          <div className="pv-card__body">
            {crash ? (
              <CardCrash error={crash} onReload={() => setGeneration((n) => n + 1)} i18n={i18n} />
            ) : card && api ? (
              <CrmActionHostContext.Provider value={actionHost}>
                <RemoteCard render={card.render} api={api} onCrash={onCrash} />
              </CrmActionHostContext.Provider>
            ) : (
              <p className="pv-muted">{i18n.t(companies ? 'preview.noCompanies' : 'preview.loadingCompanies')}</p>
            )}
          </div>
        </article>
      </RecordPage>
      <Toasts toasts={toasts} />
    </>
  );
}

export async function startPreviewPage(entries: readonly PreviewCardEntry[]): Promise<void> {
  const config = readPageConfig();
  provideHostServices({
    fetch: createHsFetch({
      permittedUrls: config.permittedUrls,
      proxyPath,
      sessionToken: config.sessionToken,
      metadata: { userId: String(config.user.id), userEmail: config.user.email, portalId: String(config.portal.id), appId: String(config.appId) },
    }),
  });
  const container = document.getElementById('preview-root');
  if (!container) throw new Error('The preview page has no #preview-root element.');
  try {
    const cards = await loadCards(entries);
    createRoot(container).render(<App config={config} cards={cards} />);
  } catch (error) {
    const i18n = createI18n(new URLSearchParams(location.search).get('locale') ?? config.locales[0], config.portal.timezone);
    container.textContent = i18n.t('preview.cardFailed', { error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}
