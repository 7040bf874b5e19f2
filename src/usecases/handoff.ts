import { dayZone, todayIn } from '../domain/parsing/index.ts';
import { buildCardView } from '../domain/card/card.ts';
import { planHandoffChange, type RefusalKind } from '../domain/handoff/handoff-changes.ts';
import type { HandoffRequest } from '../app/cards/contract/handoff.ts';
import type { HandoffEffects } from '../domain/handoff/handoff-timeline.ts';
import { requiredProperties } from '../domain/card/requirements.ts';
import type { CompanySnapshot, CrmRecord } from '../domain/card/snapshot.ts';
import type { CardView, ChurnView } from '../app/cards/contract/view-model.ts';
import { Deadline, type HubSpotGateway } from '../hubspot/gateway.ts';
import { cardBudgetMs, type CardDeps } from './card-view.ts';
import { TasksUnknownError } from './create-task.ts';
import { noteWording } from './portal-wording.ts';
import { onboardingWording } from './onboarding-wording.ts';

// The sales -> CS handoff on the card: read it, save a draft, submit, accept (with the
// onboarding tasks), return. HubSpot is the only store: company properties hold the handoff,
// a timeline note records each step. The domain decides (planHandoffChange); this module reads,
// writes, and makes a retried request finish what the first attempt began without doubling it.

/** The card's dependencies, with a gateway that also writes companies and notes. */
export interface HandoffDeps extends Omit<CardDeps, 'gateway'> {
  readonly gateway: Pick<HubSpotGateway, 'companySnapshot' | 'createTask' | 'updateCompany' | 'createNote' | 'companyNotes'>;
}

/** The card's deps serve the handoff when their gateway can write (the real one can; a read-only stand-in cannot). */
export function handoffDepsOf(card: CardDeps): HandoffDeps | null {
  const { gateway } = card;
  return canWrite(gateway) ? { ...card, gateway } : null;
}

function canWrite(gateway: CardDeps['gateway']): gateway is HandoffDeps['gateway'] {
  const methods = gateway as Partial<HandoffDeps['gateway']>;
  return typeof methods.updateCompany === 'function' && typeof methods.createNote === 'function' && typeof methods.companyNotes === 'function';
}

export interface HandoffView {
  readonly handoff: CardView['handoff'];
  readonly churn: ChurnView | undefined;
}

export type HandoffOutcome =
  | { readonly kind: 'done'; readonly replayed: boolean; readonly noteId: string | null; readonly taskIds: readonly string[]; readonly view: CardView }
  | { readonly kind: 'refused'; readonly reason: RefusalKind; readonly message: string; readonly missing?: readonly string[]; readonly missingFields?: readonly string[]; readonly view: CardView };

/** Without the company's contacts, "is this contact the company's?" cannot be answered. */
export class ContactsUnknownError extends Error {
  constructor() {
    super('HubSpot did not return the company\'s contacts, so the champion and economic buyer cannot be checked: try again in a moment');
    this.name = 'ContactsUnknownError';
  }
}

/** The company as the handoff and churn flows read it, with the clock and time budget of the request. */
export interface LoadedCompany {
  readonly snapshot: CompanySnapshot;
  readonly now: string;
  readonly today: string;
  readonly deadline: Deadline;
}

export async function loadCompany(deps: HandoffDeps, companyId: string): Promise<LoadedCompany> {
  const deadline = new Deadline(deps.budgetMs ?? cardBudgetMs);
  const snapshot = await deps.gateway.companySnapshot(companyId, requiredProperties(deps.config), deadline);
  const at = deps.now();
  return { snapshot, now: at.toISOString(), today: todayIn(dayZone(deps.config.timeZone), at.getTime()), deadline };
}

/** The card as it is after a change: the snapshot read before it, with the written properties laid over. */
export function cardAfter(deps: HandoffDeps, loaded: LoadedCompany, written: Readonly<Record<string, string>> = {}): CardView {
  const { snapshot } = loaded;
  const company = { id: snapshot.company.id, properties: { ...snapshot.company.properties, ...written } };
  return buildCardView({ ...snapshot, company }, deps.config, { asOf: loaded.today, generatedAt: loaded.now });
}

export async function getHandoff(deps: HandoffDeps, companyId: string): Promise<HandoffView> {
  const view = cardAfter(deps, await loadCompany(deps, companyId));
  return { handoff: view.handoff, churn: view.churn };
}

export async function changeHandoff(deps: HandoffDeps, companyId: string, request: HandoffRequest): Promise<HandoffOutcome> {
  const loaded = await loadCompany(deps, companyId);
  const { snapshot, now, today, deadline } = loaded;
  const company = snapshot.company.properties;
  if (writesContact(request) && snapshot.issues.some((issue) => issue.source === 'contacts')) throw new ContactsUnknownError();

  const plan = planHandoffChange(request, {
    company,
    companyName: company.name ?? null,
    contacts: snapshot.contacts,
    config: deps.config.handoff,
    now,
    today,
    // The team reads the timeline note: the portal's language.
    notes: noteWording(deps.config.portalLanguage, deps.config.timeZone),
    // The onboarding tasks (an accept's only): the language of the user who accepted (English without one).
    onboarding: onboardingWording(request.action === 'accept' ? request.locale : undefined),
  });
  if (plan.kind === 'refused') {
    const refusal = { kind: 'refused', reason: plan.reason, message: plan.message, view: cardAfter(deps, loaded) } as const;
    return plan.missing ? { ...refusal, missing: plan.missing, missingFields: plan.missingFields ?? [] } : refusal;
  }
  if (plan.kind === 'replay') {
    const effects = await finishEffects(deps, loaded, companyId, plan);
    return { kind: 'done', replayed: true, ...effects, view: cardAfter(deps, loaded) };
  }
  await deps.gateway.updateCompany(companyId, plan.properties, deadline);
  const noteId = plan.note === null ? null : (await deps.gateway.createNote({ companyId, body: plan.note.body, timestamp: now }, deadline)).id;
  const taskIds = await createTasks(deps, companyId, plan.tasks, deadline);
  return { kind: 'done', replayed: false, noteId, taskIds, view: cardAfter(deps, loaded, plan.properties) };
}

function writesContact(request: HandoffRequest): boolean {
  if (request.action !== 'save' && request.action !== 'submit') return false;
  return Boolean(request.fields?.championId) || Boolean(request.fields?.economicBuyerId);
}

/** A retry: the properties are written; create the note and the tasks the first attempt may not have. */
async function finishEffects(deps: HandoffDeps, loaded: LoadedCompany, companyId: string, effects: HandoffEffects): Promise<{ noteId: string | null; taskIds: string[] }> {
  const { snapshot, now, deadline } = loaded;
  let noteId: string | null = null;
  if (effects.note !== null) {
    const note = effects.note;
    const notes = await deps.gateway.companyNotes(companyId, deadline);
    if (!notes.some((existing) => hasMarker(existing, 'hs_note_body', note.marker))) {
      noteId = (await deps.gateway.createNote({ companyId, body: note.body, timestamp: now }, deadline)).id;
    }
  }
  if (effects.tasks.length === 0) return { noteId, taskIds: [] };
  if (snapshot.issues.some((issue) => issue.source === 'tasks' && issue.kind !== 'malformed')) throw new TasksUnknownError();
  const missing = effects.tasks.filter((task) => !snapshot.tasks.some((existing) => hasMarker(existing, 'hs_task_body', task.marker)));
  return { noteId, taskIds: await createTasks(deps, companyId, missing, deadline) };
}

export function hasMarker(record: CrmRecord, property: string, marker: string): boolean {
  return record.properties[property]?.includes(marker) ?? false;
}

async function createTasks(deps: HandoffDeps, companyId: string, tasks: HandoffEffects['tasks'], deadline: Deadline): Promise<string[]> {
  const created = await Promise.all(
    tasks.map((task) =>
      deps.gateway.createTask({ companyId, subject: task.subject, body: task.body, priority: task.priority, dueDate: task.dueDate, ownerId: task.ownerId }, deadline),
    ),
  );
  return created.map((task) => task.id);
}
