import { createI18n } from '../app/cards/i18n/format.ts';
import { loadEveryCatalog } from '../app/cards/i18n/messages.ts';
import { actionTask, openTaskActionIds, type TaskWording } from '../domain/playbooks/action-tasks.ts';
import { csmOwnerId } from '../domain/handoff/handoff.ts';
import { multiline } from '../domain/handoff/note-html.ts';
import type { TaskReceipt } from '../app/cards/contract/task.ts';
import type { ActionView } from '../app/cards/contract/view-model.ts';
import { Deadline } from '../hubspot/gateway.ts';
import { cardBudgetMs, loadCard, type CardDeps, type CardRequest } from './card-view.ts';

// One click on a suggested action: a HubSpot task for the company's CSM (the one owner rule,
// domain/handoff/handoff.ts csmOwnerId: the configured CSM property, else the company owner), associated with the
// company. Idempotent: the task body carries the action's marker, and an open task with that
// marker is returned instead of creating another.


export class ActionNotFoundError extends Error {
  constructor(readonly actionId: string) {
    super(`"${actionId}" is not a current suggested action for this company: reload the card`);
    this.name = 'ActionNotFoundError';
  }
}

/** Without the company's tasks we cannot tell whether the task exists: creating one could duplicate it. */
export class TasksUnknownError extends Error {
  constructor() {
    super('HubSpot did not return the company\'s tasks, so a duplicate cannot be ruled out: try again in a moment');
    this.name = 'TasksUnknownError';
  }
}

/** The task's words in the user's language (the card sends its user's locale; English without one). */
export function taskWording(action: ActionView, locale: string | undefined): TaskWording {
  // A task is worded in its card user's language, whichever of the five it is.
  loadEveryCatalog();
  const i18n = createI18n(locale, undefined);
  const reason = action.reasonMessage ? i18n.message(action.reasonMessage, action.reason) : action.reason;
  return {
    subject: action.titleMessage ? i18n.message(action.titleMessage, action.title) : action.title,
    // HubSpot renders task bodies as HTML: the reason is escaped, its line breaks kept.
    body: i18n.t('task.body', { reason: multiline(reason) }),
  };
}

export async function createActionTask(deps: CardDeps, request: CardRequest & { readonly actionId: string; readonly locale?: string }): Promise<TaskReceipt> {
  const deadline = new Deadline(deps.budgetMs ?? cardBudgetMs);
  const { snapshot, view } = await loadCard(deps, request, deadline);
  const action = view.actions.find((candidate) => candidate.id === request.actionId);
  if (!action) throw new ActionNotFoundError(request.actionId);

  const existing = snapshot.tasks.find((task) => openTaskActionIds([task]).has(action.id));
  if (existing) return { taskId: existing.id, actionId: action.id, created: false };
  if (snapshot.issues.some((issue) => issue.source === 'tasks' && issue.kind !== 'malformed')) throw new TasksUnknownError();

  const ownerId = csmOwnerId(snapshot.company.properties, deps.config.handoff);
  const task = actionTask(action, { companyId: request.companyId, ownerId, asOf: view.asOf }, taskWording(action, request.locale));
  const { id } = await deps.gateway.createTask({ companyId: request.companyId, ...task }, deadline);
  return { taskId: id, actionId: action.id, created: true };
}
