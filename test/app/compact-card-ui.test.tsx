import { Alert, DescriptionListItem, LoadingButton, LoadingSpinner, ProgressBar, StatusTag, Text } from '@hubspot/ui-extensions';
import * as crmComponents from '@hubspot/ui-extensions/crm';
import { CrmActionLink } from '@hubspot/ui-extensions/crm';
import { createRenderer } from './renderer.ts';
import type { RenderedNode } from '@hubspot/ui-extensions/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardProps } from '../../src/app/cards/components/CardFrame.tsx';
import { CompactCard, recordTabName } from '../../src/app/cards/components/CompactCard.tsx';
import tabCardMeta from '../../src/app/cards/customer-success-card-hsmeta.json' with { type: 'json' };
import { cardViewFixture, contractLapsed } from './card-fixtures.ts';
import { textOf } from './card-queries.ts';
import { plainFetch, startStubBackend } from './stub-backend.ts';
import type { StubBackend } from './stub-backend.ts';

// What the compact card shows and leaves out, against a loopback stand-in backend (the real
// backend and sandbox: card-backend.test.tsx).
let backend: StubBackend;
beforeAll(async () => {
  backend = await startStubBackend();
});
afterAll(() => backend.close());

async function renderCompact(location: 'crm.record.sidebar' | 'crm.preview', view = cardViewFixture(), locale?: string) {
  backend.reply({ status: 200, body: view });
  const r = createRenderer(location);
  if (locale !== undefined) r.mocks.context.user.locale = locale;
  r.mocks.context.crm.objectId = 9001;
  r.mocks.context.crm.objectTypeId = '0-2';
  const fullCard = location === 'crm.preview' ? { objectId: 9001, objectTypeId: '0-2' } : undefined;
  r.render(<CompactCard {...cardProps(r.mocks.context, plainFetch)} baseUrl={backend.baseUrl} fullCard={fullCard} />);
  await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull());
  return r;
}

function componentNames(node: RenderedNode): string[] {
  if (node.nodeType === 'text') return [];
  const own = node.nodeType === 'element' ? [node.name] : [];
  return [...own, ...node.childNodes.flatMap(componentNames)];
}

describe('compact card (sidebar and preview)', () => {
  it('shows score, band, trend, renewal with window, NPS with responses, and only the top action', async () => {
    const r = await renderCompact('crm.record.sidebar');
    expect(r.findByTestId(ProgressBar, 'health-score').props.value).toBe(82);
    expect(r.findByTestId(ProgressBar, 'health-score').props.variant).toBe('success');
    expect(r.findByTestId(StatusTag, 'health-band').text).toBe('Healthy');
    expect(r.findByTestId(Text, 'health-trend').text).toBe('30-day trend: +4');
    expect(r.findByTestId(Text, 'renewal-date').text).toBe('May 1, 2026 (in 47 days)');
    expect(r.findByTestId(StatusTag, 'renewal-window').text).toBe('Within 60 days');
    // The renewal value and the top "why" fit the sidebar too.
    expect(r.findByTestId(Text, 'renewal-value').text).toBe('€48,000.00');
    expect(r.maybeFindByTestId(Text, 'compact-why')).not.toBeNull();
    expect(r.findAll(LoadingButton).map((b) => b.props.testId)).toEqual(['create-task-qbr_due']);
    // "More actions" is not a dead end: the sidebar names the record's tab that holds them.
    expect(r.findByTestId(Text, 'more-actions-in-tab').text).toBe('1 more suggested action in this record’s “Customer success” tab');
    expect(r.maybeFind(CrmActionLink)).toBeNull();
  });

  it('says a lapsed contract ended with no renewal on record, not that a renewal is overdue, as the tab card does', async () => {
    const r = await renderCompact('crm.record.sidebar', cardViewFixture(contractLapsed));
    expect(r.findByTestId(Text, 'renewal-date').text).toBe('Sep 9, 2024 (552 days ago)');
    expect(r.findByTestId(StatusTag, 'renewal-window').text).toBe('No renewal on record');
    expect(r.findAll(DescriptionListItem).find((item) => item.find(Text).props.testId === 'renewal-date')?.props.label).toBe('Contract ended');
    expect(textOf(r.getRootNode())).not.toContain('Overdue');
  });

  it('names no factor as the "why" of a churned customer or a prospect, which have no score: it says why there is none', async () => {
    const churned = await renderCompact('crm.record.sidebar', cardViewFixture((v) => {
      // The backend keeps the points a churned customer's factors would cost (support: 2.2).
      v.health = { ...v.health, score: null, band: 'churned', factors: v.health.factors.map((factor) => ({ ...factor, contribution: null })) };
      v.lifecycle = { stage: 'churned', since: '2026-02-10' };
    }));
    expect(churned.findByTestId(Text, 'health-no-score').text).toBe('No health score: the customer has left');
    expect(churned.maybeFindByTestId(Text, 'compact-why')).toBeNull();
    expect(churned.maybeFindByTestId(Text, 'health-coverage')).toBeNull();
    // No trend either (the fixture's +4 stays in the view): not "+4", nor "not enough history" when the backend sends none.
    expect(churned.maybeFindByTestId(Text, 'health-trend')).toBeNull();
    const prospect = await renderCompact('crm.preview', cardViewFixture((v) => {
      v.health = { ...v.health, score: null, band: 'unknown', factors: v.health.factors.map((factor) => ({ ...factor, contribution: null, pointsLost: null })) };
      v.lifecycle = { stage: 'prospect', since: null };
    }));
    expect(prospect.findByTestId(Text, 'health-no-score').text).toBe('Not a customer yet: no health score and no customer-success actions.');
    expect(prospect.maybeFindByTestId(Text, 'compact-why')).toBeNull();
    expect(prospect.maybeFindByTestId(Text, 'health-trend')).toBeNull();
  });

  it('names the tab the HubSpot project gives the full card', () => {
    expect(recordTabName).toBe(tabCardMeta.config.name);
  });

  it('puts missing data on one warning line', async () => {
    const r = await renderCompact('crm.record.sidebar', cardViewFixture((v) => {
      v.warnings = ['Tickets could not be read.', 'NPS needs a scope.'];
    }));
    expect(textOf(r.findByTestId(Alert, 'warnings'))).toBe('Tickets could not be read. · NPS needs a scope.');
  });

  it('joins the warnings of one line with the reader\'s separator (・ in Japanese)', async () => {
    const r = await renderCompact('crm.record.sidebar', cardViewFixture((v) => {
      v.warnings = ['Tickets could not be read.', 'NPS needs a scope.'];
      v.warningMessages = [
        { code: 'warning.source', params: { source: 'tickets', state: 'unavailable' } },
        { code: 'warning.source', params: { source: 'feedback', state: 'unavailable' } },
      ];
    }), 'ja-JP');
    const line = textOf(r.findByTestId(Alert, 'warnings'));
    expect(line.split('・')).toHaveLength(2);
    expect(line).not.toContain(' · ');
  });

  it('links the preview to the company record, where the full card is', async () => {
    const r = await renderCompact('crm.preview');
    const link = r.findByTestId(CrmActionLink, 'open-full-card');
    expect(link.props.actionType).toBe('RECORD_APP_LINK');
    expect(link.props.actionContext).toEqual({ objectId: 9001, objectTypeId: '0-2' });
    // "More actions" opens the record, whose tab holds the full card.
    expect(link.text).toBe('1 more suggested action');
  });

  it('uses, of the CRM components, only those the sidebar allows', async () => {
    const crmNames = Object.keys(crmComponents).filter((name) => name.startsWith('Crm'));
    for (const location of ['crm.record.sidebar', 'crm.preview'] as const) {
      const r = await renderCompact(location);
      const used = componentNames(r.getRootNode()).filter((name) => crmNames.includes(name));
      for (const name of used) expect(['CrmActionButton', 'CrmActionLink']).toContain(name);
      // The walk does see CRM components: the preview's link is one.
      if (location === 'crm.preview') expect(used).toContain('CrmActionLink');
    }
  });
});
