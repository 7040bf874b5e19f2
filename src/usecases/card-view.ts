import { z } from 'zod';
import type { CsConfig } from '../config/schema.ts';
import { dayZone, todayIn } from '../domain/parsing/index.ts';
import { buildCardView } from '../domain/card/card.ts';
import { requiredProperties } from '../domain/card/requirements.ts';
import type { CompanySnapshot } from '../domain/card/snapshot.ts';
import type { CardView } from '../app/cards/contract/view-model.ts';
import { asOfRange } from '../app/cards/contract/task.ts';
import { Deadline, type HubSpotGateway, type StageLabel } from '../hubspot/gateway.ts';

// The card for one company: read it from HubSpot, compute it in the domain. The shells (server,
// CLI) own the clock and the configuration and pass them in.

/** Leaves ~3 s of HubSpot's 15-second hubspot.fetch budget for computing and sending the card. */
export const cardBudgetMs = 12_000;

export interface CardDeps {
  /** `dealStageLabels` is optional: without it (a stand-in gateway) stages show no label, never their id. */
  readonly gateway: Pick<HubSpotGateway, 'companySnapshot' | 'createTask'> & Partial<Pick<HubSpotGateway, 'dealStageLabels'>>;
  readonly config: CsConfig;
  readonly now: () => Date;
  readonly budgetMs?: number;
}

/** What both shells accept as a company id and an as-of date. */
export const companyIdSchema = z.string().regex(/^\d{1,20}$/, { error: 'companyId must be a numeric HubSpot record id' });

/**
 * What is wrong with an as-of day, as the end of a sentence naming it, or null when it is fine.
 *
 * @example
 * asOfProblem('2026-11-22') // null
 * asOfProblem('1899-12-31') // 'is outside the supported range: write a day from 2000-01-01 to 2100-12-31'
 */
export function asOfProblem(raw: string): string | null {
  if (!z.iso.date().safeParse(raw).success) return 'is not a date: write it YYYY-MM-DD, like 2026-11-22, a day that exists';
  if (raw < asOfRange.from || raw > asOfRange.to) return `is outside the supported range: write a day from ${asOfRange.from} to ${asOfRange.to}`;
  return null;
}

/** An as-of day as a request gives it; the issue's message names the value and says what is wrong. */
export const asOfSchema = z.string().check((ctx) => {
  const problem = asOfProblem(ctx.value);
  if (problem !== null) ctx.issues.push({ code: 'custom', input: ctx.value, message: `asOf "${ctx.value}" ${problem}` });
});

export interface CardRequest {
  /** Digits only; the shells validate it. */
  readonly companyId: string;
  /** YYYY-MM-DD; today in the portal's time zone when absent. */
  readonly asOf?: string;
}

export interface LoadedCard {
  readonly snapshot: CompanySnapshot;
  readonly view: CardView;
}

export async function loadCard(deps: CardDeps, request: CardRequest, deadline: Deadline): Promise<LoadedCard> {
  const snapshot = await deps.gateway.companySnapshot(request.companyId, requiredProperties(deps.config), deadline);
  const now = deps.now();
  const generatedAt = now.toISOString();
  // "Today" is the portal's day, not the server's or UTC's.
  const asOf = request.asOf ?? todayIn(dayZone(deps.config.timeZone), now.getTime());
  const view = buildCardView(snapshot, deps.config, { asOf, generatedAt });
  // The stage labels are read once per process (then cached), and only when there is a stage to name.
  const stage = view.renewal.stage === null ? undefined : (await stageLabels(deps, deadline)).get(view.renewal.stage);
  view.renewal.stageLabel = stage?.label ?? null;
  view.renewal.pipelineLabel = stage?.pipelineLabel ?? null;
  return { snapshot, view };
}

/** The deal stage labels, or none when the gateway cannot read them or the read failed (the card then shows no stage, not its id). */
async function stageLabels(deps: CardDeps, deadline: Deadline): Promise<ReadonlyMap<string, StageLabel>> {
  if (!deps.gateway.dealStageLabels) return new Map();
  try {
    return await deps.gateway.dealStageLabels(deadline);
  } catch {
    return new Map();
  }
}

export async function getCardView(deps: CardDeps, request: CardRequest): Promise<CardView> {
  const { view } = await loadCard(deps, request, new Deadline(deps.budgetMs ?? cardBudgetMs));
  return view;
}

/** The card as a person reads it in the CLI: the view (which says what a past as-of day left out) and the company's name. */
export interface CardReading {
  readonly view: CardView;
  readonly name: string | null;
}

export async function readCard(deps: CardDeps, request: CardRequest): Promise<CardReading> {
  const { snapshot, view } = await loadCard(deps, request, new Deadline(deps.budgetMs ?? cardBudgetMs));
  const name = snapshot.company.properties.name?.trim();
  return { view, name: name ? name : null };
}
