import {
  Alert,
  Button,
  DateInput,
  DescriptionList,
  DescriptionListItem,
  Flex,
  Form,
  Heading,
  LoadingButton,
  Select,
  StatusTag,
  Text,
  TextArea,
} from '@hubspot/ui-extensions';
import type { CardView, ContactOption, HandoffDetailView as HandoffDetail, HandoffFieldKey, HandoffPhase } from '../../../domain/view-model.ts';
import type { CardData } from '../data/useCardView.ts';
import { useHandoff, type HandoffState, type StepOutcome } from '../data/useHandoff.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { ChurnReasonSection } from './ChurnReasonSection.tsx';
import { errorText } from './CardFrame.tsx';

// The sales -> CS handoff on the tab card. What to show (status, completeness, the missing
// fields, which buttons) comes from the backend; this only draws it and sends the user's steps.

const phaseLooks: Readonly<Record<HandoffPhase, { variant: 'default' | 'info' | 'success' | 'warning'; label: MessageKey }>> = {
  not_started: { variant: 'default', label: 'handoff.phase.not_started' },
  draft: { variant: 'info', label: 'handoff.phase.draft' },
  submitted: { variant: 'info', label: 'handoff.phase.submitted' },
  accepted: { variant: 'success', label: 'handoff.phase.accepted' },
  returned: { variant: 'warning', label: 'handoff.phase.returned' },
};

const textFields: ReadonlyArray<readonly [HandoffFieldKey, MessageKey]> = [
  ['goals', 'handoff.field.goals'],
  ['successCriteria', 'handoff.field.successCriteria'],
  ['promisedScope', 'handoff.field.promisedScope'],
  ['specialTerms', 'handoff.field.specialTerms'],
  ['risks', 'handoff.field.risks'],
];
const contactFields: ReadonlyArray<readonly [HandoffFieldKey, MessageKey]> = [
  ['championId', 'handoff.field.championId'],
  ['economicBuyerId', 'handoff.field.economicBuyerId'],
];
const allFields: ReadonlyArray<readonly [HandoffFieldKey, MessageKey]> = [
  ...textFields.slice(0, 2),
  ...contactFields,
  ...textFields.slice(2),
  ['goLiveDate', 'handoff.field.goLiveDate'],
];

export function HandoffSection({ view, data }: { view: CardView; data: CardData }) {
  const { t } = useI18n();
  const state = useHandoff(view, data);
  return (
    <Flex direction="column" gap="sm" testId="handoff">
      <Heading>{t('handoff.title')}</Heading>
      <HandoffBody handoff={view.handoff} state={state} />
      {view.churn ? <ChurnReasonSection churn={view.churn} state={state} /> : null}
    </Flex>
  );
}

function HandoffBody({ handoff, state }: { handoff: CardView['handoff']; state: HandoffState }) {
  const i18n = useI18n();
  // A backend older than the handoff form sends only the status: show it, offer no steps.
  const look = phaseLooks[handoff.phase ?? (handoff.status === 'not_started' ? 'not_started' : handoff.status)];
  const detail = detailOf(handoff);
  return (
    <Flex direction="column" gap="sm">
      <Flex direction="row" gap="sm" align="center" wrap>
        <StatusTag variant={look.variant} testId="handoff-status">{i18n.t(look.label)}</StatusTag>
        <Text testId="handoff-completeness">{i18n.t('handoff.completeness', { percent: i18n.percent(handoff.completeness) })}</Text>
      </Flex>
      {handoff.missing.length > 0 ? <Text testId="handoff-missing">{i18n.t('handoff.missing', { fields: handoff.missing.join(', ') })}</Text> : null}
      {handoff.returnComment ? (
        <Alert variant="warning" title={i18n.t('handoff.returned.title')}>
          <Text testId="handoff-return-comment">{handoff.returnComment}</Text>
        </Alert>
      ) : null}
      <StepAlert outcome={state.outcome} reload={state.reload} />
      {detail === null ? null : detail.canEdit ? <HandoffForm handoff={detail} state={state} /> : <HandoffSummary handoff={detail} />}
      {detail !== null && (detail.canAccept || detail.canReturn) ? <ReviewControls handoff={detail} state={state} /> : null}
    </Flex>
  );
}

/** The handoff with its detail, or null when the backend did not send it. */
function detailOf(handoff: CardView['handoff']): HandoffDetail | null {
  const { phase, version, fields, csmOwnerId, canEdit, canSubmit, canAccept, canReturn, contacts } = handoff;
  if (phase === undefined || version === undefined || fields === undefined || contacts === undefined) return null;
  return {
    ...handoff,
    phase,
    version,
    fields,
    submittedAt: handoff.submittedAt ?? null,
    acceptedAt: handoff.acceptedAt ?? null,
    returnedAt: handoff.returnedAt ?? null,
    returnComment: handoff.returnComment ?? null,
    csmOwnerId: csmOwnerId ?? null,
    canEdit: canEdit ?? false,
    canSubmit: canSubmit ?? false,
    canAccept: canAccept ?? false,
    canReturn: canReturn ?? false,
    contacts,
  };
}

function StepAlert({ outcome, reload }: { outcome: StepOutcome | null; reload: () => void }) {
  const i18n = useI18n();
  if (outcome === null || outcome.status === 'sending' || outcome.step === 'churn') return null;
  if (outcome.status === 'done') {
    return <Alert variant="success" title={i18n.t(`handoff.done.${outcome.step}`)} testId="handoff-done">{i18n.t('handoff.done.body')}</Alert>;
  }
  const { error } = outcome;
  const conflict = error.kind === 'http' && error.code === 'handoff_conflict';
  const message = error.kind === 'http' && error.status < 500 && error.detail ? error.detail : errorText(i18n, error);
  return (
    <Alert variant={conflict ? 'warning' : 'danger'} title={i18n.t(conflict ? 'handoff.conflict.title' : 'handoff.failed.title')} testId="handoff-failed">
      <Text>{message}</Text>
      {conflict ? <Text>{i18n.t('handoff.conflict.body')}</Text> : null}
      {conflict ? <Button size="sm" onClick={reload} testId="handoff-reload">{i18n.t('handoff.reload')}</Button> : null}
    </Alert>
  );
}

function HandoffForm({ handoff, state }: { handoff: HandoffDetail; state: HandoffState }) {
  const { t } = useI18n();
  const { form, setField, outcome, send } = state;
  const sending = outcome?.status === 'sending' ? outcome.step : null;
  return (
    <Form preventDefault autoComplete="off">
      <Flex direction="column" gap="sm">
        {textFields.slice(0, 2).map(([key, label]) => (
          <TextArea key={key} name={key} label={t(label)} value={form[key]} rows={3} maxLength={5000} onChange={(value) => setField(key, value)} />
        ))}
        {handoff.contacts.length === 0 ? <Text variant="microcopy">{t('handoff.noContacts')}</Text> : null}
        {contactFields.map(([key, label]) => (
          <ContactSelect key={key} name={key} label={t(label)} value={form[key]} contacts={handoff.contacts} onChange={(value) => setField(key, value)} />
        ))}
        {textFields.slice(2).map(([key, label]) => (
          <TextArea key={key} name={key} label={t(label)} value={form[key]} rows={2} maxLength={5000} onChange={(value) => setField(key, value)} />
        ))}
        <DateInput
          name="goLiveDate"
          label={t('handoff.field.goLiveDate')}
          format="YYYY-MM-DD"
          {...dateValue(form.goLiveDate)}
          onChange={(value) => setField('goLiveDate', fromBaseDate(value))}
        />
        <Flex direction="row" gap="sm">
          <LoadingButton variant="secondary" loading={sending === 'save'} onClick={() => send('save')} testId="handoff-save">{t('handoff.save')}</LoadingButton>
          <LoadingButton variant="primary" loading={sending === 'submit'} onClick={() => send('submit')} testId="handoff-submit">{t('handoff.submit')}</LoadingButton>
        </Flex>
      </Flex>
    </Form>
  );
}

function ContactSelect(props: { name: string; label: string; value: string; contacts: readonly ContactOption[]; onChange: (value: string) => void }) {
  const { t } = useI18n();
  const options = [{ label: t('handoff.contact.none'), value: '' }, ...props.contacts.map((contact) => ({ label: contact.label, value: contact.id }))];
  return <Select name={props.name} label={props.label} value={props.value} options={options} onChange={(value) => props.onChange(String(value))} />;
}

function HandoffSummary({ handoff }: { handoff: HandoffDetail }) {
  const i18n = useI18n();
  const contactName = (id: string) => handoff.contacts.find((contact) => contact.id === id)?.label ?? id;
  const shown = (key: HandoffFieldKey) => {
    const value = handoff.fields[key];
    if (value === '') return i18n.t('handoff.empty');
    if (key === 'championId' || key === 'economicBuyerId') return contactName(value);
    return key === 'goLiveDate' ? i18n.date(value) : value;
  };
  return (
    <Flex direction="column" gap="xs" testId="handoff-summary">
      {handoff.submittedAt ? <Text variant="microcopy">{i18n.t('handoff.submittedAt', { dateTime: i18n.dateTime(handoff.submittedAt) })}</Text> : null}
      {handoff.acceptedAt && handoff.status === 'accepted' ? <Text variant="microcopy">{i18n.t('handoff.acceptedAt', { dateTime: i18n.dateTime(handoff.acceptedAt) })}</Text> : null}
      <DescriptionList direction="column">
        {allFields.map(([key, label]) => (
          <DescriptionListItem key={key} label={i18n.t(label)}>
            <Text>{shown(key)}</Text>
          </DescriptionListItem>
        ))}
      </DescriptionList>
    </Flex>
  );
}

function ReviewControls({ handoff, state }: { handoff: HandoffDetail; state: HandoffState }) {
  const { t } = useI18n();
  const sending = state.outcome?.status === 'sending' ? state.outcome.step : null;
  return (
    <Flex direction="column" gap="sm" testId="handoff-review">
      {handoff.canAccept ? (
        <Flex direction="row">
          <LoadingButton variant="primary" loading={sending === 'accept'} onClick={() => state.send('accept')} testId="handoff-accept">{t('handoff.accept')}</LoadingButton>
        </Flex>
      ) : null}
      {handoff.canReturn ? (
        <Form preventDefault autoComplete="off">
          <Flex direction="column" gap="xs">
            <TextArea name="returnComment" label={t('handoff.returnComment')} value={state.returnComment} rows={2} maxLength={2000} onChange={state.setReturnComment} />
            <Flex direction="row">
              <LoadingButton variant="secondary" loading={sending === 'return'} onClick={() => state.send('return')} testId="handoff-return">{t('handoff.return')}</LoadingButton>
            </Flex>
          </Flex>
        </Form>
      ) : null}
    </Flex>
  );
}

/** 'YYYY-MM-DD' <-> DateInput's {year, month (0-based), date}; an empty date leaves the input empty. */
function dateValue(value: string): { value?: { year: number; month: number; date: number } } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return {};
  return { value: { year: Number(match[1]), month: Number(match[2]) - 1, date: Number(match[3]) } };
}

function fromBaseDate(value: { year: number; month: number; date: number } | null | undefined): string {
  if (!value) return '';
  return `${String(value.year).padStart(4, '0')}-${String(value.month + 1).padStart(2, '0')}-${String(value.date).padStart(2, '0')}`;
}
