import type { ReactNode } from 'react';
import type { I18n } from '../../app/cards/i18n/format.ts';
import type { PickerCompany } from './page-config.ts';
import { summaryHealth } from './picker-health.ts';
import { companyTitle, locationName } from './preview-words.ts';
import type { CardLocation } from './worker-globals.ts';

// The page around the card: where HubSpot draws each location, and the record's own summary
// (the properties sync wrote, said to be the synced ones, with when).

interface RecordPageProps {
  readonly location: CardLocation | null;
  readonly cardName: string;
  readonly company: PickerCompany | null;
  readonly companyId: string;
  readonly i18n: I18n;
  readonly nowMs: number;
  readonly children: ReactNode;
}

/** The card where HubSpot puts it: a tab of the middle column, the right sidebar, the preview panel over an index page, or the app's own page. */
export function RecordPage({ location, cardName, company, companyId, i18n, nowMs, children }: RecordPageProps) {
  if (location === 'pages') {
    return (
      <main className="pv-app-page" data-testid="app-page">
        <p className="pv-muted">{i18n.t('preview.appPage.where', { card: cardName })}</p>
        {children}
      </main>
    );
  }
  if (location === 'crm.preview') {
    return (
      <main className="pv-index">
        <div className="pv-index__list" aria-hidden="true">
          <p className="pv-muted">{i18n.t('preview.index.where')}</p>
        </div>
        <aside className="pv-panel" aria-label={locationName(i18n, 'crm.preview')}>
          <header className="pv-panel__header">
            <span className="pv-muted">{i18n.t('preview.panel.title')}</span>
            <h1>{companyTitle(i18n, company?.name, companyId)}</h1>
            {company?.domain ? <p className="pv-muted">{company.domain}</p> : null}
          </header>
          <div className="pv-panel__body">{children}</div>
        </aside>
      </main>
    );
  }
  const inTab = location === 'crm.record.tab';
  return (
    <main className={`pv-record${location === 'crm.record.tab' ? '' : ' pv-record--with-sidebar'}`}>
      <RecordSummary company={company} companyId={companyId} i18n={i18n} nowMs={nowMs} />
      <section className="pv-column">
        <nav className="pv-tabs" aria-label={i18n.t('preview.tabs')} data-testid="record-tabs">
          <span className={inTab ? undefined : 'is-active'}>{i18n.t('preview.tab.overview')}</span>
          <span>{i18n.t('preview.tab.activities')}</span>
          {inTab ? <span className="is-active">{cardName}</span> : null}
        </nav>
        {inTab ? children : <div className="pv-placeholder" aria-hidden="true">{i18n.t('preview.middleColumn')}</div>}
      </section>
      {inTab ? null : <aside className="pv-sidebar">{children}</aside>}
    </main>
  );
}

function RecordSummary({ company, companyId, i18n, nowMs }: { company: PickerCompany | null; companyId: string; i18n: I18n; nowMs: number }) {
  const synced = company ? summaryHealth(company, i18n, nowMs) : null;
  return (
    <aside className="pv-summary" data-testid="record-summary">
      <div className="pv-summary__avatar" aria-hidden="true">
        {(company?.name ?? '?').slice(0, 1)}
      </div>
      <h1>{companyTitle(i18n, company?.name, companyId)}</h1>
      {company?.domain ? <p className="pv-muted">{company.domain}</p> : null}
      <dl>
        <dt>{i18n.t('preview.summary.recordId')}</dt>
        <dd>{companyId || '—'}</dd>
        <dt>{i18n.t('preview.summary.health')}</dt>
        <dd data-testid="summary-synced-health">{synced?.health ?? '—'}</dd>
        <dt>{i18n.t('preview.summary.syncedAt')}</dt>
        <dd data-testid="summary-synced-at">{synced?.syncedAt ?? '—'}</dd>
        <dt>{i18n.t('preview.summary.renewal')}</dt>
        <dd>{company?.renewalDate ? i18n.date(company.renewalDate) : '—'}</dd>
      </dl>
    </aside>
  );
}

export function CardCrash({ error, onReload, i18n }: { error: Error; onReload: () => void; i18n: I18n }) {
  return (
    <div className="hs-state hs-state--error" data-testid="card-crash">
      <div className="hs-state__art hs-state__art--error" aria-hidden="true">!</div>
      <div className="hs-state__content">
        <h3 className="hs-state__title">{i18n.t('preview.crash.title')}</h3>
        <p className="hs-text">{error.message}</p>
        <button type="button" className="hs-button hs-button--secondary hs-button--sm" onClick={onReload}>
          {i18n.t('preview.crash.reload')}
        </button>
      </div>
    </div>
  );
}
