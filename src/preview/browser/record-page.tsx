import type { ReactNode } from 'react';
import type { I18n } from '../../app/cards/i18n/format.ts';
import type { PickerCompany } from './page-config.ts';
import { summaryHealth } from './picker-health.ts';
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
        <p className="pv-muted">Apps · {cardName} · the app page opens from the app's menu, not from a record</p>
        {children}
      </main>
    );
  }
  if (location === 'crm.preview') {
    return (
      <main className="pv-index">
        <div className="pv-index__list" aria-hidden="true">
          <p className="pv-muted">Companies · the preview panel opens from lists, boards and associations</p>
        </div>
        <aside className="pv-panel" aria-label="Record preview">
          <header className="pv-panel__header">
            <span className="pv-muted">Company preview</span>
            <h1>{company?.name ?? (companyId ? `Company ${companyId}` : '—')}</h1>
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
        <nav className="pv-tabs" aria-label="Record tabs">
          <span className={inTab ? undefined : 'is-active'}>Overview</span>
          <span>Activities</span>
          {inTab ? <span className="is-active">{cardName}</span> : null}
        </nav>
        {inTab ? children : <div className="pv-placeholder" aria-hidden="true">The record's middle column: its tabs, associations and activities.</div>}
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
      <h1>{company?.name ?? (companyId ? `Company ${companyId}` : '—')}</h1>
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

export function CardCrash({ error, onReload }: { error: Error; onReload: () => void }) {
  return (
    <div className="hs-state hs-state--error" data-testid="card-crash">
      <div className="hs-state__art hs-state__art--error" aria-hidden="true">!</div>
      <div className="hs-state__content">
        <h3 className="hs-state__title">The card crashed while rendering.</h3>
        <p className="hs-text">{error.message}</p>
        <button type="button" className="hs-button hs-button--secondary hs-button--sm" onClick={onReload}>
          Reload card
        </button>
      </div>
    </div>
  );
}
