import { describe, expect, it } from 'vitest';
import { companiesOfRecords } from '../../src/hubspot/webhook-targets.ts';
import { seededPortal } from './fixtures.ts';

// Following webhook records to their companies through the v4 association API of the sandbox.

const none = { deals: [], tickets: [], contacts: [], feedback_submissions: [] };

describe('companiesOfRecords', () => {
  it('finds the companies of deals, tickets, contacts and survey answers, each once', async () => {
    const { gateway, companies, sandbox } = seededPortal(4);
    const [a, b, c, d] = companies;
    if (!a || !b || !c || !d) throw new Error('seededPortal made fewer companies');
    sandbox.log.clear();

    const found = await companiesOfRecords(gateway, {
      deals: [...a.deals],
      tickets: [b.tickets[0] ?? ''],
      contacts: [a.contacts[1] ?? ''],
      feedback_submissions: [...c.answers],
    });

    expect(found.companyIds.sort()).toEqual([a.id, b.id, c.id].sort());
    expect(found.unresolved).toBe(0);
    // Answers -> contacts, then one read per object type.
    expect(sandbox.log.count({ pathIncludes: '/crm/v4/associations/' })).toBe(4);
  });

  it('makes no call when there is nothing to follow', async () => {
    const { gateway, sandbox } = seededPortal(1);
    sandbox.log.clear();

    expect(await companiesOfRecords(gateway, none)).toEqual({ companyIds: [], unresolved: 0 });
    expect(sandbox.log.count()).toBe(0);
  });

  it('reports records whose associations HubSpot would not give, and still returns the rest', async () => {
    const { gateway, companies, sandbox } = seededPortal(2);
    const [a, b] = companies;
    if (!a || !b) throw new Error('seededPortal made fewer companies');
    sandbox.controls.injectFault({ kind: '503', path: '/crm/v4/associations/tickets/' });

    const found = await companiesOfRecords(gateway, { ...none, deals: [a.deals[0] ?? ''], tickets: [...b.tickets] });

    expect(found.companyIds).toEqual([a.id]);
    expect(found.unresolved).toBe(2);
  });

  it('finds nothing for a record without companies or one that no longer exists', async () => {
    const { gateway, sandbox } = seededPortal(1);
    const orphan = sandbox.store.create('deals', { dealname: 'No company yet', dealstage: 'appointmentscheduled' });

    const found = await companiesOfRecords(gateway, { ...none, deals: [orphan.id, '987654321'] });

    expect(found).toEqual({ companyIds: [], unresolved: 0 });
  });
});
