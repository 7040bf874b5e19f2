import { z } from 'zod';
import type { CsConfig } from '../config/schema.ts';
import { dayZone, todayIn } from '../domain/dates.ts';
import { buildCardView } from '../domain/card.ts';
import { requiredProperties } from '../domain/requirements.ts';
import type { CompanySnapshot } from '../domain/snapshot.ts';
import type { CardView } from '../domain/view-model.ts';
import { Deadline, type HubSpotGateway } from '../hubspot/gateway.ts';

// The card for one company: read it from HubSpot, compute it in the domain. The shells (server,
// CLI) own the clock and the configuration and pass them in.

/** Leaves ~3 s of HubSpot's 15-second hubspot.fetch budget for computing and sending the card. */
export const cardBudgetMs = 12_000;

export interface CardDeps {
  readonly gateway: Pick<HubSpotGateway, 'companySnapshot' | 'createTask'>;
  readonly config: CsConfig;
  readonly now: () => Date;
  readonly budgetMs?: number;
}

/** What both shells accept as a company id and an as-of date. */
export const companyIdSchema = z.string().regex(/^\d{1,20}$/);
export const asOfSchema = z.iso.date();

export interface CardRequest {
  /** Digits only; the shells validate it. */
  readonly companyId: string;
  /** YYYY-MM-DD; today (UTC) when absent. */
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
  return { snapshot, view: buildCardView(snapshot, deps.config, { asOf, generatedAt }) };
}

export async function getCardView(deps: CardDeps, request: CardRequest): Promise<CardView> {
  const { view } = await loadCard(deps, request, new Deadline(deps.budgetMs ?? cardBudgetMs));
  return view;
}
