import type { MoneyView as Money } from '../../cards/contract/portfolio.ts';
import { lookOfBand } from '../../cards/components/presentation.ts';
import type { I18n } from '../../cards/i18n/format.ts';
import type { MessageKey } from '../../cards/i18n/messages.ts';

// How the managers' page writes amounts, bands, churn reasons and rates in the user's language.

/** A company record in HubSpot. */
export function companyRecordUrl(portalId: number, companyId: string): string {
  return `https://app.hubspot.com/contacts/${portalId}/record/0-2/${encodeURIComponent(companyId)}`;
}

export function wholeMoney(i18n: I18n, amount: number, currency: string | null): string {
  if (currency === null) return i18n.number(Math.round(amount));
  try {
    return new Intl.NumberFormat(i18n.locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${i18n.number(Math.round(amount))} ${currency}`;
  }
}

/** Amounts per currency, never added across them, joined with the catalog's separator. */
export function moneyList(i18n: I18n, amounts: readonly Money[]): string {
  return amounts.length === 0 ? '—' : i18n.parts(amounts.map((m) => wholeMoney(i18n, m.amount, m.currency)));
}

const bandLabels: Readonly<Record<string, MessageKey>> = {
  at_risk: 'band.at_risk',
  attention: 'band.attention',
  healthy: 'band.healthy',
  unknown: 'band.unknown',
  churned: 'portfolio.band.churned',
};

/** A band's colour: the card's (cards/components/presentation.ts, the one band -> colour map). */
export function bandVariant(band: string): 'danger' | 'warning' | 'success' | 'info' | 'default' {
  return lookOfBand(band).variant;
}

export function bandLabel(i18n: I18n, band: string): string {
  const key = bandLabels[band];
  return key === undefined ? band : i18n.t(key);
}

export function reasonLabel(i18n: I18n, reason: string | null): string {
  const key = `churn.reason.${reason ?? ''}`;
  const known: readonly string[] = ['competitor', 'value_not_realised', 'budget', 'out_of_business_or_ma', 'product_gap', 'other'];
  if (reason !== null && known.includes(reason)) return i18n.t(key as MessageKey);
  return i18n.t('report.churnReason.not_recorded');
}

export function percent(i18n: I18n, value: number | null): string {
  return value === null ? i18n.t('report.notDefined') : new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}
