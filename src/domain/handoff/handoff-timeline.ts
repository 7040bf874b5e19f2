import type { CsConfig } from '../../config/schema.ts';
import { actionMarker } from '../playbooks/action-tasks.ts';
import { addDays } from '../parsing/index.ts';
import { contactLabel } from './handoff-contacts.ts';
import { csmOwnerId, handoffFieldKeys, handoffFields, handoffStateProperties, type HandoffFields } from './handoff.ts';
import type { HandoffAction } from '../../app/cards/contract/handoff.ts';
import { defuseMarkers, escapeHtml, fitNote, multiline } from './note-html.ts';
import { gapBetween, labelled, type HandoffStep, type NoteWording } from './note-wording.ts';
import type { OnboardingWording } from './onboarding-wording.ts';
import { textOf } from '../parsing/index.ts';
import type { CrmRecord, PropertyValues } from '../card/snapshot.ts';
import type { HandoffStatus } from '../../app/cards/contract/view-model.ts';

// What each handoff step leaves in HubSpot besides the properties: a timeline note with the full
// content, and when CS accepts, the onboarding tasks for the CSM. Each carries a marker, so a
// retried step can tell whether the first attempt already created it.

export interface HandoffNote {
  readonly body: string;
  /** Found in the body; tells whether the note of this change already exists. */
  readonly marker: string;
}

export interface OnboardingTask {
  readonly marker: string;
  readonly subject: string;
  readonly body: string;
  readonly priority: 'HIGH' | 'MEDIUM' | 'LOW';
  readonly dueDate: string;
  readonly ownerId: string | null;
}

export interface HandoffEffects {
  /** Null for a draft save: only submit, accept and return go on the timeline. */
  readonly note: HandoffNote | null;
  readonly tasks: readonly OnboardingTask[];
}

export interface TimelineContext {
  readonly company: PropertyValues;
  readonly companyName: string | null;
  readonly contacts: readonly CrmRecord[];
  readonly config: CsConfig['handoff'];
  /** YYYY-MM-DD: the day the change happens, for the task due dates. */
  readonly today: string;
  /** The words of the timeline note: the portal's language (the shell's, from the message catalog). */
  readonly notes: NoteWording;
  /** The words of the onboarding tasks: the accepting user's language (the shell's, from the message catalog). */
  readonly onboarding: OnboardingWording;
}

/**
 * The marker of the note one handoff step (action, resulting version) leaves on the timeline.
 *
 * @example
 * noteMarker('accept', 3) // => '[cs-card:handoff-accept-v3]'
 */
export function noteMarker(action: HandoffAction, version: number): string {
  return actionMarker(`handoff-${action}-v${version}`);
}

export const onboardingMarkers = { kickoff: actionMarker('handoff-kickoff'), goLive: actionMarker('handoff-go-live-check') } as const;

/**
 * What a step puts on the timeline (a note with the full content) and, on accept, the onboarding tasks.
 * (`english`: the English wordings the shell builds from the en catalog.)
 *
 * @example
 * // Accepted on 2026-12-07: the kickoff is due kickoffDueDays (5) later, the go-live check on the planned go-live day.
 * handoffEffects('accept', 'submitted', { company: { hubspot_owner_id: '7' }, companyName: 'Acme', contacts: [], config: defaultConfig.handoff, today: '2026-12-07', notes: english.notes, onboarding: english.onboarding }, 3, { cs_handoff_go_live_date: '2027-01-15' })
 *   .tasks.map((task) => [task.subject, task.dueDate, task.ownerId]) // => [['Onboarding kickoff with Acme', '2026-12-12', '7'], ['Go-live check with Acme', '2027-01-15', '7']]
 * handoffEffects('save', 'not_started', { company: {}, companyName: 'Acme', contacts: [], config: defaultConfig.handoff, today: '2026-12-07', notes: english.notes, onboarding: english.onboarding }, 1, {}) // => { note: null, tasks: [] }
 */
export function handoffEffects(action: HandoffAction, previous: HandoffStatus, ctx: TimelineContext, version: number, after: PropertyValues): HandoffEffects {
  if (action === 'save') return { note: null, tasks: [] };
  const marker = noteMarker(action, version);
  const fields = handoffFields(after);
  const words = ctx.notes;
  const steps: Readonly<Record<Exclude<HandoffAction, 'save'>, HandoffStep>> = {
    submit: previous === 'returned' ? 'resubmitted' : 'submitted',
    accept: 'accepted',
    return: 'returned',
  };
  const heading = words.handoffHeading(steps[action]);
  const versionText = words.version(version);
  const lines = [`<p><strong>${escapeHtml(heading)}</strong>${gapBetween(heading, versionText)}${escapeHtml(versionText)}</p>`];
  if (action === 'return') lines.push(labelled(words.label(words.comment), multiline(textOf(after, handoffStateProperties.returnComment) ?? '')));
  lines.push(...fieldLines(fields, ctx.contacts, words));
  const tasks = action === 'accept' ? onboardingTasks(fields, ctx) : [];
  return { note: { body: fitNote(lines.join(''), `<p>${escapeHtml(words.recordedBy)}${gapBetween(words.recordedBy, marker)}${marker}</p>`, words.truncated), marker }, tasks };
}

function fieldLines(fields: HandoffFields, contacts: readonly CrmRecord[], words: NoteWording): string[] {
  const byId = new Map(contacts.map((contact) => [contact.id, contactLabel(contact)]));
  return handoffFieldKeys.map((key) => {
    const value = fields[key];
    const shown = value === '' ? '—' : key === 'championId' || key === 'economicBuyerId' ? words.contact(byId.get(value) ?? null, value) : value;
    return labelled(words.label(words.fieldLabel(key)), multiline(shown));
  });
}

/**
 * The CSM's onboarding tasks. HubSpot renders a task body as HTML: every text that came from a
 * user (goals, criteria, the company's name) is escaped and its markers defused, so only the
 * product's own marker at the end identifies the task.
 */
function onboardingTasks(fields: HandoffFields, ctx: TimelineContext): OnboardingTask[] {
  const ownerId = csmOwnerId(ctx.company, ctx.config);
  const words = ctx.onboarding;
  const company = ctx.companyName;
  const kickoffDue = addDays(ctx.today, ctx.config.kickoffDueDays);
  const goLive = fields.goLiveDate !== '' && fields.goLiveDate >= ctx.today ? fields.goLiveDate : kickoffDue;
  const field = (key: 'goals' | 'successCriteria') => {
    const label = words.fieldLabel(key);
    // The gap follows the label alone: a value opening with full-width punctuation keeps its space.
    return fields[key] === '' ? '' : `<p><strong>${escapeHtml(label)}</strong>${gapBetween(label, '')}${multiline(fields[key])}</p>`;
  };
  const goals = field('goals');
  const criteria = field('successCriteria');
  const trailer = (marker: string) => `<p>${escapeHtml(words.createdBy)}${gapBetween(words.createdBy, marker)}${marker}</p>`;
  return [
    {
      marker: onboardingMarkers.kickoff,
      subject: defuseMarkers(words.kickoffSubject(company)),
      body: `<p>${escapeHtml(words.kickoffBody)}</p>${goals}${criteria}${trailer(onboardingMarkers.kickoff)}`,
      priority: 'HIGH',
      dueDate: kickoffDue,
      ownerId,
    },
    {
      marker: onboardingMarkers.goLive,
      subject: defuseMarkers(words.goLiveSubject(company)),
      body: `<p>${escapeHtml(words.goLiveBody(company, fields.goLiveDate === '' ? null : fields.goLiveDate))}</p>${criteria}${trailer(onboardingMarkers.goLive)}`,
      priority: 'MEDIUM',
      dueDate: goLive,
      ownerId,
    },
  ];
}
