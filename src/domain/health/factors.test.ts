import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../config/schema.ts';
import { adoptionFacts, adoptionFactor } from './adoption.ts';
import { parseIsoDate } from '../parsing/index.ts';
import { engagementFacts, engagementFactor } from './engagement.ts';
import { sentimentFacts, sentimentFactor } from './sentiment.ts';
import type { CrmRecord, PropertyChange, PropertyValues } from '../card/snapshot.ts';
import { supportFacts, supportFactor } from './support.ts';
import { AS_OF, change, contact, dayAt, isoAt, ticket } from '../testing/fixtures.ts';

const asOf = parseIsoDate(AS_OF) ?? 0;

describe('support factor (open tickets by priority and age)', () => {
  const support = (tickets: CrmRecord[]) => supportFactor(supportFacts(tickets, defaultConfig.support, asOf), defaultConfig.support, false);

  it('scores a company with no tickets at all 100: that is good data, not missing data', () => {
    expect(support([])).toMatchObject({ score: 100, status: 'ok', explanation: 'No open tickets' });
  });

  it('ignores closed tickets, whichever way HubSpot says closed', () => {
    const closed = [
      ticket({ open: false, priority: 'URGENT' }),
      { ...ticket({ priority: 'URGENT' }), properties: { ...ticket({}).properties, hs_pipeline_stage: '4', hs_is_closed: null } },
      { ...ticket({ priority: 'URGENT' }), properties: { ...ticket({}).properties, closed_date: isoAt(-2), hs_is_closed: 'false' } },
    ];
    expect(support(closed).score).toBe(100);
  });

  it('explains urgent tickets with the oldest age', () => {
    expect(support([ticket({ priority: 'URGENT', ageDays: 19 }), ticket({ priority: 'urgent', ageDays: 2 })]).explanation).toBe('2 urgent tickets open, oldest 19 days');
    expect(support([ticket({ priority: 'URGENT', ageDays: 40 }), ticket({ priority: 'LOW', ageDays: 1 }), ticket({ priority: 'HIGH', ageDays: 1 })]).explanation).toBe(
      '3 tickets open (1 urgent, 1 high), oldest 40 days',
    );
  });

  it('weighs urgent above low priority and old above new', () => {
    expect(support([ticket({ priority: 'URGENT', ageDays: 1 })]).score).toBeLessThan(support([ticket({ priority: 'LOW', ageDays: 1 })]).score ?? 0);
    expect(support([ticket({ priority: 'HIGH', ageDays: 60 })]).score).toBeLessThan(support([ticket({ priority: 'HIGH', ageDays: 1 })]).score ?? 0);
  });

  it('treats an unknown priority as MEDIUM', () => {
    expect(support([ticket({ priority: 'P1', ageDays: 5 })]).score).toBe(support([ticket({ priority: 'MEDIUM', ageDays: 5 })]).score);
  });

  it('counts open high-priority tickets and the oldest age', () => {
    const facts = supportFacts([ticket({ priority: 'HIGH', ageDays: 8 }), ticket({ priority: 'URGENT', createdate: 'garbage' }), ticket({ priority: 'LOW', ageDays: 30 })], defaultConfig.support, asOf);
    expect(facts).toMatchObject({ openHighPriority: 2, oldestOpenDays: 30 });
    expect(facts.open).toHaveLength(3);
  });

  it('is an error when tickets could not be read', () => {
    expect(supportFactor(supportFacts([], defaultConfig.support, asOf), defaultConfig.support, true)).toMatchObject({ status: 'error', score: null });
  });
});

describe('engagement factor (CSM touch and engaged contacts)', () => {
  const engagement = (company: PropertyValues, contacts: CrmRecord[]) =>
    engagementFactor(engagementFacts(company, contacts, defaultConfig.engagement, asOf), defaultConfig.engagement, false);

  it('scores a recent touch and engaged contacts 100', () => {
    expect(engagement({ notes_last_contacted: isoAt(-3) }, [contact({ lastContactedDaysAgo: 10 })])).toMatchObject({
      score: 100,
      explanation: 'Last touch 3 days ago; 1 of 1 contact engaged in the last 90 days',
    });
  });

  it('drops as the last touch ages and fewer contacts are engaged', () => {
    const result = engagement({ notes_last_contacted: isoAt(-52) }, [contact({ lastContactedDaysAgo: 10 }), contact({ lastContactedDaysAgo: 100 }), contact({})]);
    expect(result.score).toBe(Math.round(0.6 * ((100 * (90 - 52)) / 76) + 0.4 * (100 / 3)));
  });

  it('has no data when the company was never touched and has no contacts', () => {
    expect(engagement({}, [])).toMatchObject({ status: 'no_data', score: null });
    expect(engagement({}, [contact({})])).toMatchObject({ status: 'ok', score: 0, explanation: 'No CSM touch on record; 0 of 1 contact engaged in the last 90 days' });
  });
});

describe('adoption factor (seat utilisation and last activity)', () => {
  const adoption = (company: PropertyValues) => adoptionFactor(adoptionFacts(company, defaultConfig.adoption, asOf), defaultConfig.adoption, false);

  it('scores utilisation against the 80% target and activity recency', () => {
    expect(adoption({ cs_seats_active: '40', cs_seats_licensed: '50', cs_last_product_activity: isoAt(-2) })).toMatchObject({
      score: 100,
      explanation: '40 of 50 seats active (80%); last product activity 2 days ago',
    });
    expect(adoption({ cs_seats_active: '10', cs_seats_licensed: '50' }).score).toBe(25);
  });

  it('reads the configured properties', () => {
    const config = parseConfig({ adoption: { seatsActiveProperty: 'active_users', seatsLicensedProperty: 'licences', lastActivityProperty: 'last_login' } });
    const facts = adoptionFacts({ active_users: '5', licences: '10', last_login: dayAt(-1) }, config.adoption, asOf);
    expect(facts).toMatchObject({ utilisation: 0.5, daysSinceActivity: 1 });
  });

  it('has no data without usable seats or activity', () => {
    expect(adoption({ cs_seats_active: '5', cs_seats_licensed: '0', cs_last_product_activity: 'yesterday' })).toMatchObject({ status: 'no_data' });
  });
});

describe('sentiment factor (CSM pulse, stale after 90 days)', () => {
  const sentiment = (value: string | null, history: PropertyChange[] = [change(value, 10)]) =>
    sentimentFactor(sentimentFacts({ hs_csm_sentiment: value }, history, defaultConfig.sentiment, asOf), defaultConfig.sentiment, false);

  it.each([
    ['Green', 100],
    ['positive', 100],
    ['YELLOW', 50],
    ['neutral', 50],
    ['red', 0],
    ['Negative', 0],
  ])('maps %s to %i', (value, score) => {
    expect(sentiment(value)).toMatchObject({ score, status: 'ok' });
  });

  it('is stale, and not counted, when last changed more than 90 days ago', () => {
    expect(sentiment('green', [change('green', 91)])).toMatchObject({ status: 'stale', score: 100, explanation: 'CSM sentiment "green", updated 91 days ago: stale after 90 days, so not counted' });
    expect(sentiment('green', [change('green', 90)]).status).toBe('ok');
  });

  it('names the sentiment as HubSpot shows it, the option\'s label, not its stored value (the card read “positive”)', () => {
    const config = { ...defaultConfig.sentiment, labels: { positive: 'Positive', option_1: 'Green', option_2: 'Mostly happy' }, values: { ...defaultConfig.sentiment.values, option_1: 100, option_2: 80 } };
    const named = (value: string) => sentimentFactor(sentimentFacts({ hs_csm_sentiment: value }, [change(value, 10)], config, asOf), config, false);
    // A word the catalog translates is sent in lower case, for the catalog to word (“Positive”, „Pozytywna”, ポジティブ).
    expect(named('positive')).toMatchObject({ explanation: 'CSM sentiment "Positive", updated 10 days ago', explanationMessage: { code: 'factor.sentiment.current', params: { value: 'positive' } } });
    expect(named('option_1')).toMatchObject({ explanation: 'CSM sentiment "Green", updated 10 days ago', explanationMessage: { params: { value: 'green' } } });
    // Any other label as HubSpot shows it.
    expect(named('option_2')).toMatchObject({ explanation: 'CSM sentiment "Mostly happy", updated 10 days ago', explanationMessage: { params: { value: 'Mostly happy' } } });
    // Without the portal's labels (a portal whose properties could not be read), the value, the catalog's word when it is one.
    expect(sentiment('Positive')).toMatchObject({ explanationMessage: { params: { value: 'positive' } } });
  });

  it('has no data when empty or not a recognised value', () => {
    expect(sentiment(null, [])).toMatchObject({ status: 'no_data' });
    expect(sentiment('purple')).toMatchObject({ status: 'no_data', explanation: 'CSM sentiment "purple" is not a recognised value' });
  });
});
