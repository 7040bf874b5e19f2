import { explanationText } from '../health/factor.ts';
import type { WrittenWording } from '../sync/written-values.ts';
import type { NoteWording } from '../handoff/note-wording.ts';
import type { OnboardingWording } from '../handoff/onboarding-wording.ts';
import type { PropertyWords } from '../properties.ts';
import type { ManagerListKey } from '../portfolio/manager-lists.ts';
import type { TaskWording } from '../playbooks/action-tasks.ts';
import { multiline } from '../handoff/note-html.ts';

// Small wordings for the domain's unit tests: they show which part goes where (keys, codes, the
// domain's own factor labels and explanations), not the product's words. The product's words,
// English included, come from the message catalog (src/usecases/portal-wording.ts,
// src/usecases/onboarding-wording.ts), tested there.

/** The drivers and next action from the domain's own factor labels, explanations and action titles. */
export const testWritten: WrittenWording = {
  driver: (factor) => `${factor.label} ${factor.score}/100: ${explanationText(factor.explanation)}`,
  driverSeparator: '; ',
  nextAction: (action) => action.title,
};

/** Note lines named by their parts: the step, the field key, the reason code. */
export const testNotes: NoteWording = {
  handoffHeading: (step) => `handoff ${step}`,
  version: (version) => `(v${version})`,
  label: (label) => `${label}:`,
  fieldLabel: (key) => key,
  contact: (name, id) => `${name ?? 'contact'} #${id}`,
  comment: 'comment',
  recordedBy: 'recorded',
  truncated: '<p>[cut]</p>',
  churnHeading: 'churn',
  churnReasonLabel: 'reason',
  churnReason: (reason) => reason,
  lostRenewal: 'lost',
  lostDeal: (name, id, closed) => `${name ?? id}${closed === null ? '' : ` ${closed}`}`,
};

/** Task lines named by their parts. */
export const testOnboarding: OnboardingWording = {
  kickoffSubject: (company) => `kickoff ${company ?? '-'}`,
  kickoffBody: 'kickoff',
  goLiveSubject: (company) => `go-live ${company ?? '-'}`,
  goLiveBody: (company, planned) => `go-live ${company ?? '-'} ${planned ?? '-'}`,
  fieldLabel: (key) => `${key}:`,
  createdBy: 'created',
};

/** Labels that are their keys, descriptions `about <key>`; options `set:value`. */
export const testPropertyWords: PropertyWords = {
  groupLabel: 'group',
  label: (key) => key,
  description: (key) => `about ${key}`,
  option: (set, value) => `${set}:${value}`,
  handoffField: (field, label) => `handoff:${field ?? label}`,
  handoffFieldDescription: (field, label, contactId) => `about handoff:${field ?? label}${contactId ? ' (contact id)' : ''}`,
};

/** A list's name is its key. */
export const testListName = (key: ManagerListKey): string => key;

/** A task worded from the action's own title and reason (escaped, as the shell's wording is). */
export const testTask = (action: { readonly title: string; readonly reason: string }): TaskWording => ({ subject: action.title, body: multiline(action.reason) });
