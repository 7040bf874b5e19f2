import type { Toast } from './card-api.ts';
import type { LoadedCard, PickerCompany, PreviewPageConfig } from './page-config.ts';
import { pickerLabel } from './record-page.tsx';
import type { CardLocation } from './worker-globals.ts';

// The preview's own controls: which company, which card location, which language; and the
// toasts the card's host actions raise.

const localeNames: Readonly<Record<string, string>> = { en: 'English', 'zh-CN': '简体中文', ja: '日本語', pl: 'Polski', th: 'ไทย' };
const locationNames: Readonly<Record<CardLocation, string>> = {
  'crm.record.tab': 'Record tab',
  'crm.record.sidebar': 'Record sidebar',
  'crm.preview': 'Record preview',
  'helpdesk.sidebar': 'Help desk sidebar',
  pages: 'App page',
};

interface PickerBarProps {
  readonly config: PreviewPageConfig;
  readonly cards: readonly LoadedCard[];
  readonly companies: readonly PickerCompany[] | null;
  readonly selectedId: string;
  readonly onCompany: (id: string) => void;
  readonly cardUid: string | undefined;
  readonly onCard: (uid: string) => void;
  readonly locale: string;
  readonly onLocale: (locale: string) => void;
}

export function PickerBar({ config, cards, companies, selectedId, onCompany, cardUid, onCard, locale, onLocale }: PickerBarProps) {
  return (
    <header className="pv-top">
      <div className="pv-top__brand">
        <strong>{config.appName}</strong>
        <span className="pv-badge">Local preview · {config.portalLabel}</span>
      </div>
      <label className="pv-control">
        Company (riskiest first)
        <select data-testid="company-picker" value={selectedId} onChange={(event) => onCompany(event.target.value)} disabled={!companies}>
          {(companies ?? []).map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {pickerLabel(candidate)}
            </option>
          ))}
        </select>
      </label>
      {cards.length > 1 ? (
        <label className="pv-control">
          Location
          <select data-testid="location-picker" value={cardUid} onChange={(event) => onCard(event.target.value)}>
            {cards.map((candidate) => (
              <option key={candidate.uid} value={candidate.uid}>
                {locationNames[candidate.location]} — {candidate.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="pv-control">
        Language
        <select data-testid="locale-picker" value={locale} onChange={(event) => onLocale(event.target.value)}>
          {config.locales.map((code) => (
            <option key={code} value={code}>
              {localeNames[code] ?? code}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}

export function Toasts({ toasts }: { toasts: readonly Toast[] }) {
  return (
    <div className="pv-toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`pv-toast pv-toast--${t.type}`} role="status" data-testid="preview-toast">
          {t.title ? <strong>{t.title}</strong> : null}
          <span>{t.message}</span>
        </div>
      ))}
    </div>
  );
}
