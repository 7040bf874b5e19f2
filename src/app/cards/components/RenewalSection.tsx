import { DescriptionList, DescriptionListItem, Flex, Heading, StatusTag, Text } from '@hubspot/ui-extensions';
import type { CardView, FactorView } from '../contract/view-model.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { factorFact, missingRenewalLine, renewalRecordLines, renewalValue, renewalWhen } from './presentation.ts';

type Renewal = CardView['renewal'];

/**
 * Date (absolute and relative), value and window (for a lapsed contract, the day it ended and no renewal on record); the full version adds the deal stage (its
 * label from HubSpot's pipelines, never its internal id), the source and the customer's value.
 */
export function RenewalSection({ renewal, asOf, unread = null, compact = false }: { renewal: Renewal; asOf: string; unread?: FactorView | null; compact?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (renewal.date === null) {
    const missing = missingRenewalLine(i18n, renewal, unread);
    return (
      <Flex direction="column" gap="xs" testId="renewal-none">
        <Heading>{t('renewal.title')}</Heading>
        <Text format={{ fontWeight: 'demibold' }} testId="renewal-none-title">{missing ?? t('renewal.none.title')}</Text>
        <RecordLines lines={renewalRecordLines(i18n, renewal, missing === null)} />
        {compact || missing !== null ? null : <Text variant="microcopy">{t('renewal.none.body')}</Text>}
        {compact ? null : (
          <DescriptionList>
            <CustomerValueItems renewal={renewal} unread={unread} />
          </DescriptionList>
        )}
      </Flex>
    );
  }
  // A lapsed contract's date is the day it ended, with no renewal on record, not an overdue renewal;
  // while the deals could not be read, the date is the company's property, and the section says why.
  const { label, look: window } = renewalWhen(renewal, unread);
  return (
    <Flex direction="column" gap="xs" testId="renewal">
      <Heading>{t('renewal.title')}</Heading>
      <DescriptionList direction="column">
        <DescriptionListItem label={t(label)}>
          <Flex direction="row" gap="xs" align="center" wrap>
            <Text testId="renewal-date">{i18n.dayWithRelative(renewal.date, asOf)}</Text>
            {window ? <StatusTag variant={window.variant} testId="renewal-window">{t(window.label)}</StatusTag> : null}
          </Flex>
        </DescriptionListItem>
        <DescriptionListItem label={t('renewal.value')}>
          <Text testId="renewal-value" format={{ fontWeight: 'demibold' }}>
            {renewalValue(i18n, renewal) ?? t('renewal.noValue')}
          </Text>
        </DescriptionListItem>
        {compact ? null : <RenewalDealItems renewal={renewal} unread={unread} />}
      </DescriptionList>
      <RecordLines lines={renewalRecordLines(i18n, renewal)} />
      {unread === null ? null : <Text variant="microcopy" testId="renewal-unread">{factorFact(i18n, unread)}</Text>}
    </Flex>
  );
}

/** The last decided renewal and the stale renewal deals (presentation.ts renewalRecordLines), one line each. */
function RecordLines({ lines }: { lines: readonly string[] }) {
  return (
    <>
      {lines.map((line, index) => (
        <Text key={index} variant="microcopy" testId={`renewal-record-${index}`}>
          {line}
        </Text>
      ))}
    </>
  );
}

/**
 * The record tab's renewal detail, below its first screen (which shows the compact section):
 * the deal stage, the source and the customer's value so far; without a renewal (none on record, not a lost one), how to record one.
 */
export function RenewalDetails({ renewal, unread = null }: { renewal: Renewal; unread?: FactorView | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <Flex direction="column" gap="xs" testId="renewal-details">
      {renewal.date === null && missingRenewalLine(i18n, renewal, unread) === null ? <Text variant="microcopy">{t('renewal.none.body')}</Text> : null}
      <DescriptionList direction="column">
        {renewal.date === null ? <CustomerValueItems renewal={renewal} unread={unread} /> : <RenewalDealItems renewal={renewal} unread={unread} />}
      </DescriptionList>
    </Flex>
  );
}

function RenewalDealItems({ renewal, unread }: { renewal: Renewal; unread: FactorView | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  // The stage's label as HubSpot shows it; a stage the pipelines API did not name is not shown as its id.
  // While the deals could not be read, "No renewal deal" would be a guess: no stage then.
  const stage = renewal.dealId === null ? (unread === null ? t('renewal.noStage') : null) : (renewal.stageLabel ?? null);
  return (
    <>
      {stage === null ? null : (
        <DescriptionListItem label={t('renewal.stage')}>
          <Text testId="renewal-stage">{stage}</Text>
        </DescriptionListItem>
      )}
      {renewal.source ? (
        <DescriptionListItem label={t('renewal.source')}>
          <Text>{t(`renewal.source.${renewal.source}`)}</Text>
        </DescriptionListItem>
      ) : null}
      <CustomerValueItems renewal={renewal} unread={unread} />
    </>
  );
}

/**
 * Since when the company is a customer and the revenue won from it so far (its lifetime value to
 * date); nothing when the deals could not be read, which would read "not a customer yet" and 0.
 */
function CustomerValueItems({ renewal, unread }: { renewal: Renewal; unread: FactorView | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (unread !== null || (renewal.customerSince === undefined && renewal.lifetimeRevenue === undefined)) return null;
  return (
    <>
      <DescriptionListItem label={t('renewal.customerSince')}>
        <Text testId="customer-since">{renewal.customerSince ? i18n.date(renewal.customerSince) : t('renewal.notCustomerYet')}</Text>
      </DescriptionListItem>
      <DescriptionListItem label={t('renewal.lifetimeRevenue')}>
        <Text testId="lifetime-revenue">
          {renewal.lifetimeRevenue === null || renewal.lifetimeRevenue === undefined
            ? t('renewal.lifetimeRevenueMixed')
            : i18n.money(renewal.lifetimeRevenue, renewal.lifetimeRevenueCurrency ?? renewal.currency)}
        </Text>
      </DescriptionListItem>
    </>
  );
}
