import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CardView } from '../contract/view-model.ts';
import { createActionTask, fetchCardView } from './cardApi.ts';
import type { TaskReceipt } from '../contract/task.ts';
import type { BackendClient, BackendError } from './cardApi.ts';

export type ViewState =
  | { readonly status: 'loading'; readonly busy?: boolean }
  | { readonly status: 'error'; readonly error: BackendError }
  | { readonly status: 'ready'; readonly view: CardView };

export type TaskState =
  | { readonly status: 'creating' }
  | { readonly status: 'created'; readonly receipt: TaskReceipt }
  | { readonly status: 'failed'; readonly error: BackendError };

export interface CardData {
  readonly state: ViewState;
  readonly retry: () => void;
  /** Per action id; an action without an entry has not been touched in this session. */
  readonly tasks: Readonly<Record<string, TaskState>>;
  readonly createTask: (actionId: string) => void;
  /** The backend the card talks to, for sections that load their own data (the handoff). */
  readonly client: BackendClient;
  /** Reloads the view without the loading state (the handoff's "load the current version"). */
  readonly refresh: () => void;
  /** Shows a view the backend answered a change with. */
  readonly replaceView: (view: CardView) => void;
  /** The card user's locale, as HubSpot gave it: the backend writes tasks in it. */
  readonly locale?: string | undefined;
}

/** Loads one company's card view and turns suggested actions into tasks; shared by every card location. */
export function useCardView(client: BackendClient, companyId: string, locale?: string): CardData {
  const [state, setState] = useState<ViewState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [tasks, setTasks] = useState<Record<string, TaskState>>({});
  const creating = useRef(new Set<string>());
  const { fetchFn, baseUrl } = client;

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    const onBusy = () => {
      if (current) setState({ status: 'loading', busy: true });
    };
    void fetchCardView({ fetchFn, baseUrl }, companyId, onBusy).then((result) => {
      if (!current) return;
      setState(result.ok ? { status: 'ready', view: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [fetchFn, baseUrl, companyId, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const asOf = state.status === 'ready' ? state.view.asOf : null;
  const createTask = useCallback(
    (actionId: string) => {
      // A second click while the first request is in flight must not create a second task.
      if (asOf === null || creating.current.has(actionId)) return;
      creating.current.add(actionId);
      setTasks((all) => ({ ...all, [actionId]: { status: 'creating' } }));
      void createActionTask({ fetchFn, baseUrl }, companyId, actionId, asOf, locale).then((result) => {
        creating.current.delete(actionId);
        const next: TaskState = result.ok ? { status: 'created', receipt: result.value } : { status: 'failed', error: result.error };
        setTasks((all) => ({ ...all, [actionId]: next }));
      });
    },
    [fetchFn, baseUrl, companyId, asOf, locale],
  );

  const refresh = useCallback(() => {
    void fetchCardView({ fetchFn, baseUrl }, companyId).then((result) => {
      if (result.ok) setState({ status: 'ready', view: result.value });
    });
  }, [fetchFn, baseUrl, companyId]);

  const backend = useMemo(() => ({ fetchFn, baseUrl }), [fetchFn, baseUrl]);
  const replaceView = useCallback((view: CardView) => setState({ status: 'ready', view }), []);
  return { state, retry, tasks, createTask, client: backend, refresh, replaceView, locale };
}
