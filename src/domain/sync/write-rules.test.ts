import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/schema.ts';
import { hasWrittenNps, npsProperties, writebackFor } from './write-rules.ts';
import type { SourceIssue } from '../card/snapshot.ts';
import { at, healthyCompany } from '../testing/fixtures.ts';
import { testWritten } from '../testing/wording.ts';

// Sync never changes what was written from a source it could not read: survey answers refused
// (403) or failing leave cs_company_nps and the score it is part of as they were.

const forbidden: SourceIssue = { source: 'feedback', kind: 'forbidden', detail: 'the app lacks the crm.objects.feedback_submissions.read scope (Service Hub Pro)' };
const failing: SourceIssue = { source: 'feedback', kind: 'unavailable', detail: 'HubSpot is unavailable (503)' };
const writtenBefore = { cs_company_nps: '100', cs_nps_responses: '2', cs_health_score: '88', cs_health_band: 'healthy' };

describe('hasWrittenNps', () => {
  it('is true for a written score or counted responses, false for blanks and zero', () => {
    expect(hasWrittenNps({ cs_company_nps: '40', cs_nps_responses: '6' })).toBe(true);
    expect(hasWrittenNps({ cs_company_nps: '', cs_nps_responses: '0' })).toBe(false);
    expect(hasWrittenNps({ cs_company_nps: null, cs_nps_responses: '3' })).toBe(true);
    expect(hasWrittenNps({})).toBe(false);
  });
});

describe('writebackFor when survey answers cannot be read', () => {
  it('holds a company with a written NPS as it is when the portal refuses survey answers (403): no rescore, no NPS change', () => {
    const writeback = writebackFor(healthyCompany({ company: writtenBefore, feedback: [], issues: [forbidden] }), defaultConfig, at, testWritten);
    expect(writeback).toEqual({ kind: 'held', portalWide: true, reasons: [{ what: { code: 'warning.source', params: { source: 'feedback', state: 'unavailable' } } }] });
  });

  it('holds a company whose survey answers failed to load, whether or not it had an NPS', () => {
    expect(writebackFor(healthyCompany({ company: writtenBefore, feedback: [], issues: [failing] }), defaultConfig, at, testWritten)).toMatchObject({ kind: 'held', portalWide: false });
    expect(writebackFor(healthyCompany({ feedback: [], issues: [failing] }), defaultConfig, at, testWritten)).toMatchObject({ kind: 'held', portalWide: false });
  });

  it('scores a company that never had an NPS without it on a portal without survey answers, leaving its NPS properties alone', () => {
    const writeback = writebackFor(healthyCompany({ feedback: [], issues: [forbidden] }), defaultConfig, at, testWritten);
    expect(writeback.kind).toBe('write');
    const properties = writeback.kind === 'write' ? writeback.properties : {};
    expect(properties.cs_health_score).toMatch(/^\d+$/);
    for (const name of npsProperties) expect(properties).not.toHaveProperty(name);
  });

  it('still skips a company when another source failed too', () => {
    const deals: SourceIssue = { source: 'deals', kind: 'unavailable', detail: 'HubSpot is unavailable (503)' };
    expect(writebackFor(healthyCompany({ company: writtenBefore, issues: [forbidden, deals] }), defaultConfig, at, testWritten)).toMatchObject({ kind: 'skipped' });
  });
});
