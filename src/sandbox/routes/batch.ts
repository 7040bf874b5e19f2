// Batch endpoints answer 200 (or 201) when every input succeeded and 207 with `errors[]`
// when some did not; they refuse more inputs than HubSpot allows.
import { json, invalid } from '../hubspot-errors.ts';
import { isoOf } from '../time-values.ts';

export interface BatchError {
  readonly status: 'error';
  readonly category: string;
  readonly message: string;
  readonly context: Record<string, string[]>;
  readonly subCategory?: string;
  readonly errors: unknown[];
  readonly links: Record<string, string>;
}

export function batchError(category: string, message: string, context: Record<string, string[]>, subCategory?: string): BatchError {
  return { status: 'error', category, message, context, ...(subCategory ? { subCategory } : {}), errors: [], links: {} };
}

export function checkBatchSize(count: number, max: number): void {
  if (count > max) throw invalid(`Too many inputs: ${count}. This batch endpoint takes at most ${max} inputs; split the request.`);
}

export function batchResponse(results: unknown[], errors: BatchError[], startedAt: number, successStatus = 200): Response {
  const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt: isoOf(startedAt), completedAt: new Date().toISOString() };
  if (errors.length === 0) return json(body, successStatus);
  return json({ ...body, numErrors: errors.length, errors }, 207);
}
