import { z } from 'zod';
import type { HubSpotClient } from './client.ts';
import { parseResponse } from './calls.ts';
import { withRetry, type Deadline, type RetryOptions } from './retry.ts';

// Deal pipelines and their stages as HubSpot labels them, so the card never shows a stage id
// ("contractsent") where a CSM expects "Contract sent". One call for all deal pipelines, kept
// per process for a while: pipelines change rarely, and the card must not pay a call per view.

export interface StageLabel {
  readonly label: string;
  readonly pipelineLabel: string;
}

const pipelinesSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      stages: z.array(z.object({ id: z.string(), label: z.string() })),
    }),
  ),
});

/** Deal stage id -> its label and its pipeline's label. */
export async function readDealStageLabels(ctx: { readonly client: HubSpotClient; readonly deadline: Deadline; readonly retry: RetryOptions }): Promise<ReadonlyMap<string, StageLabel>> {
  const raw = await withRetry(() => ctx.client.crm.pipelines.pipelinesApi.getAll('deals'), ctx.deadline, ctx.retry);
  const pipelines = parseResponse(pipelinesSchema, raw, 'deal pipelines');
  const labels = new Map<string, StageLabel>();
  for (const pipeline of pipelines.results) {
    for (const stage of pipeline.stages) if (!labels.has(stage.id)) labels.set(stage.id, { label: stage.label, pipelineLabel: pipeline.label });
  }
  return labels;
}
