import { describe, expect, it } from 'vitest';
import { emptySyncState, type SyncState } from '../state/sync-state.ts';
import { completedState, planRun } from './sync-plan.ts';

// Which run a sync is when the portal's language (config portalLanguage) changed: every
// company's drivers and next action are in the language of the last full run.

const now = new Date('2026-12-07T10:00:00.000Z');
const asOf = '2026-12-07';

/** The state after a completed full run in `language` (undefined: the default, English). */
function afterFullRun(language?: string): SyncState {
  const { run } = planRun(emptySyncState, { asOf: '2026-12-06', full: true }, new Date('2026-12-06T10:00:00.000Z'), 'UTC', language);
  return completedState(emptySyncState, run, new Date('2026-12-06T10:05:00.000Z'));
}

describe('sync runs and the portal language', () => {
  it('stays incremental, and keeps the state as before, while the language is English', () => {
    const state = afterFullRun();
    expect(state).not.toHaveProperty('portalLanguage');
    expect(state.lastRun).not.toHaveProperty('portalLanguage');
    expect(planRun(state, { asOf }, now, 'UTC').run.mode).toBe('incremental');
    expect(planRun(state, { asOf }, now, 'UTC', 'en').run.mode).toBe('incremental');
  });

  it('runs in full once the language changes, saying why, and incrementally after that', () => {
    const { run } = planRun(afterFullRun(), { asOf }, now, 'UTC', 'pl');
    expect(run).toMatchObject({ mode: 'full', reason: { code: 'sync.reason.languageChanged', params: { from: 'en', to: 'pl' } }, portalLanguage: 'pl' });
    const state = completedState(afterFullRun(), run, now);
    expect(state.portalLanguage).toBe('pl');
    expect(planRun(state, { asOf }, now, 'UTC', 'pl').run.mode).toBe('incremental');
    expect(planRun(state, { asOf }, now, 'UTC', 'en').run).toMatchObject({ mode: 'full', reason: { params: { from: 'pl', to: 'en' } } });
  });

  it('keeps the language of the last full run through incremental ones', () => {
    const state = afterFullRun('ja');
    const { run } = planRun(state, { asOf }, now, 'UTC', 'ja');
    expect(run.mode).toBe('incremental');
    expect(completedState(state, run, now).portalLanguage).toBe('ja');
  });

  it('resumes an interrupted run only in the language it started in', () => {
    const { run } = planRun(afterFullRun(), { asOf }, now, 'UTC', 'pl');
    const interrupted: SyncState = { ...afterFullRun(), pending: { ...run, afterId: '120' } };
    expect(planRun(interrupted, { asOf }, now, 'UTC', 'pl')).toMatchObject({ resumed: true, run: { afterId: '120' } });
    expect(planRun(interrupted, { asOf }, now, 'UTC', 'th')).toMatchObject({ resumed: false, run: { mode: 'full', afterId: null, portalLanguage: 'th' } });
  });
});
