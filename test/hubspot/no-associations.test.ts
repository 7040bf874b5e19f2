import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { meansNoAssociations } from '../../src/hubspot/batch.ts';
import { PortfolioGateway } from '../../src/hubspot/portfolio-gateway.ts';
import { mswServer } from '../msw.ts';
import { fastRetry } from '../sync/portfolio-portal.ts';

// v4 batch association reads answer 207 with an error per id that has no associations. The
// shapes HubSpot's spec allows vary (subCategory a string or an object, context ids as strings
// or numbers, sometimes only a message); a failure must never pass for "no associations".

function answer(errors: unknown[]): void {
  mswServer.use(http.post('https://api.hubapi.com/crm/v4/associations/companies/contacts/batch/read', () => HttpResponse.json({
    status: 'COMPLETE', startedAt: '2026-11-20T10:00:00.000Z', completedAt: '2026-11-20T10:00:01.000Z',
    results: [{ from: { id: '1' }, to: [{ toObjectId: 11, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 280, label: null }] }] }],
    numErrors: errors.length, errors,
  }, { status: 207 })));
}

const gateway = () => new PortfolioGateway(createHubSpotClient({ accessToken: 'pat-test', idleTimeoutMs: 2_000 }), { retry: fastRetry, callBudgetMs: 5_000 });
const base = { status: 'error', errors: [], links: {} };

describe('"no associations" in v4 batch reads', () => {
  it('meansNoAssociations: the category, the subCategory or (with neither) the message says it (the @example)', () => {
    expect(meansNoAssociations({ category: 'VALIDATION_ERROR', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', message: '' })).toBe(true);
    expect(meansNoAssociations({ category: 'OBJECT_NOT_FOUND', subCategory: '', message: '' })).toBe(true);
    expect(meansNoAssociations({ category: undefined, subCategory: '', message: 'No associations found for 2' })).toBe(true);
    expect(meansNoAssociations({ category: 'INTERNAL_ERROR', subCategory: '', message: 'No associations found' })).toBe(false);
  });

  it.each([
    ['subCategory string, ids as strings', { ...base, category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', message: 'No company is associated', context: { fromObjectId: ['2', '3'] } }],
    ['subCategory as an object, ids as numbers', { ...base, category: 'OBJECT_NOT_FOUND', subCategory: { code: 'crm.associations.NO_ASSOCIATIONS_FOUND' }, message: 'none', context: { fromObjectIds: [2, 3] } }],
    ['another category with the subCategory', { ...base, category: 'VALIDATION_ERROR', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', message: 'none', context: { ids: ['2', '3'] } }],
    ['no context at all', { ...base, category: 'OBJECT_NOT_FOUND', message: 'No associations found' }],
  ])('%s: ids without associations get none, nothing fails', async (_shape, error) => {
    answer([error]);
    const { byId, failed } = await gateway().associations('companies', 'contacts', ['1', '2', '3']);
    expect(Object.fromEntries(byId)).toEqual({ 1: ['11'] });
    expect(failed.size).toBe(0);
  });

  it('a real error that names no ids fails every id that got no answer, never "no associations"', async () => {
    answer([{ ...base, category: 'INTERNAL_ERROR', message: 'internal error' }]);
    const { byId, failed } = await gateway().associations('companies', 'contacts', ['1', '2', '3']);
    expect(Object.fromEntries(byId)).toEqual({ 1: ['11'] });
    expect([...failed.keys()].sort()).toEqual(['2', '3']);
  });
});
