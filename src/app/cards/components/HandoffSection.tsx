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
import { calendarDateOf, isoDayOf, type CalendarDate } from '../contract/days.ts';
import type { CardView, ContactOption, HandoffDetailView as HandoffDetail, HandoffFieldKey, HandoffPhase } from '../contract/view-model.ts';
import type { CardData } from '../data/useCardView.ts';
import { useHandoff, type HandoffState, type StepOutcome } from '../data/useHandoff.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { I18n } from '../i18n/format.ts';
import { ErrorExplanation } from './CardFrame.tsx';

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

export { useHandoff };
export type { CardData };

/** A handoff field's name in the user's language; a configured field not on the form keeps its label. */
export function handoffFieldName(i18n: I18n, key: string): string {
  const all = allFields.find(([field]) => field === key);
  return all ? i18n.t(all[1]) : key;
}

export function HandoffSection({ view, state, showHeading = true }: { view: CardView; state: HandoffState; showHeading?: boolean }) {
  const { t } = useI18n();
  return (
    <Flex direction="column" gap="sm" testId="handoff">
      {showHeading ? <Heading>{t('handoff.title')}</Heading> : null}
      <HandoffBody handoff={view.handoff} state={state} />
    </Flex>
  );
}

/** The handoff's phase label, for the collapsed entry. */
export function handoffPhaseLabel(i18n: I18n, handoff: CardView['handoff']): string {
  return i18n.t(phaseLooks[handoff.phase].label);
}

function HandoffBody({ handoff, state }: { handoff: CardView['handoff']; state: HandoffState }) {
  const i18n = useI18n();
  const look = phaseLooks[handoff.phase];
  return (
    <Flex direction="column" gap="sm">
      <Flex direction="row" gap="sm" align="center" wrap>
        <StatusTag variant={look.variant} testId="handoff-status">{i18n.t(look.label)}</StatusTag>
        <Text testId="handoff-completeness">{i18n.t('handoff.completeness', { percent: i18n.percent(handoff.completeness) })}</Text>
      </Flex>
      {handoff.missing.length > 0 ? (
        <Text testId="handoff-missing">
          {i18n.t('handoff.missing', { fields: handoff.missingFields.map((key) => handoffFieldName(i18n, key)).join(i18n.t('list.separator')) })}
        </Text>
      ) : null}
      {handoff.returnComment ? (
        <Alert variant="warning" title={i18n.t('handoff.returned.title')}>
          <Text testId="handoff-return-comment">{handoff.returnComment}</Text>
        </Alert>
      ) : null}
      <StepAlert outcome={state.outcome} reload={state.reload} />
      {handoff.canEdit ? <HandoffForm handoff={handoff} state={state} /> : <HandoffSummary handoff={handoff} />}
      {handoff.canAccept || handoff.canReturn ? <ReviewControls handoff={handoff} state={state} /> : null}
    </Flex>
  );
}

function StepAlert({ outcome, reload }: { outcome: StepOutcome | null; reload: () => void }) {
  const i18n = useI18n();
  if (outcome === null || outcome.status === 'sending' || outcome.step === 'churn') return null;
  if (outcome.status === 'done') {
    return <Alert variant="success" title={i18n.t(`handoff.done.${outcome.step}`)} testId="handoff-done">{i18n.t('handoff.done.body')}</Alert>;
  }
  const { error } = outcome;
  const conflict = error.kind === 'http' && error.code === 'handoff_conflict';
  // An incomplete submit names the fields still missing, in the user's words (nothing for an admin to add).
  const missing = error.kind === 'http' && error.code === 'handoff_incomplete' && error.missingFields?.length ? error.missingFields : null;
  return (
    <Alert variant={conflict ? 'warning' : 'danger'} title={i18n.t(conflict ? 'handoff.conflict.title' : 'handoff.failed.title')} testId="handoff-failed">
      {conflict ? (
        <Text>{i18n.t('handoff.conflict.body')}</Text>
      ) : missing ? (
        <Text>{i18n.t('handoff.submitBlocked', { fields: missing.map((key) => handoffFieldName(i18n, key)).join(i18n.t('list.separator')) })}</Text>
      ) : (
        <ErrorExplanation error={error} />
      )}
      {conflict ? <Button size="sm" onClick={reload} testId="handoff-reload">{i18n.t('handoff.reload')}</Button> : null}
    </Alert>
  );
}

function HandoffForm({ handoff, state }: { handoff: HandoffDetail; state: HandoffState }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { form, setField, outcome, send } = state;
  const sending = outcome?.status === 'sending' ? outcome.step : null;
  const required = new Set(handoff.requiredFields);
  // The required fields still empty in the form as typed (the backend checks again on submit).
  const stillMissing = handoff.requiredFields.filter((key) => !(key in form) || form[key as HandoffFieldKey].trim() === '');
  return (
    <Form preventDefault autoComplete="off">
      <Flex direction="column" gap="sm">
        {textFields.slice(0, 2).map(([key, label]) => (
          <TextArea key={key} name={key} label={t(label)} required={required.has(key)} value={form[key]} rows={3} maxLength={5000} onChange={(value) => setField(key, value)} />
        ))}
        {handoff.contacts.length === 0 ? <Text variant="microcopy">{t('handoff.noContacts')}</Text> : null}
        {contactFields.map(([key, label]) => (
          <ContactSelect key={key} name={key} label={t(label)} required={required.has(key)} value={form[key]} contacts={handoff.contacts} onChange={(value) => setField(key, value)} />
        ))}
        {handoff.contactsLeftOut > 0 ? (
          <Text variant="microcopy" testId="handoff-contacts-left-out">{t('handoff.contactsLeftOut', { shown: handoff.contacts.length, leftOut: handoff.contactsLeftOut })}</Text>
        ) : null}
        {textFields.slice(2).map(([key, label]) => (
          <TextArea key={key} name={key} label={t(label)} required={required.has(key)} value={form[key]} rows={2} maxLength={5000} onChange={(value) => setField(key, value)} />
        ))}
        <DateInput
          name="goLiveDate"
          label={t('handoff.field.goLiveDate')}
          required={required.has('goLiveDate')}
          format="YYYY-MM-DD"
          {...dateValue(form.goLiveDate)}
          onChange={(value) => setField('goLiveDate', fromBaseDate(value))}
        />
        <Flex direction="row" gap="sm">
          <LoadingButton variant="secondary" loading={sending === 'save'} onClick={() => send('save')} testId="handoff-save">{t('handoff.save')}</LoadingButton>
          <LoadingButton variant="primary" disabled={stillMissing.length > 0} loading={sending === 'submit'} onClick={() => send('submit')} testId="handoff-submit">{t('handoff.submit')}</LoadingButton>
        </Flex>
        {stillMissing.length > 0 ? (
          <Text variant="microcopy" testId="handoff-submit-blocked">
            {t('handoff.submitBlocked', { fields: stillMissing.map((key) => handoffFieldName(i18n, key)).join(t('list.separator')) })}
          </Text>
        ) : null}
      </Flex>
    </Form>
  );
}

function ContactSelect(props: { name: string; label: string; required: boolean; value: string; contacts: readonly ContactOption[]; onChange: (value: string) => void }) {
  const { t } = useI18n();
  const options = [{ label: t('handoff.contact.none'), value: '' }, ...props.contacts.map((contact) => ({ label: contact.label, value: contact.id }))];
  return <Select name={props.name} label={props.label} required={props.required} value={props.value} options={options} onChange={(value) => props.onChange(String(value))} />;
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

/** 'YYYY-MM-DD' as DateInput's value; an empty date leaves the input empty. */
function dateValue(value: string): { value?: CalendarDate } {
  const date = calendarDateOf(value);
  return date === null ? {} : { value: date };
}

function fromBaseDate(value: CalendarDate | null | undefined): string {
  return value ? isoDayOf(value) : '';
}
