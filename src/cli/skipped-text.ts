import type { I18n } from '../app/cards/i18n/format.ts';
import type { SkippedCompany } from '../usecases/sync.ts';

// A company a sync left unwritten, in the reader's words: its id (or that HubSpot gave none that
// could be read) and why, each reason with HubSpot's answer when there is one.

/** The `companyId` and `reasons` parameters of cli.sync.skippedCompany and cli.start.skipped. */
export function skippedParams(skipped: SkippedCompany, i18n: I18n): { companyId: string; reasons: string } {
  const reasons = skipped.reasons.map(({ what, detail }) =>
    detail === undefined ? i18n.message(what) : i18n.t('cli.sync.reasonDetail', { what: i18n.message(what), detail: i18n.message(detail) }),
  );
  return {
    companyId: /^\d+$/.test(skipped.companyId) ? skipped.companyId : i18n.t('cli.sync.unknownCompany'),
    reasons: reasons.join(i18n.t('list.clauseSeparator')),
  };
}
