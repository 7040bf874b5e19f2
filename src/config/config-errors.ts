import type { z } from 'zod';

// How a bad configuration is told: one sentence per issue, naming the field, what is wrong and
// what to write instead (or that removing the field restores the default).

/** An invalid configuration; every issue names the field, what is wrong and what to do. */
export class ConfigError extends Error {
  /** Bad configuration is a usage error (DESIGN.md exit codes). */
  readonly exitCode = 2;
  readonly issues: string[];
  /** The file (or other source) the configuration came from. */
  readonly source: string;

  constructor(source: string, issues: string[]) {
    super(`${source}: invalid configuration: ${issues.join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
    this.source = source;
  }
}

/** One issue as a sentence naming the field, what is wrong and what to do (with the default, `defaults`, when short). */
export function describeIssue(issue: z.core.$ZodIssue, defaults: unknown): string {
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    // The whole file is a list, null, a number…: one short sentence, not the defaults dumped.
    return `(top level): expected an object {...}, got ${valueText(issue.input)}; the file must hold a JSON object like {"currency": "USD"}: fix it, or delete the file to use the defaults`;
  }
  const where = issue.path.length === 0 ? '(top level)' : pathText(issue.path);
  const fallback = defaultAt(defaults, issue.path);
  const fallbackText = JSON.stringify(fallback);
  // A default too long to read in one line is not quoted: removing the field is the advice.
  const useDefault = fallback === undefined ? '' : fallbackText.length > 60 ? ' or remove the field to use the default' : ` or remove the field to use the default (${fallbackText})`;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${where}: is required; add it`;
      return `${where}: expected ${kindText(issue.expected)}, got ${valueText(issue.input)}; write ${kindText(issue.expected)}${useDefault}`;
    case 'too_small':
      return `${where}: ${issue.origin === 'array' ? `must list at least ${String(issue.minimum)} item(s)` : `must be at least ${String(issue.minimum)}`} (got ${valueText(issue.input)}); raise it${useDefault}`;
    case 'too_big':
      return `${where}: must be at most ${String(issue.maximum)} (got ${valueText(issue.input)}); lower it${useDefault}`;
    case 'invalid_value':
      return `${where}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} (got ${valueText(issue.input)})`;
    case 'unrecognized_keys': {
      const known = knownKeys(defaults, issue.path);
      return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling${known ? ` (known fields: ${known})` : ''}`;
    }
    default:
      return `${where}: ${issue.message}${issue.code === 'invalid_format' ? ` (got ${valueText(issue.input)})` : ''}`;
  }
}

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

function kindText(expected: string): string {
  const names: Record<string, string> = { int: 'a whole number', number: 'a number', string: 'a text in quotes', boolean: 'true or false', array: 'a list [...]', object: 'an object {...}', record: 'an object {...}' };
  return names[expected] ?? expected;
}

function valueText(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
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
