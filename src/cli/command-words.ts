import type { MessageKey } from '../app/cards/i18n/catalog/types.ts';
import { catalogLocale, type MessageValue } from '../app/cards/i18n/catalog-locale.ts';
import { catalogModule } from './catalog-modules.ts';
import { readerLocale } from './locale-choice.ts';

// The words of the command table (./program.ts): --help and commander's own errors, in the
// reader's language (./locale-choice.ts), from the message catalog. They are loaded only when
// help or a usage error is shown (./main.ts), and then only that language's catalog, so
// `cs-card --version` and every command start without the catalog or intl-messageformat.

/** A catalog message in the command line's language. */
export interface Words {
  (key: MessageKey, params?: Readonly<Record<string, MessageValue>>): string;
  /** What a line of help never breaks inside (./help-layout.ts): the glossary's terms and the catalog's loanwords. */
  readonly unbreakable?: readonly string[];
}

/** The words for a command line: its --locale's language, else the environment's. */
export async function commandWords(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Words> {
  const locale = readerLocale(argv, env);
  const catalog = catalogLocale(locale);
  const [{ messages, glossary, loanwords = [] }, { formatSource }] = await Promise.all([catalogModule(catalog), import('../app/cards/i18n/icu-message.ts')]);
  const words = (key: MessageKey, params: Readonly<Record<string, MessageValue>> = {}) => formatSource(messages[key], locale, params, `${locale}\u0000${catalog}\u0000${key}`);
  return Object.assign(words, { unbreakable: [...Object.values(glossary).map((entry) => entry.term), ...loanwords] });
}
