import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/schema.ts';
import { loadCard } from '../../src/usecases/card-view.ts';
import { createActionTask } from '../../src/usecases/create-task.ts';
import { Deadline } from '../../src/hubspot/gateway.ts';
import { testPortal } from './portal.ts';
import { asOf, ownerId, seedCompany } from './seeded-company.ts';

// The owner who receives a task is one rule (issue 18, domain/handoff/handoff.ts csmOwnerId):
// a suggested action's task goes where an accepted handoff's onboarding tasks go — the CSM the
// configured property names, else the company owner.

describe('the owner of a suggested action\'s task', () => {
  it('is the company owner by default, and the configured CSM when handoff.csOwnerProperty names one', async () => {
    for (const [csOwnerProperty, expected] of [[null, ownerId], ['cs_csm_owner', '7002']] as const) {
      const portal = testPortal();
      const company = seedCompany(portal.sandbox.store, { contacts: 3, deals: 2, tickets: 2, answers: 2 });
      portal.sandbox.store.update('companies', company.id, { cs_csm_owner: '7002' });
      const config = parseConfig({ handoff: { csOwnerProperty } });
      const deps = { gateway: portal.gateway, config, now: () => new Date(`${asOf}T10:00:00Z`) };
      const { view } = await loadCard(deps, { companyId: company.id, asOf }, new Deadline(15_000));
      const action = view.actions.find((candidate) => !candidate.alreadyTasked);
      expect(action).toBeDefined();
      const receipt = await createActionTask(deps, { companyId: company.id, asOf, actionId: action?.id ?? '' });
      expect(portal.sandbox.store.list('tasks').find((task) => task.id === receipt.taskId)?.properties.hubspot_owner_id).toBe(expected);
    }
  });
});
