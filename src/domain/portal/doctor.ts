import type { CsConfig } from '../../config/schema.ts';
import { message, type Message } from '../../app/cards/contract/message.ts';
import { sentimentMapping, type PropertyOption } from './portal-settings.ts';
import { productProperties, propertyDrift, type ExistingProperty, type PropertyWords } from '../properties.ts';
import type { DealKind } from '../renewal/renewal-classification.ts';

// `cs-card doctor`: what a portal lacks for correct results, as a checklist. This module only
// judges facts the shell read (scopes, account details, property definitions, a sample of
// deals, whether survey answers are readable, the rate-limit headers); every text is a catalog
// message, and each failed check says how to fix it. A blocking failure means the product
// would compute or write wrong results there; the others degrade one part and say so.

/** Scopes the product needs (src/app/app-hsmeta.json requiredScopes) and the optional ones with what each enables. */
export const requiredScopes: readonly string[] = [
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.deals.read',
  'tickets',
  'crm.objects.owners.read',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
  'crm.lists.read',
  'crm.lists.write',
];
/** Survey answers need Service Hub Pro: without the scope NPS is unavailable, and the card says so. */
export const optionalScopes: readonly string[] = ['crm.objects.feedback_submissions.read'];

export interface RenewalSample {
  readonly deals: number;
  readonly counts: Readonly<Record<DealKind, number>>;
  readonly examples: ReadonlyArray<{ readonly name: string; readonly kind: DealKind }>;
}

export interface DoctorFacts {
  /** The token's scopes; null with `scopesFailure` when they could not be read. */
  readonly scopes: readonly string[] | null;
  readonly scopesFailure: string | null;
  readonly account: { readonly timeZone: string; readonly currency: string } | null;
  readonly accountFailure: string | null;
  readonly companyProperties: readonly ExistingProperty[] | null;
  readonly propertiesFailure: string | null;
  readonly renewal: RenewalSample | null;
  readonly renewalFailure: string | null;
  /** 'readable', 'forbidden' (no scope or no Service Hub Pro), or a failure text. */
  readonly survey: 'readable' | 'forbidden' | { readonly failure: string };
  readonly rateLimit: { readonly max: number | null; readonly intervalMs: number | null; readonly daily: number | null } | null;
}

export interface DoctorCheck {
  readonly id: 'scopes' | 'account' | 'properties' | 'configured' | 'sentiment' | 'renewal' | 'survey' | 'rate_limit';
  readonly ok: boolean;
  /** A failure here makes results wrong (exit 1); otherwise one part degrades, as the card says. */
  readonly blocking: boolean;
  readonly text: Message;
  readonly fix: Message | null;
}

function list(names: readonly string[]): string {
  return names.join(', ');
}

function pass(id: DoctorCheck['id'], text: Message): DoctorCheck {
  return { id, ok: true, blocking: false, text, fix: null };
}

function fail(id: DoctorCheck['id'], blocking: boolean, text: Message, fix: Message): DoctorCheck {
  return { id, ok: false, blocking, text, fix };
}

function scopesCheck(facts: DoctorFacts): DoctorCheck {
  if (facts.scopes === null) return fail('scopes', false, message('doctor.scopes.unknown', { reason: facts.scopesFailure ?? '' }), message('doctor.scopes.unknownFix'));
  const granted = new Set(facts.scopes);
  const missing = requiredScopes.filter((scope) => !granted.has(scope));
  const optional = optionalScopes.filter((scope) => !granted.has(scope));
  if (missing.length > 0) return fail('scopes', true, message('doctor.scopes.missing', { scopes: list([...missing, ...optional]) }), message('doctor.scopes.fix', { scopes: list([...missing, ...optional]) }));
  if (optional.length > 0) return fail('scopes', false, message('doctor.scopes.optional', { scopes: list(optional) }), message('doctor.scopes.fix', { scopes: list(optional) }));
  return pass('scopes', message('doctor.scopes.ok', { count: requiredScopes.length + optionalScopes.length }));
}

function accountCheck(facts: DoctorFacts, config: CsConfig): DoctorCheck {
  if (facts.account === null) {
    return fail('account', true, message('doctor.account.unknown', { reason: facts.accountFailure ?? '', timeZone: config.timeZone, currency: config.currency }), message('doctor.account.fix'));
  }
  return pass('account', message('doctor.account.ok', { timeZone: facts.account.timeZone, currency: facts.account.currency }));
}

function propertiesCheck(facts: DoctorFacts, config: CsConfig, words: PropertyWords): DoctorCheck {
  if (facts.companyProperties === null) return fail('properties', true, message('doctor.properties.unknown', { reason: facts.propertiesFailure ?? '' }), message('doctor.properties.unknownFix'));
  const existing = new Map(facts.companyProperties.map((property) => [property.name, property]));
  const wanted = productProperties(config, words);
  const missing = wanted.filter((definition) => !existing.has(definition.name)).map((definition) => definition.name);
  const outdated = wanted.filter((definition) => {
    const current = existing.get(definition.name);
    return current !== undefined && propertyDrift(definition, current).length > 0;
  }).map((definition) => definition.name);
  if (missing.length > 0) return fail('properties', true, message('doctor.properties.missing', { count: missing.length, names: list(missing) }), message('doctor.properties.fix'));
  if (outdated.length > 0) return fail('properties', false, message('doctor.properties.outdated', { count: outdated.length, names: list(outdated) }), message('doctor.properties.fix'));
  return pass('properties', message('doctor.properties.ok', { count: wanted.length }));
}

/**
 * The company properties the configuration points at for usage, the contract and QBRs (an unset one is left out).
 *
 * @example
 * configuredProperties(defaultConfig) // => ['cs_seats_active', 'cs_seats_licensed', 'cs_last_product_activity', 'contract_end_date', 'cs_last_qbr_date']
 */
export function configuredProperties(config: CsConfig): string[] {
  const names = [
    config.adoption.seatsActiveProperty,
    config.adoption.seatsLicensedProperty,
    config.adoption.lastActivityProperty,
    config.renewal.companyDateProperty,
    config.renewal.companyAmountProperty,
    config.playbooks.qbrProperty,
  ];
  return [...new Set(names.filter((name): name is string => name !== null))];
}

function configuredCheck(facts: DoctorFacts, config: CsConfig): DoctorCheck | null {
  if (facts.companyProperties === null) return null;
  const present = new Set(facts.companyProperties.map((property) => property.name));
  const names = configuredProperties(config);
  const missing = names.filter((name) => !present.has(name));
  if (missing.length > 0) return fail('configured', false, message('doctor.configured.missing', { count: missing.length, names: list(missing) }), message('doctor.configured.fix'));
  return pass('configured', message('doctor.configured.ok', { names: list(names) }));
}

function sentimentCheck(facts: DoctorFacts, config: CsConfig): DoctorCheck | null {
  if (facts.companyProperties === null || config.health.weights.sentiment === 0) return null;
  const property = facts.companyProperties.find((candidate) => candidate.name === config.sentiment.property);
  if (property === undefined) return fail('sentiment', false, message('doctor.sentiment.absent', { property: config.sentiment.property }), message('doctor.sentiment.absentFix'));
  const options: PropertyOption[] = property.options.filter((option) => option.hidden !== true).map(({ value, label }) => ({ value, label }));
  const { mapped, unmapped } = sentimentMapping(options, config.sentiment.values);
  if (unmapped.length > 0) {
    const names = list(unmapped.map((option) => (option.label === option.value ? option.value : `${option.label} (${option.value})`)));
    return fail('sentiment', true, message('doctor.sentiment.unmapped', { property: config.sentiment.property, count: unmapped.length, options: names }), message('doctor.sentiment.fix'));
  }
  const shown = list(mapped.map((option) => `${option.label} = ${option.score}`));
  return pass('sentiment', message('doctor.sentiment.ok', { property: config.sentiment.property, count: mapped.length, options: shown }));
}

function renewalCheck(facts: DoctorFacts): DoctorCheck {
  if (facts.renewal === null) return fail('renewal', false, message('doctor.renewal.unknown', { reason: facts.renewalFailure ?? '' }), message('doctor.renewal.unknownFix'));
  const { counts, deals, examples } = facts.renewal;
  const example = (kind: DealKind) => examples.find((candidate) => candidate.kind === kind)?.name ?? '—';
  const params = { deals, renewal: counts.renewal, expansion: counts.expansion, newBusiness: counts.new_business, other: counts.other, renewalExample: example('renewal'), expansionExample: example('expansion') };
  if (deals > 0 && counts.renewal === 0) return fail('renewal', true, { ...message('doctor.renewal.none', params) }, message('doctor.renewal.fix'));
  return pass('renewal', message('doctor.renewal.ok', params));
}

function surveyCheck(facts: DoctorFacts): DoctorCheck {
  if (facts.survey === 'readable') return pass('survey', message('doctor.survey.ok'));
  if (facts.survey === 'forbidden') return fail('survey', false, message('doctor.survey.forbidden'), message('doctor.survey.fix'));
  return fail('survey', false, message('doctor.survey.failed', { reason: facts.survey.failure }), message('doctor.survey.failedFix'));
}

function rateLimitCheck(facts: DoctorFacts): DoctorCheck {
  const limit = facts.rateLimit;
  if (limit === null || limit.max === null || limit.intervalMs === null) return pass('rate_limit', message('doctor.rateLimit.unknown'));
  return pass('rate_limit', message('doctor.rateLimit.ok', { max: limit.max, seconds: Math.round(limit.intervalMs / 1000), daily: limit.daily ?? 0 }));
}

/**
 * The checklist for a portal, in a fixed order; the properties' words are the portal's language's (`words`).
 * @example doctorChecks({ ...facts, scopes: ['crm.objects.companies.read'] }, config, words)[0] // { id: 'scopes', ok: false, blocking: true, ... }
 */
export function doctorChecks(facts: DoctorFacts, config: CsConfig, words: PropertyWords): DoctorCheck[] {
  const checks: Array<DoctorCheck | null> = [
    scopesCheck(facts),
    accountCheck(facts, config),
    propertiesCheck(facts, config, words),
    configuredCheck(facts, config),
    sentimentCheck(facts, config),
    renewalCheck(facts),
    surveyCheck(facts),
    rateLimitCheck(facts),
  ];
  return checks.filter((check): check is DoctorCheck => check !== null);
}

/**
 * Whether the checklist holds a failure that makes results wrong (doctor exits 1).
 *
 * @example
 * // a missing sentiment property only degrades one factor; missing product properties make results wrong:
 * blocksResults([{ id: 'sentiment', ok: false, blocking: false, text: { code: 'doctor.sentiment.absent', params: {} }, fix: null }]) // => false
 * blocksResults([{ id: 'properties', ok: false, blocking: true, text: { code: 'doctor.properties.missing', params: {} }, fix: null }]) // => true
 */
export function blocksResults(checks: readonly DoctorCheck[]): boolean {
  return checks.some((check) => !check.ok && check.blocking);
}
