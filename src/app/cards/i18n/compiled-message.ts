import { IntlMessageFormat, type Formatters } from 'intl-messageformat';

// A parsed ICU message (intl-messageformat's AST, the library stays the parser) turned into
// small functions once, for the element kinds the catalogs use: text, `{name}`, `{name, number}`
// without a style, `{name, select, …}`, `{name, plural, …}` and its `#`. Each does exactly what
// intl-messageformat's formatToParts does for that kind (read from its source, v12): the same
// missing-value check, the same `=n` then plural-rule then `other` branch choice, a `#` only in
// a plural's own branches (a select inside one resets it), numbers through the same shared
// formatters. Filling in a message this way skips formatToParts' parts arrays and their
// merging: a sync words three drivers and a next action for every company, and that generic
// path was about half of its write-back time. A message with any other kind (a styled number,
// time, tag, offset) is not compiled here (null) and the library formats it; a value of a kind
// the functions do not handle (an object) throws, and the caller then asks the library too.
// test/app/compiled-message.test.ts formats every message of every catalog both ways.

type Element = ReturnType<IntlMessageFormat['getAst']>[number];
type Values = Readonly<Record<string, unknown>>;
/** A part of a message: its text for these values (`pound`: the number a `#` shows, in a plural's branch). */
type Part = (values: Values, pound: number | undefined) => string;

const sample = (source: string): Element | undefined => new IntlMessageFormat(source, 'en', undefined, { ignoreTag: true }).getAst()[0];
// The parser's type codes, read from the parser (its TYPE enum is in @formatjs/icu-messageformat-parser, not a dependency of ours).
const literalType = sample('x')?.type;
const argumentType = sample('{x}')?.type;
const numberType = sample('{x, number}')?.type;
const selectType = sample('{x, select, other {}}')?.type;
const pluralType = sample('{x, plural, other {}}')?.type;
const poundElement = sample('{x, plural, other {#}}');
const poundType = poundElement !== undefined && 'options' in poundElement ? poundElement.options.other?.value[0]?.type : undefined;

/**
 * The message's text for some values, or null when it uses an element kind not compiled here.
 * Throws where intl-messageformat would (a missing value, no branch) and on a value that is not
 * text, a number or empty.
 *
 * @example
 * compileMessage(new IntlMessageFormat('{n, plural, one {# day} other {# days}}', 'en').getAst(), 'en', formatters)?.({ n: 2 }) // '2 days'
 */
export function compileMessage(ast: readonly Element[], locale: string, formatters: Formatters): ((values: Values) => string) | null {
  const whole = sequence(ast, locale, formatters);
  return whole === null ? null : (values) => whole(values, undefined);
}

/**
 * Whether a parsed message is text alone (no placeholder): the same text whatever the values.
 *
 * @example
 * textOnly(new IntlMessageFormat('Open the card', 'en').getAst()) // true
 */
export function textOnly(ast: readonly Element[]): boolean {
  return ast.every((element) => element.type === literalType);
}

function sequence(elements: readonly Element[], locale: string, formatters: Formatters): Part | null {
  const parts: Part[] = [];
  for (const element of elements) {
    const part = compileElement(element, locale, formatters);
    if (part === null) return null;
    parts.push(part);
  }
  const [first, second, third] = parts;
  if (first === undefined) return () => '';
  if (second === undefined) return first;
  if (third === undefined && parts.length === 2) return (values, pound) => first(values, pound) + second(values, pound);
  return (values, pound) => {
    let text = '';
    for (const part of parts) text += part(values, pound);
    return text;
  };
}

function compileElement(element: Element, locale: string, formatters: Formatters): Part | null {
  if (element.type === literalType && 'value' in element && typeof element.value === 'string') {
    const text = element.value;
    return () => text;
  }
  if (element.type === poundType) {
    const numbers = formatters.getNumberFormat(locale);
    return (_, pound) => (typeof pound === 'number' ? numbers.format(pound) : '');
  }
  if (element.type === argumentType && 'value' in element && typeof element.value === 'string') {
    const name = element.value;
    return (values) => argumentText(values, name);
  }
  if (element.type === numberType && 'style' in element && (element.style === null || element.style === undefined)) {
    const name = element.value;
    const numbers = formatters.getNumberFormat(locale);
    // As formatToParts: whatever the value is goes to Intl.NumberFormat (a numeric text too).
    return (values) => numbers.format(valueOf(values, name) as number);
  }
  if (element.type === selectType && 'options' in element && !('pluralType' in element)) {
    const name = element.value;
    // A select's branches show no `#` (formatToParts formats them without the plural's number).
    const branches = compiledBranches(element.options, locale, formatters);
    if (branches === null) return null;
    return (values) => {
      const value = valueOf(values, name);
      const branch = branches.get(String(value)) ?? branches.get('other');
      if (branch === undefined) throw new RangeError(`no branch of "${name}" for "${String(value)}"`);
      return branch(values, undefined);
    };
  }
  if (element.type === pluralType && 'pluralType' in element && !element.offset) {
    const name = element.value;
    const rules = formatters.getPluralRules(locale, { type: element.pluralType });
    const branches = compiledBranches(element.options, locale, formatters);
    if (branches === null) return null;
    // Only a plural with exact branches (`=0 {…}`) looks its value up as one: the text is built then.
    const exact = [...branches.keys()].some((key) => key.startsWith('='));
    return (values) => {
      const value = valueOf(values, name);
      // As formatToParts: a bigint as a number, anything else as it is (a numeric text is its number).
      const number = (typeof value === 'bigint' ? Number(value) : value) as number;
      const branch = (exact ? branches.get(`=${String(value)}`) : undefined) ?? branches.get(rules.select(number - 0)) ?? branches.get('other');
      if (branch === undefined) throw new RangeError(`no branch of "${name}" for "${String(value)}"`);
      return branch(values, number - 0);
    };
  }
  return null;
}

function compiledBranches(options: Readonly<Record<string, { readonly value: readonly Element[] }>>, locale: string, formatters: Formatters): Map<string, Part> | null {
  const branches = new Map<string, Part>();
  for (const [key, option] of Object.entries(options)) {
    const branch = sequence(option.value, locale, formatters);
    if (branch === null) return null;
    branches.set(key, branch);
  }
  return branches;
}

function valueOf(values: Values, name: string): unknown {
  if (!(name in values)) throw new RangeError(`no value for "${name}"`);
  return values[name];
}

/** `{name}`'s text as formatToParts makes it: text as it is, a number as String() writes it, an empty value as nothing. */
function argumentText(values: Values, name: string): string {
  const value = valueOf(values, name);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (!value) return '';
  throw new TypeError(`"${name}" is not text or a number`);
}
