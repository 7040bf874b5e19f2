import type { I18n } from '../../app/cards/i18n/format.ts';
import type { Toast } from './card-api.ts';
import type { LoadedCard, PickerCompany, PreviewPageConfig } from './page-config.ts';
import { pickerOption } from './picker-health.ts';
import { localeNames, locationName } from './preview-words.ts';

// The preview's own controls: which company, which card location, which language; and the
// toasts the card's host actions raise. The company picker lists the health sync last wrote and
// says so (with its age), since the card beside it computes health live.

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
  /** Words in the card's language, dates in the portal's time zone. */
  readonly i18n: I18n;
  /** The page's clock, read when the company list arrived: how old the synced figures are. */
  readonly nowMs: number;
}

export function PickerBar({ config, cards, companies, selectedId, onCompany, cardUid, onCard, locale, onLocale, i18n, nowMs }: PickerBarProps) {
  return (
    <header className="pv-top">
      <div className="pv-top__brand">
        <strong>{config.appName}</strong>
        <span className="pv-badge" data-testid="preview-badge">{i18n.parts([i18n.t('preview.badge'), i18n.t('cli.start.portal', config.portalWhere)])}</span>
      </div>
      <div className="pv-control">
        <label className="pv-control">
          {i18n.t('preview.picker.label')}
          <select data-testid="company-picker" value={selectedId} onChange={(event) => onCompany(event.target.value)} disabled={!companies} aria-describedby="company-picker-note">
            {(companies ?? []).map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {pickerOption(candidate, i18n, nowMs)}
              </option>
            ))}
          </select>
        </label>
        <small id="company-picker-note" className="pv-control__note" data-testid="company-picker-note">
          {i18n.t('preview.picker.note')}
        </small>
      </div>
      {cards.length > 1 ? (
        <label className="pv-control">
          {i18n.t('preview.control.location')}
          <select data-testid="location-picker" value={cardUid} onChange={(event) => onCard(event.target.value)}>
            {cards.map((candidate) => (
              <option key={candidate.uid} value={candidate.uid}>
                {i18n.t('preview.location.option', { location: locationName(i18n, candidate.location), card: candidate.name })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="pv-control">
        {i18n.t('preview.control.language')}
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
