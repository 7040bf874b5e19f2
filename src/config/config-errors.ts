import type { z } from 'zod';
import { message, type Message, type MessageParams } from '../app/cards/contract/message.ts';
import { createI18n } from '../app/cards/i18n/format.ts';
import { isMessageKey } from '../app/cards/i18n/loaded-catalogs.ts';

// How a bad configuration is told: one sentence per issue, naming the field, what is wrong and
// what to write instead (or that removing the field restores the default). Each issue is a
// catalog message (config.*), worded in the reader's language where it is shown; `issues` and
// the error's message are their English, for logs and code that reads them.

const english = createI18n('en', 'UTC');

/** An invalid configuration; every issue names the field, what is wrong and what to do. */
export class ConfigError extends Error {
  /** Bad configuration is a usage error (DESIGN.md exit codes). */
  readonly exitCode = 2;
  /** The issues in English. */
  readonly issues: string[];
  /** The issues as catalog messages (shown in the reader's language). */
  readonly texts: readonly Message[];
  /** The file (or other source) the configuration came from. */
  readonly source: string;

  constructor(source: string, texts: readonly Message[]) {
    const issues = texts.map((text) => english.message(text));
    super(`${source}: invalid configuration: ${issues.join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
    this.texts = texts;
    this.source = source;
  }
}

/** The message a schema rule gives as its error (`{ error: 'config.rule.…' }`): a catalog key. */
function ruleKey(issue: z.core.$ZodIssue): string | null {
  return issue.message.startsWith('config.rule.') && isMessageKey(issue.message) ? issue.message : null;
}

/** One issue as a sentence naming the field, what is wrong and what to do (with the default, `defaults`, when short). */
export function describeIssue(issue: z.core.$ZodIssue, defaults: unknown): Message {
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    // The whole file is a list, null, a number…: one short sentence, not the defaults dumped.
    return message('config.issue.notObject', got(issue.input));
  }
  const where: MessageParams = issue.path.length === 0 ? { at: 'top', field: '' } : { at: 'field', field: pathText(issue.path) };
  const rule = ruleKey(issue);
  if (rule !== null) return message(rule, { ...where, ...got(issue.input), ...ruleParams(issue) });
  const fallback = defaultAt(defaults, issue.path);
  const fallbackText = JSON.stringify(fallback);
  // A default too long to read in one line is not quoted: removing the field is the advice.
  const useDefault: MessageParams = fallback === undefined ? { fallback: 'none' } : fallbackText.length > 60 ? { fallback: 'long' } : { fallback: 'short', fallbackValue: fallbackText };
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return message('config.issue.required', where);
      return message('config.issue.type', { ...where, expected: issue.expected, ...got(issue.input), ...useDefault });
    case 'too_small':
      return message('config.issue.tooSmall', { ...where, origin: issue.origin === 'array' ? 'array' : 'value', minimum: String(issue.minimum), count: Number(issue.minimum), ...got(issue.input), ...useDefault });
    case 'too_big':
      return message('config.issue.tooBig', { ...where, maximum: String(issue.maximum), ...got(issue.input), ...useDefault });
    case 'invalid_value':
      return message('config.issue.oneOf', { ...where, values: issue.values.map((v) => JSON.stringify(v)).join(', '), ...got(issue.input) });
    case 'unrecognized_keys':
      return message('config.issue.unknownFields', { ...where, count: issue.keys.length, keys: issue.keys.map((k) => `"${k}"`).join(', '), known: knownKeys(defaults, issue.path) ?? 'none' });
    default:
      // zod's own words, for a kind of issue no rule of this schema gives.
      return message('config.issue.other', { ...where, detail: issue.message, format: issue.code === 'invalid_format' ? 'yes' : 'no', ...got(issue.input) });
  }
}

/** The numbers a rule's check put in its issue's `params`, as the text they are shown as. */
function ruleParams(issue: z.core.$ZodIssue): MessageParams {
  if (issue.code !== 'custom' || !issue.params) return {};
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(issue.params)) if (typeof value === 'string' || typeof value === 'number') params[name] = String(value);
  return params;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

/** What the file holds there: `got` says whether it is a list, an object or a value (`gotValue`, as JSON). */
function got(value: unknown): MessageParams {
  if (Array.isArray(value)) return { got: 'list', gotValue: '' };
  if (value !== null && typeof value === 'object') return { got: 'object', gotValue: '' };
  const text = value === null ? 'null' : (JSON.stringify(value) ?? String(value));
  return { got: 'value', gotValue: text.length > 40 ? `${text.slice(0, 37)}...` : text };
}

function defaultAt(defaults: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = defaults;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || typeof key === 'symbol') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function knownKeys(defaults: unknown, path: readonly PropertyKey[]): string | null {
  const node = defaultAt(defaults, path.map((key) => (typeof key === 'number' ? 0 : key)));
  return typeof node === 'object' && node !== null && !Array.isArray(node) ? Object.keys(node).join(', ') : null;
}
