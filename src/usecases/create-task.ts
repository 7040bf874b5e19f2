import { actionTask, openTaskActionIds } from '../domain/action-tasks.ts';
import { Deadline } from '../hubspot/gateway.ts';
import { cardBudgetMs, loadCard, type CardDeps, type CardRequest } from './card-view.ts';

// One click on a suggested action: a HubSpot task for the company owner, associated with the
// company. Idempotent: the task body carries the action's marker, and an open task with that
// marker is returned instead of creating another.

export interface TaskResult {
  readonly taskId: string;
  readonly actionId: string;
  readonly created: boolean;
}

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

export async function createActionTask(deps: CardDeps, request: CardRequest & { readonly actionId: string }): Promise<TaskResult> {
  const deadline = new Deadline(deps.budgetMs ?? cardBudgetMs);
  const { snapshot, view } = await loadCard(deps, request, deadline);
  const action = view.actions.find((candidate) => candidate.id === request.actionId);
  if (!action) throw new ActionNotFoundError(request.actionId);

  const existing = snapshot.tasks.find((task) => openTaskActionIds([task]).has(action.id));
  if (existing) return { taskId: existing.id, actionId: action.id, created: false };
  if (snapshot.issues.some((issue) => issue.source === 'tasks' && issue.kind !== 'malformed')) throw new TasksUnknownError();

  const ownerId = snapshot.company.properties.hubspot_owner_id || null;
  const task = actionTask(action, { companyId: request.companyId, ownerId, asOf: view.asOf });
  const { id } = await deps.gateway.createTask({ companyId: request.companyId, ...task }, deadline);
  return { taskId: id, actionId: action.id, created: true };
}
