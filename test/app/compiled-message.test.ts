import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogLocales } from '../../src/app/cards/i18n/catalog-locale.ts';
import { compileMessage } from '../../src/app/cards/i18n/compiled-message.ts';
import { localeFormatters } from '../../src/app/cards/i18n/icu-formatters.ts';
import { compiledMessage, dayText } from '../../src/app/cards/i18n/icu-message.ts';
import { catalogs } from '../../src/app/cards/i18n/messages.ts';

// The fast path (messages compiled to functions, formatters shared per locale) gives exactly the
// text plain intl-messageformat gives, with its own formatters, for every message of every
// catalog and parameters that reach each branch: plural numbers of every category and exact
// keys, each select key and one no key names, text, numbers, days and non-days, missing ones.

type Element = ReturnType<IntlMessageFormat['getAst']>[number];
type Params = Record<string, string | number>;

const parse = (source: string, locale = 'en'): Element[] => new IntlMessageFormat(source, locale, undefined, { ignoreTag: true }).getAst();
const typeOf = (source: string) => parse(source)[0]?.type;
const [literalType, argumentType, numberType, dateType, selectType, pluralType] = ['x', '{x}', '{x, number}', '{x, date}', '{x, select, other {}}', '{x, plural, other {}}'].map(typeOf);

const plurals = [-1, 0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 1.5, 1000, 12345.678, '3'];
const texts = ['Acme “GmbH”', 42, '2027-01-15', '—', '', 0];
const days = ['2027-01-15', '2026-02-28', '—'];
const numbers = [0, 1234.5, -3, '7'];

/** Each parameter a message uses, with values that reach each of its branches. */
function candidates(elements: readonly Element[], into = new Map<string, Array<string | number>>()): Map<string, Array<string | number>> {
  for (const element of elements) {
    if (!('value' in element) || typeof element.value !== 'string' || element.type === literalType) continue;
    const values = into.get(element.value) ?? [];
    if (element.type === argumentType) values.push(...texts);
    else if (element.type === numberType) values.push(...numbers);
    else if (element.type === dateType) values.push(...days);
    else if (element.type === pluralType) values.push(...plurals);
    if (element.type === selectType && 'options' in element) values.push(...Object.keys(element.options), 'no-such-key');
    into.set(element.value, values);
    if ('options' in element) for (const option of Object.values(element.options)) candidates(option.value, into);
  }
  return into;
}

/** Parameter sets in which every value of every parameter appears, in two different pairings. */
function parameterSets(source: string): Params[] {
  const choices = [...candidates(parse(source))];
  const longest = Math.max(1, ...choices.map(([, values]) => values.length));
  const sets: Params[] = [];
  for (let shift = 0; shift < 2; shift++) {
    for (let i = 0; i < longest; i++) sets.push(Object.fromEntries(choices.map(([name, values], n) => [name, values[(i + shift * n) % values.length] ?? ''])));
  }
  // A missing parameter shows the source text (both ways).
  if (choices.length > 0) sets.push({});
  return sets;
}

/** `{x, date}` as `{x}`, in every branch: days are filled in by dayText (./icu-message.ts). */
function plainDates(elements: readonly Element[]): Element[] {
  return elements.map((element): Element => {
    if ('options' in element) return { ...element, options: Object.fromEntries(Object.entries(element.options).map(([key, option]) => [key, { ...option, value: plainDates(option.value) }])) };
    if (element.type === dateType && 'value' in element) return { ...(parse('{x}')[0] as Element), value: element.value } as Element;
    return element;
  });
}

function dateNames(elements: readonly Element[], names = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === dateType && 'value' in element) names.add(element.value);
    if ('options' in element) for (const option of Object.values(element.options)) dateNames(option.value, names);
  }
  return names;
}

/** Plain intl-messageformat, its own formatters, one fresh instance per message (what formatSource did before). */
function reference(source: string, locale: string, params: Params): string {
  try {
    const ast = parse(source, locale);
    const values = { ...params };
    for (const name of dateNames(ast)) {
      const value = values[name];
      if (typeof value === 'string') values[name] = dayText(locale, value);
    }
    const out = new IntlMessageFormat(plainDates(ast), locale).format<string>(values);
    return typeof out === 'string' ? out : String(out);
  } catch {
    return source;
  }
}

const intlLocales: Record<(typeof catalogLocales)[number], readonly string[]> = { en: ['en', 'en-GB'], 'zh-CN': ['zh-CN'], ja: ['ja'], pl: ['pl'], th: ['th'] };

describe('the compiled catalog messages', () => {
  it.each(catalogLocales)('%s: every message gives the text plain intl-messageformat gives', (catalog) => {
    let compared = 0;
    const differences: string[] = [];
    for (const locale of intlLocales[catalog]) {
      for (const [key, source] of Object.entries(catalogs[catalog])) {
        const fill = compiledMessage(source, locale, `compiled-message.test\u0000${locale}\u0000${key}`);
        for (const params of parameterSets(source)) {
          const [fast, plain] = [fill(params), reference(source, locale, params)];
          if (fast !== plain) differences.push(`${locale} ${key} ${JSON.stringify(params)}: ${JSON.stringify(fast)} instead of ${JSON.stringify(plain)}`);
          compared++;
        }
      }
    }
    expect(differences.slice(0, 10)).toEqual([]);
    expect(compared).toBeGreaterThan(Object.keys(catalogs[catalog]).length);
  });

  it.each(catalogLocales)('%s: every message is compiled to functions (none falls back to the library)', (catalog) => {
    const uncompiled = Object.entries(catalogs[catalog]).filter(([, source]) => compileMessage(plainDates(parse(source, catalog)), catalog, localeFormatters(catalog)) === null);
    expect(uncompiled.map(([key]) => key)).toEqual([]);
  });

  it('gives the library’s text for the kinds it does not compile, and the source for a broken message', () => {
    const sources: Array<[string, Params]> = [
      ['{n, number, percent} of {total, number, integer}', { n: 0.256, total: 1234.5 }],
      ['{n, number, ::currency/EUR}', { n: 1234.5 }],
      ['{n, plural, offset:1 =0 {nobody} one {# alone} other {you and # others}}', { n: 3 }],
      ['{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}', { n: 22 }],
      ['{n, plural, other {{kind, select, a {# of a} other {#}} and {m, plural, one {# one} other {# many}}}}', { n: 5, kind: 'a', m: 1 }],
      ['{kind, select, a {A}}', { kind: 'b' }],
      ['{a} and {b}', { a: 'x' }],
      ['{broken', {}],
      ['<b>{a}</b> {n, plural, one {# day} other {# days}}', { a: 'bold', n: 1 }],
    ];
    sources.forEach(([source, params], i) => {
      for (const locale of ['en', 'pl', 'th']) expect(compiledMessage(source, locale, `compiled-message.test kinds ${i} ${locale}`)(params), source).toBe(reference(source, locale, params));
    });
  });
});
