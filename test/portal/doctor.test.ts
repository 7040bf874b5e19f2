import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig, type CsConfig } from '../../src/config/schema.ts';
import { blocksResults } from '../../src/domain/portal/doctor.ts';
import { AccountGateway } from '../../src/hubspot/account.ts';
import { createHubSpotClient } from '../../src/hubspot/client.ts';
import { PortfolioGateway } from '../../src/hubspot/portfolio-gateway.ts';
import { PropertyGateway } from '../../src/hubspot/properties.ts';
import { ALL_SANDBOX_SCOPES, createSandbox } from '../../src/sandbox/index.ts';
import { MemoryStore } from '../../src/sandbox/store.ts';
import { doctorLines } from '../../src/cli/doctor-text.ts';
import { runDoctor } from '../../src/usecases/doctor.ts';
import { runSetup } from '../../src/usecases/setup.ts';
import { mswServer } from '../msw.ts';
import { loadEveryCatalog } from '../../src/app/cards/i18n/messages.ts';

// Formats in several languages: every catalog, as the card and the backend load them.
loadEveryCatalog();

// `cs-card doctor` against the sandbox portal through the SDK: a full-scope token on a set-up
// portal, a token without the survey and lists scopes, and a portal without hs_csm_sentiment.

const fast = { retries: 1, minBackoffMs: 1, maxBackoffMs: 2, sleep: async () => undefined };

async function doctorOn(options: { scopes?: readonly string[]; withoutSentiment?: boolean; setup?: boolean; setupConfig?: CsConfig; config?: CsConfig } = {}) {
  const config = options.config ?? defaultConfig;
  const sandbox = createSandbox({ companies: 30, seed: 7, asOf: '2026-11-22', ...(options.scopes ? { scopes: options.scopes } : {}) });
  sandbox.controls.searchPerSecond = null;
  sandbox.controls.rateLimit = { max: 190, intervalMs: 10_000 };
  const store = sandbox.store;
  if (options.withoutSentiment && store instanceof MemoryStore) store.schema.removeProperty('companies', 'hs_csm_sentiment');
  mswServer.use(...sandbox.mswHandlers());
  const client = createHubSpotClient({ accessToken: 'pat-doctor', idleTimeoutMs: 1_000 });
  const deps = { account: new AccountGateway(client, 'pat-doctor', fast), properties: new PropertyGateway(client, fast), portfolio: new PortfolioGateway(client, { retry: fast }) };
  if (options.setup !== false) {
    sandbox.controls.scopes = null;
    await runSetup({ properties: deps.properties, config: options.setupConfig ?? config });
    if (options.scopes) sandbox.controls.scopes = [...options.scopes];
  }
  const writesBefore = sandbox.log.entries.filter((entry) => entry.method !== 'GET' && !entry.path.includes('/search') && !entry.path.includes('/batch/read') && !entry.path.includes('access-token-info')).length;
  const report = await runDoctor(deps, config);
  const writesAfter = sandbox.log.entries.filter((entry) => entry.method !== 'GET' && !entry.path.includes('/search') && !entry.path.includes('/batch/read') && !entry.path.includes('access-token-info')).length;
  return { report, writes: writesAfter - writesBefore, byId: new Map(report.checks.map((check) => [check.id, check])) };
}

describe('cs-card doctor against the sandbox', () => {
  it('a full-scope token on a set-up portal: every check passes, nothing is written, nothing blocks', async () => {
    const { report, writes, byId } = await doctorOn();
    expect(writes).toBe(0);
    expect(report.checks.filter((check) => !check.ok).map((check) => check.id)).toEqual([]);
    expect(blocksResults(report.checks)).toBe(false);
    expect(byId.get('account')?.text).toMatchObject({ params: { timeZone: 'America/Los_Angeles', currency: 'USD' } });
    expect(byId.get('rate_limit')?.text).toMatchObject({ code: 'doctor.rateLimit.ok', params: { max: 190, seconds: 10 } });
    const renewal = byId.get('renewal')?.text.params ?? {};
    expect(renewal.renewal).toBeGreaterThan(0);
    expect(renewal.expansion).toBeGreaterThan(0);
    // The sample's examples agree with the demo deals' names (renewal deals sit on the contract's anniversaries).
    expect(String(renewal.renewalExample)).toMatch(/ — Renewal \d{4}$/);
    expect(String(renewal.expansionExample)).toMatch(/ — Upsell \d{4}$/);
    expect(doctorLines(report.checks).every((line) => line.startsWith('✓'))).toBe(true);
  });

  it('a token without the survey and lists scopes: the scopes check fails with the fix, survey answers are unreadable, and it blocks (lists are required)', async () => {
    const scopes = ALL_SANDBOX_SCOPES.filter((scope) => !['crm.objects.feedback_submissions.read', 'crm.lists.read', 'crm.lists.write'].includes(scope));
    const { report, byId } = await doctorOn({ scopes });
    expect(byId.get('scopes')).toMatchObject({ ok: false, blocking: true, text: { code: 'doctor.scopes.missing' } });
    expect(String(byId.get('scopes')?.text.params.scopes)).toContain('crm.lists.read');
    expect(String(byId.get('scopes')?.text.params.scopes)).toContain('crm.objects.feedback_submissions.read');
    expect(byId.get('survey')).toMatchObject({ ok: false, text: { code: 'doctor.survey.forbidden' }, fix: { code: 'doctor.survey.fix' } });
    expect(blocksResults(report.checks)).toBe(true);
    const lines = doctorLines(report.checks, 'en', { failedOnly: true });
    expect(lines.some((line) => line.startsWith('✗') && line.includes('crm.lists.write'))).toBe(true);
    expect(lines.some((line) => line.includes('Fix: add the optional scope crm.objects.feedback_submissions.read'))).toBe(true);
  });

  it('checks the property labels in the portal\'s language: current after a Polish setup, outdated (not blocking) when the language changed since', async () => {
    const polish = parseConfig({ portalLanguage: 'pl' });
    const inPolish = await doctorOn({ config: polish });
    expect(inPolish.byId.get('properties')).toMatchObject({ ok: true, text: { code: 'doctor.properties.ok' } });
    const changed = await doctorOn({ config: polish, setupConfig: defaultConfig });
    expect(changed.byId.get('properties')).toMatchObject({ ok: false, blocking: false, text: { code: 'doctor.properties.outdated' } });
  });

  it('a token without only the survey scope: NPS is unavailable, said, but nothing blocks', async () => {
    const { report, byId } = await doctorOn({ scopes: ALL_SANDBOX_SCOPES.filter((scope) => scope !== 'crm.objects.feedback_submissions.read') });
    expect(byId.get('scopes')).toMatchObject({ ok: false, blocking: false, text: { code: 'doctor.scopes.optional' } });
    expect(byId.get('survey')).toMatchObject({ ok: false, blocking: false });
    expect(blocksResults(report.checks)).toBe(false);
  });

  it('a portal without the sentiment property: said with the fix, in every locale', async () => {
    const { byId } = await doctorOn({ withoutSentiment: true });
    const sentiment = byId.get('sentiment');
    expect(sentiment).toMatchObject({ ok: false, text: { code: 'doctor.sentiment.absent', params: { property: 'hs_csm_sentiment' } }, fix: { code: 'doctor.sentiment.absentFix' } });
    for (const locale of ['en', 'zh-CN', 'ja', 'pl', 'th']) {
      const lines = doctorLines(sentiment ? [sentiment] : [], locale);
      expect(lines[0]).toMatch(/^✗ .*hs_csm_sentiment/);
      expect(lines[1]).toContain('sentiment.property');
    }
  });

  it('a portal that was never set up: the missing properties block, with "run cs-card setup"', async () => {
    const { report, byId } = await doctorOn({ setup: false });
    expect(byId.get('properties')).toMatchObject({ ok: false, blocking: true, fix: { code: 'doctor.properties.fix' } });
    expect(blocksResults(report.checks)).toBe(true);
  });
});
