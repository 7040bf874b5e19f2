import { addDays, parseDay, type Day } from '../parsing/index.ts';
import { textValue } from '../parsing/index.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import type { ActionView, Priority } from '../../app/cards/contract/view-model.ts';

// Turning a suggested action into a HubSpot task, and recognising that task later. The
// task body carries a marker with the action id, so "already tasked" survives renames of
// the task subject and works for tasks created by any copy of the product.

export interface ActionTask {
  readonly subject: string;
  readonly body: string;
  readonly priority: 'HIGH' | 'MEDIUM' | 'LOW';
  /** YYYY-MM-DD */
  readonly dueDate: string;
  readonly ownerId: string | null;
}

const taskPriorities: Readonly<Record<Priority, ActionTask['priority']>> = { high: 'HIGH', medium: 'MEDIUM', low: 'LOW' };
const markerPrefix = '[cs-card:';

/**
 * @example
 * actionMarker('qbr-schedule') // => '[cs-card:qbr-schedule]'
 */
export function actionMarker(actionId: string): string {
  return `[cs-card:${actionId}]`;
}

/** The task's subject and body text in the user's language: the shell words them from the message catalog (usecases/create-task.ts taskWording), English included. */
export interface TaskWording {
  readonly subject: string;
  /** The body (HTML) before the marker, e.g. "<reason>.<br><br>Suggested by the customer-success card." */
  readonly body: string;
}

/**
 * The HubSpot task for a suggested action: its title, its reason as the HTML body with the action's marker, due dueInDays after asOf.
 *
 * @example
 * actionTask({ id: 'support-escalation', title: 'Review the open support tickets with support', reason: '1 urgent ticket open, oldest 19 days', priority: 'high', dueInDays: 1, alreadyTasked: false }, { companyId: '1', ownerId: '7', asOf: '2026-12-07' },
 *   { subject: 'Review the open support tickets with support', body: '1 urgent ticket open, oldest 19 days.<br><br>Suggested by the customer-success card.' })
 * // => { subject: 'Review the open support tickets with support', body: '1 urgent ticket open, oldest 19 days.<br><br>Suggested by the customer-success card. [cs-card:support-escalation]', priority: 'HIGH', dueDate: '2026-12-08', ownerId: '7' }
 */
export function actionTask(action: ActionView, context: { companyId: string; ownerId: string | null; asOf: string }, wording: TaskWording): ActionTask {
  return {
    subject: wording.subject,
    // HubSpot renders task bodies as HTML: the wording's body escapes the reason (CRM data people typed).
    body: `${wording.body} ${actionMarker(action.id)}`,
    priority: taskPriorities[action.priority],
    dueDate: addDays(context.asOf, action.dueInDays),
    ownerId: context.ownerId,
  };
}

/**
 * The action id a task was created for, or null when it carries no marker.
 *
 * @example
 * taskActionId({ id: '1', properties: { hs_task_body: 'Book the QBR. [cs-card:qbr-schedule]' } }) // => 'qbr-schedule'
 * taskActionId({ id: '2', properties: { hs_task_body: 'A task of someone else' } })             // => null
 */
export function taskActionId(task: CrmRecord): string | null {
  const body = task.properties.hs_task_body;
  if (body == null) return null;
  // The first "[cs-card:<id>]" with an id of [a-z0-9][a-z0-9-]*, scanned by hand: every card
  // reads every task body of its company.
  for (let at = body.indexOf(markerPrefix); at >= 0; at = body.indexOf(markerPrefix, at + 1)) {
    const start = at + markerPrefix.length;
    let end = start;
    while (end < body.length && isIdCharacter(body.charCodeAt(end), end === start)) end++;
    if (end > start && body.charCodeAt(end) === closingBracket) return body.slice(start, end);
  }
  return null;
}

const closingBracket = ']'.charCodeAt(0);

function isIdCharacter(code: number, first: boolean): boolean {
  const letterOrDigit = (code >= 97 && code <= 122) || (code >= 48 && code <= 57); // a-z, 0-9
  return letterOrDigit || (!first && code === 45); // '-' but not first
}

function isCompleted(status: string | null | undefined): boolean {
  return status === 'COMPLETED' || textValue(status)?.toLowerCase() === 'completed';
}

/**
 * Action ids of the tasks still open (any status but COMPLETED).
 *
 * @example
 * openTaskActionIds([{ id: '1', properties: { hs_task_status: 'NOT_STARTED', hs_task_body: '[cs-card:qbr-schedule]' } }, { id: '2', properties: { hs_task_status: 'COMPLETED', hs_task_body: '[cs-card:renewal-call]' } }])
 * // => new Set(['qbr-schedule'])
 */
export function openTaskActionIds(tasks: readonly CrmRecord[]): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const task of tasks) {
    if (isCompleted(task.properties.hs_task_status)) continue;
    const id = taskActionId(task);
    if (id !== null) ids.add(id);
  }
  return ids;
}

export interface ActionTasks {
  /** Action ids of the tasks still open. */
  readonly open: ReadonlySet<string>;
  /** Action id -> the day its latest task was completed (hs_task_completion_date, else last modified, else due). */
  readonly completed: ReadonlyMap<string, Day>;
}

const noCompleted: ReadonlyMap<string, Day> = new Map();
const noOpen: ReadonlySet<string> = new Set();

/**
 * The company's tasks by action: which are open, and when each action's latest task was
 * completed (done work settles an action for its cadence, playbooks.ts).
 *
 * @example
 * actionTasks([{ hs_task_status: 'COMPLETED', hs_task_completion_date: '2026-11-01T10:00:00Z', hs_task_body: '… [cs-card:qbr-schedule]' }])
 * // { open: Set {}, completed: Map { 'qbr-schedule' => day of 2026-11-01 } }
 */
export function actionTasks(tasks: readonly CrmRecord[]): ActionTasks {
  let open: Set<string> | null = null;
  let completed: Map<string, Day> | null = null;
  for (const task of tasks) {
    const id = taskActionId(task);
    if (id === null) continue;
    const props = task.properties;
    if (!isCompleted(props.hs_task_status)) {
      (open ??= new Set<string>()).add(id);
      continue;
    }
    const day = parseDay(props.hs_task_completion_date) ?? parseDay(props.hs_lastmodifieddate) ?? parseDay(props.hs_timestamp);
    if (day === null) continue;
    completed ??= new Map<string, Day>();
    const known = completed.get(id);
    if (known === undefined || known < day) completed.set(id, day);
  }
  return { open: open ?? noOpen, completed: completed ?? noCompleted };
}
