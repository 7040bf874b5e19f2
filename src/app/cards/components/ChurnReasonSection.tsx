import { Alert, Flex, Form, Heading, LoadingButton, Select, Text, TextArea } from '@hubspot/ui-extensions';
import { isChurnReason, type ChurnReason } from '../contract/churn.ts';
import type { ChurnView } from '../contract/view-model.ts';
import type { HandoffState } from '../data/useHandoff.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { ErrorExplanation } from './CardFrame.tsx';

// The churn reason, asked for when the backend says a renewal was lost and no reason is recorded.

const reasonLabels: Readonly<Record<ChurnReason, MessageKey>> = {
  competitor: 'churn.reason.competitor',
  value_not_realised: 'churn.reason.value_not_realised',
  budget: 'churn.reason.budget',
  out_of_business_or_ma: 'churn.reason.out_of_business_or_ma',
  product_gap: 'churn.reason.product_gap',
  other: 'churn.reason.other',
};

export function ChurnReasonSection({ churn, state }: { churn: ChurnView; state: HandoffState }) {
  const i18n = useI18n();
  const { t } = i18n;
  const outcome = state.outcome?.step === 'churn' ? state.outcome : null;
  if (!churn.needed) {
    if (churn.reason === null) {
      // Refused because nothing asks for a reason (any more): say so where the form was.
      const refused = outcome?.status === 'failed' && outcome.error.kind === 'http' && outcome.error.code === 'churn_reason_not_needed';
      return refused ? <Alert variant="warning" title={t('churn.failed')} testId="churn-failed">{t('churn.notNeeded')}</Alert> : null;
    }
    const label = isChurnReason(churn.reason) ? t(reasonLabels[churn.reason]) : churn.reason;
    return (
      <Flex direction="column" gap="xs" testId="churn-recorded">
        {outcome?.status === 'done' ? <Alert variant="success" title={t('churn.done')}>{t('handoff.done.body')}</Alert> : null}
        <Text>{t('churn.recorded', { reason: label })}</Text>
        {churn.comment ? <Text variant="microcopy">{churn.comment}</Text> : null}
      </Flex>
    );
  }
  const deal = churn.lostDeal?.name ?? churn.lostDeal?.id ?? '';
  const options = churn.reasons.map((reason) => ({ label: isChurnReason(reason) ? t(reasonLabels[reason]) : reason, value: reason }));
  return (
    <Flex direction="column" gap="sm" testId="churn-form">
      <Heading>{t('churn.title')}</Heading>
      <Text>{t('churn.lost', { deal })}</Text>
      {churn.suggestion ? <Text variant="microcopy" testId="churn-prefilled">{t('churn.prefilled')}</Text> : null}
      {outcome?.status === 'failed' ? (
        <Alert variant="danger" title={t('churn.failed')} testId="churn-failed">
          {outcome.error.kind === 'http' && outcome.error.code === 'churn_reason_not_needed' ? t('churn.notNeeded') : <ErrorExplanation error={outcome.error} />}
        </Alert>
      ) : null}
      <Form preventDefault autoComplete="off">
        <Flex direction="column" gap="xs">
          <Select name="churnReason" label={t('churn.reason')} required value={state.churnReason} options={options} onChange={(value) => state.setChurnReason(String(value))} />
          <TextArea name="churnComment" label={t('churn.comment')} description={t('churn.commentHint')} value={state.churnComment} rows={2} maxLength={2000} onChange={state.setChurnComment} />
          <Flex direction="row">
            <LoadingButton variant="primary" loading={outcome?.status === 'sending'} onClick={state.recordChurn} testId="churn-record">{t('churn.record')}</LoadingButton>
          </Flex>
        </Flex>
      </Form>
    </Flex>
  );
}
