import { createEngagement, type CallContext } from './calls.ts';

export interface NewTask {
  readonly companyId: string;
  readonly subject: string;
  readonly body: string;
  readonly priority: 'HIGH' | 'MEDIUM' | 'LOW';
  /** YYYY-MM-DD */
  readonly dueDate: string;
  readonly ownerId: string | null;
}

/**
 * Creates a NOT_STARTED task associated with the company. Only a 429 is tried again: after a
 * 5xx or a timeout the task may exist already, and the caller's marker check (not a blind
 * retry) is what keeps "create task" idempotent.
 */
export function createCompanyTask(ctx: CallContext, task: NewTask): Promise<{ id: string }> {
  const properties: Record<string, string> = {
    // Noon UTC falls on the due date in every time zone from UTC-11 to UTC+11.
    hs_timestamp: `${task.dueDate}T12:00:00.000Z`,
    hs_task_subject: task.subject,
    hs_task_body: task.body,
    hs_task_priority: task.priority,
    hs_task_status: 'NOT_STARTED',
    ...(task.ownerId ? { hubspot_owner_id: task.ownerId } : {}),
  };
  return createEngagement(ctx, 'tasks', task.companyId, properties);
}
