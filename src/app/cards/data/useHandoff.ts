import { useCallback, useState } from 'react';
import type { CardView, HandoffFieldKey, HandoffFields } from '../contract/view-model.ts';
import { sendChurnReason, sendHandoffStep } from './cardApi.ts';
import type { BackendError, HandoffStep, Result } from './cardApi.ts';
import type { CardData } from './useCardView.ts';

export type StepName = HandoffStep['action'] | 'churn';

/** The last step's result; a failed one keeps what the user typed in the form. */
export type StepOutcome =
  | { readonly status: 'sending'; readonly step: StepName }
  | { readonly status: 'done'; readonly step: StepName }
  | { readonly status: 'failed'; readonly step: StepName; readonly error: BackendError };

export interface HandoffState {
  /** What the user has typed: starts as the stored handoff, survives a refused step. */
  readonly form: HandoffFields;
  readonly setField: (key: HandoffFieldKey, value: string) => void;
  readonly returnComment: string;
  readonly setReturnComment: (value: string) => void;
  readonly churnReason: string;
  readonly setChurnReason: (value: string) => void;
  readonly churnComment: string;
  readonly setChurnComment: (value: string) => void;
  readonly outcome: StepOutcome | null;
  readonly send: (step: 'save' | 'submit' | 'accept' | 'return') => void;
  readonly recordChurn: () => void;
  /** Loads what is stored now, replacing the form (after a conflict, when the user chooses to). */
  readonly reload: () => void;
}


/** The form the user edits over the handoff of the card view, and the steps that change it. */
export function useHandoff(view: CardView, data: CardData): HandoffState {
  const stored = view.handoff.fields;
  const version = view.handoff.version;
  const [form, setForm] = useState<HandoffFields>(stored);
  const [returnComment, setReturnComment] = useState('');
  // The churn form starts with the lost deal's reason (closed_lost_reason), which the CSM may change.
  const suggestion = view.churn?.suggestion ?? null;
  const lostDealId = view.churn?.needed === true ? (view.churn.lostDeal?.id ?? null) : null;
  const [churnReason, setChurnReason] = useState<string>(suggestion?.reason ?? '');
  const [churnComment, setChurnComment] = useState(suggestion?.comment ?? '');
  const [outcome, setOutcome] = useState<StepOutcome | null>(null);

  // A new stored version (a step went through, or the user loaded the current one) replaces the
  // form; a refused step leaves the version, and so the user's entries, alone. Adjusted while
  // rendering, not in an effect: a late effect would overwrite what the user just typed.
  const [formVersion, setFormVersion] = useState(version);
  if (version !== formVersion) {
    setFormVersion(version);
    setForm(stored);
  }
  // Another lost renewal asks for the reason now: start its form from its own suggestion.
  const [churnDealId, setChurnDealId] = useState(lostDealId);
  if (lostDealId !== churnDealId) {
    setChurnDealId(lostDealId);
    setChurnReason(suggestion?.reason ?? '');
    setChurnComment(suggestion?.comment ?? '');
  }

  const setField = useCallback((key: HandoffFieldKey, value: string) => setForm((all) => ({ ...all, [key]: value })), []);
  const { client, refresh, replaceView, locale } = data;
  const companyId = view.companyId;
  const busy = outcome?.status === 'sending';

  const finish = useCallback(
    (step: StepName, result: Result<CardView>) => {
      if (!result.ok) {
        setOutcome({ status: 'failed', step, error: result.error });
        return;
      }
      setReturnComment('');
      setOutcome({ status: 'done', step });
      replaceView(result.value);
    },
    [replaceView],
  );

  const send = useCallback(
    (action: 'save' | 'submit' | 'accept' | 'return') => {
      if (version === null || busy) return;
      const step: HandoffStep =
        action === 'save' || action === 'submit' ? { action, fields: form } : action === 'return' ? { action, comment: returnComment } : { action, locale };
      setOutcome({ status: 'sending', step: action });
      void sendHandoffStep(client, companyId, version, step).then((result) => finish(action, result));
    },
    [client, companyId, version, busy, form, returnComment, locale, finish],
  );

  const recordChurn = useCallback(() => {
    if (busy) return;
    setOutcome({ status: 'sending', step: 'churn' });
    void sendChurnReason(client, companyId, churnReason, churnComment).then((result) => finish('churn', result));
  }, [client, companyId, busy, churnReason, churnComment, finish]);

  const reload = useCallback(() => {
    setOutcome(null);
    refresh();
  }, [refresh]);

  return { form, setField, returnComment, setReturnComment, churnReason, setChurnReason, churnComment, setChurnComment, outcome, send, recordChurn, reload };
}
