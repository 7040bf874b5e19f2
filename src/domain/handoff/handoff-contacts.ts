import { parseInstant, textValue } from '../parsing/index.ts';
import { sortInPlace } from '../card/sorting.ts';
import type { CrmRecord } from '../card/snapshot.ts';
import type { HandoffFields } from './handoff.ts';

// The handoff form's contacts: how a contact is named, the order they are offered in, and which
// of a company's (possibly thousands of) contacts the form offers.

export interface ContactOption {
  readonly id: string;
  readonly label: string;
}

/**
 * "Jane Doe (jane@acme.example)", else the email, else the id.
 *
 * @example
 * contactLabel({ id: '201', properties: { firstname: 'Ana', lastname: 'Silva', email: 'ana@acme.example' } }) // => 'Ana Silva (ana@acme.example)'
 * contactLabel({ id: '202', properties: {} })                                                                 // => 'Contact 202'
 */
export function contactLabel(contact: CrmRecord): string {
  const props = contact.properties;
  // Read as props.name, not textOf(props, name): a read site of its own is fast (property-values.ts).
  const first = textValue(props.firstname);
  const last = textValue(props.lastname);
  const name = first !== null && last !== null ? `${first} ${last}` : (first ?? last ?? '');
  const email = textValue(props.email);
  if (name !== '' && email !== null) return `${name} (${email})`;
  return name !== '' ? name : (email ?? `Contact ${contact.id}`);
}

interface SortableOption {
  readonly option: ContactOption;
  /** The lower-cased label: compared with < and >, as a collator costs a sixth of a card view. */
  readonly key: string;
}

/**
 * By label, case-insensitively, then by id.
 *
 * @example
 * contactOptions([{ id: '202', properties: { firstname: 'bo', lastname: 'Lind' } }, { id: '201', properties: { firstname: 'Ana', lastname: 'Silva', email: 'ana@acme.example' } }])
 * // => [{ id: '201', label: 'Ana Silva (ana@acme.example)' }, { id: '202', label: 'bo Lind' }]
 */
export function contactOptions(contacts: readonly CrmRecord[]): ContactOption[] {
  const sortable: SortableOption[] = [];
  for (const contact of contacts) {
    const label = contactLabel(contact);
    sortable.push({ option: { id: contact.id, label }, key: label.toLowerCase() });
  }
  sortInPlace(sortable, byKey);
  const options: ContactOption[] = [];
  for (const item of sortable) options.push(item.option);
  return options;
}

function byKey(a: SortableOption, b: SortableOption): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  const x = a.option.id;
  const y = b.option.id;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * How many contacts the handoff form offers: a card's view must stay far below hubspot.fetch's
 * 1 MB response limit even for a company with thousands of contacts.
 */
export const contactChoiceLimit = 50;

function lastContacted(contact: CrmRecord): number {
  return parseInstant(contact.properties.notes_last_contacted) ?? Number.NEGATIVE_INFINITY;
}

/**
 * The contacts the form offers: the champion and economic buyer already chosen, then the most
 * recently engaged (`notes_last_contacted`, newest first; never contacted last, by id), up to
 * {@link contactChoiceLimit}; and how many were left out.
 * @example
 * contactChoices([{ id: '1', properties: {} }, { id: '2', properties: { notes_last_contacted: '2026-03-01T10:00:00Z' } }], { championId: '1', economicBuyerId: '' }, 1)
 * // => { chosen: [{ id: '1', properties: {} }], leftOut: 1 }
 */
export function contactChoices(contacts: readonly CrmRecord[], fields: Pick<HandoffFields, 'championId' | 'economicBuyerId'>, limit = contactChoiceLimit): { chosen: CrmRecord[]; leftOut: number } {
  if (contacts.length <= limit) return { chosen: [...contacts], leftOut: 0 };
  const named = new Set([fields.championId, fields.economicBuyerId].filter((id) => id !== ''));
  const first = contacts.filter((contact) => named.has(contact.id));
  const rest = contacts.filter((contact) => !named.has(contact.id)).map((contact) => ({ contact, at: lastContacted(contact) }));
  rest.sort((a, b) => (a.at !== b.at ? (b.at > a.at ? 1 : -1) : a.contact.id.length - b.contact.id.length || (a.contact.id < b.contact.id ? -1 : 1)));
  const chosen = [...first, ...rest.map((entry) => entry.contact)].slice(0, Math.max(limit, first.length));
  return { chosen, leftOut: contacts.length - chosen.length };
}

/**
 * The contacts a read-only handoff names: its champion and economic buyer.
 *
 * @example
 * namedContacts([{ id: '1', properties: {} }, { id: '2', properties: {} }], { championId: '2', economicBuyerId: '' }) // => [{ id: '2', properties: {} }]
 */
export function namedContacts(contacts: readonly CrmRecord[], fields: Pick<HandoffFields, 'championId' | 'economicBuyerId'>): CrmRecord[] {
  const named: CrmRecord[] = [];
  for (const contact of contacts) if (contact.id === fields.championId || contact.id === fields.economicBuyerId) named.push(contact);
  return named;
}
