import type { SandboxStore } from '../../src/sandbox/index.ts';

// A company seeded straight into the sandbox store, with HubSpot-shaped values (strings, ISO
// datetimes) and the figures a CSM would read off it, computed here independently of the domain.

export const asOf = '2026-11-22';
export const ownerId = '7001';

export interface CompanyShape {
  readonly contacts: number;
  readonly deals: number;
  readonly tickets: number;
  /** Survey answers, spread over the contacts round-robin (each contact's newest is answer 0..contacts-1). */
  readonly answers: number;
  readonly tasks?: number;
}

export interface SeededCompany {
  readonly id: string;
  readonly expected: {
    readonly nps: { score: number | null; responses: number; promoters: number; passives: number; detractors: number };
    readonly renewal: { date: string; daysToRenewal: number; window: 'd60'; amount: number; currency: string; dealId: string } | null;
    readonly support: { openTickets: number; openHighPriority: number; oldestOpenDays: number | null };
  };
}

const dayMs = 86_400_000;
const asOfMs = Date.parse(`${asOf}T00:00:00.000Z`);

function daysBefore(days: number, hour = 9): string {
  return new Date(asOfMs - days * dayMs + hour * 3_600_000).toISOString();
}

export function seedCompany(store: SandboxStore, shape: CompanyShape, name = 'Northwind Traders'): SeededCompany {
  store.addOwner({ id: ownerId, email: 'csm@northwind-cs.example', firstName: 'Casey', lastName: 'Manager' });
  const company = store.create('companies', {
    name,
    domain: 'northwind.example',
    lifecyclestage: 'customer',
    hubspot_owner_id: ownerId,
    notes_last_contacted: daysBefore(12),
  });
  store.update('companies', company.id, { cs_health_score: '62' }, { timestamp: daysBefore(40) });
  store.update('companies', company.id, { cs_health_score: '70' }, { timestamp: daysBefore(5) });

  const contactIds: string[] = [];
  for (let i = 0; i < shape.contacts; i += 1) {
    const contact = store.create('contacts', {
      firstname: `Alex${i}`,
      lastname: 'Rivera',
      email: `alex${i}@northwind.example`,
      notes_last_contacted: i % 3 === 0 ? daysBefore(20 + i) : null,
      createdate: daysBefore(700),
    });
    store.associate('companies', company.id, 'contacts', contact.id);
    contactIds.push(contact.id);
  }

  let renewal: SeededCompany['expected']['renewal'] = null;
  for (let i = 0; i < shape.deals; i += 1) {
    const open = i < 2;
    const deal = store.create('deals', {
      dealname: open ? `Northwind renewal ${2027 + i}` : `Northwind expansion ${i}`,
      dealtype: open ? 'existingbusiness' : i % 2 === 0 ? 'newbusiness' : 'existingbusiness',
      pipeline: 'default',
      dealstage: open ? 'contractsent' : 'closedwon',
      // The earliest open renewal (deal 0) is the renewal; deal 1 renews later.
      closedate: open ? (i === 0 ? '2027-01-10T12:00:00.000Z' : '2027-06-30T12:00:00.000Z') : daysBefore(300 + (i % 7)),
      amount: open ? (i === 0 ? '24000' : '26000') : String(1000 + i * 10),
      deal_currency_code: 'EUR',
      hs_is_closed: open ? 'false' : 'true',
      hs_is_closed_won: open ? 'false' : 'true',
      createdate: daysBefore(open ? 60 : 400),
    });
    store.associate('companies', company.id, 'deals', deal.id);
    if (i === 0) renewal = { date: '2027-01-10', daysToRenewal: 49, window: 'd60', amount: 24000, currency: 'EUR', dealId: deal.id };
  }

  const priorities = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;
  let openTickets = 0;
  let openHighPriority = 0;
  let oldestOpenDays: number | null = null;
  for (let i = 0; i < shape.tickets; i += 1) {
    const open = i % 5 !== 0;
    const priority = priorities[i % 4] ?? 'LOW';
    const age = 3 + (i % 60);
    const ticket = store.create('tickets', {
      subject: `Question ${i} about exports`,
      hs_pipeline: '0',
      hs_pipeline_stage: open ? String(1 + (i % 3)) : '4',
      hs_ticket_priority: priority,
      createdate: daysBefore(age),
      closed_date: open ? null : daysBefore(age - 1),
      hs_is_closed: open ? 'false' : 'true',
    });
    store.associate('companies', company.id, 'tickets', ticket.id);
    if (open) {
      openTickets += 1;
      if (priority === 'HIGH' || priority === 'URGENT') openHighPriority += 1;
      oldestOpenDays = Math.max(oldestOpenDays ?? 0, age);
    }
  }

  const latest = new Map<string, number>();
  for (let k = 0; k < shape.answers; k += 1) {
    const contactId = contactIds[k % shape.contacts];
    if (contactId === undefined) break;
    const round = Math.floor(k / shape.contacts);
    const value = (k + round * 3) % 11;
    const answer = store.create('feedback_submissions', {
      hs_survey_type: 'NPS',
      hs_survey_name: 'Quarterly NPS',
      hs_value: String(value),
      hs_content: value <= 6 ? 'Exports keep timing out.' : null,
      hs_submission_timestamp: daysBefore(1 + round * 30 + (k % shape.contacts) % 25),
      hs_contact_id: contactId,
    });
    store.associate('contacts', contactId, 'feedback_submissions', answer.id);
    if (round === 0) latest.set(contactId, value);
  }
  const values = [...latest.values()];
  const promoters = values.filter((v) => v >= 9).length;
  const detractors = values.filter((v) => v <= 6).length;
  const responses = values.length;

  for (let i = 0; i < (shape.tasks ?? 0); i += 1) {
    const task = store.create('tasks', {
      hs_task_subject: `Follow up ${i}`,
      hs_task_body: 'Call about the export issue.',
      hs_task_status: i === 0 ? 'NOT_STARTED' : 'COMPLETED',
      hs_task_priority: 'MEDIUM',
      hs_timestamp: daysBefore(-3),
      hubspot_owner_id: ownerId,
      hs_createdate: daysBefore(10),
      ...(i === 0 ? {} : { hs_task_completion_date: daysBefore(4) }),
    });
    store.associate('tasks', task.id, 'companies', company.id);
  }

  return {
    id: company.id,
    expected: {
      nps: {
        score: responses === 0 ? null : Math.round((100 * (promoters - detractors)) / responses),
        responses,
        promoters,
        passives: responses - promoters - detractors,
        detractors,
      },
      renewal,
      support: { openTickets, openHighPriority, oldestOpenDays },
    },
  };
}
