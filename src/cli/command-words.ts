import type { Catalog } from '../app/cards/i18n/catalog/types.ts';
import { catalogLocale, type MessageValue } from '../app/cards/i18n/catalog-locale.ts';
import type { CatalogLocale, MessageKey } from '../app/cards/i18n/messages.ts';
import { readerLocale } from './locale-choice.ts';

// The words of the command table (./program.ts): --help and commander's own errors, in the
// reader's language (./locale-choice.ts), from the message catalog. They are loaded only when
// help or a usage error is shown (./main.ts), and then only that language's catalog, so
// `cs-card --version` and every command start without the catalog or intl-messageformat.

/** A catalog message in the command line's language. */
export type Words = (key: MessageKey, params?: Readonly<Record<string, MessageValue>>) => string;

const loaders: Readonly<Record<CatalogLocale, () => Promise<Catalog>>> = {
  en: async () => (await import('../app/cards/i18n/catalog/en.ts')).messages,
  'zh-CN': async () => (await import('../app/cards/i18n/catalog/zh-CN.ts')).messages,
  ja: async () => (await import('../app/cards/i18n/catalog/ja.ts')).messages,
  pl: async () => (await import('../app/cards/i18n/catalog/pl.ts')).messages,
  th: async () => (await import('../app/cards/i18n/catalog/th.ts')).messages,
};

/** The words for a command line: its --locale's language, else the environment's. */
export async function commandWords(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Words> {
  const locale = readerLocale(argv, env);
  const catalog = catalogLocale(locale);
  const [messages, { formatSource }] = await Promise.all([loaders[catalog](), import('../app/cards/i18n/icu-message.ts')]);
  return (key, params = {}) => formatSource(messages[key], locale, params, `${locale}\u0000${catalog}\u0000${key}`);
}
