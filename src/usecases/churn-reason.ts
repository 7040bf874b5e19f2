import type { ChurnReasonBody } from '../app/cards/contract/churn.ts';
import { lostRenewal, planChurnReason, type ChurnRefusal } from '../domain/handoff/churn-reason.ts';
import { dayZone, parseIsoDate } from '../domain/parsing/index.ts';
import { readDeals } from '../domain/renewal/deals.ts';
import type { CardView } from '../app/cards/contract/view-model.ts';
import { cardAfter, hasMarker, loadCompany, type HandoffDeps } from './handoff.ts';
import { noteWording } from './portal-wording.ts';

// Recording why a customer left: company properties and a timeline note. A retry of the same
// answer changes nothing and adds no second note; a different answer over a recorded one is refused.

export type ChurnOutcome =
  | { readonly kind: 'done'; readonly replayed: boolean; readonly noteId: string | null; readonly view: CardView }
  | { readonly kind: 'refused'; readonly code: ChurnRefusal; readonly message: string; readonly view: CardView };

export async function recordChurnReason(deps: HandoffDeps, companyId: string, body: ChurnReasonBody): Promise<ChurnOutcome> {
  const loaded = await loadCompany(deps, companyId);
  const { snapshot, now, today, deadline } = loaded;
  const company = snapshot.company.properties;
  const deals = readDeals(snapshot.deals, deps.config.renewal, deps.config.handoff, snapshot.company.properties, { zone: dayZone(deps.config.timeZone), currency: deps.config.currency });
  const lostDeal = lostRenewal(deals, parseIsoDate(today) ?? 0, deps.config.playbooks);
  const plan = planChurnReason(body, { company, lostDeal, config: deps.config.playbooks, now, notes: noteWording(deps.config.portalLanguage, deps.config.timeZone) });

  if (plan.kind === 'refused') return { kind: 'refused', code: plan.code, message: plan.message, view: cardAfter(deps, loaded) };
  if (plan.kind === 'replay') {
    const notes = await deps.gateway.companyNotes(companyId, deadline);
    const exists = notes.some((note) => hasMarker(note, 'hs_note_body', plan.note.marker));
    const noteId = exists ? null : (await deps.gateway.createNote({ companyId, body: plan.note.body, timestamp: now }, deadline)).id;
    return { kind: 'done', replayed: true, noteId, view: cardAfter(deps, loaded) };
  }
  await deps.gateway.updateCompany(companyId, plan.properties, deadline);
  const { id } = await deps.gateway.createNote({ companyId, body: plan.note.body, timestamp: now }, deadline);
  return { kind: 'done', replayed: false, noteId: id, view: cardAfter(deps, loaded, plan.properties) };
}
