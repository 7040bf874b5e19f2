import { message, messageSchema, type Message, type MessageParams } from '../contract/message.ts';
import { createI18n, type I18n } from './format.ts';
import type { MessageKey } from './messages.ts';

// Errors a person reads (the CLI's stderr, the sync's summary): thrown with a catalog code and
// its parameters, put into words in the reader's language only where they are shown. Their
// `message` is the English text, for logs, stack traces and code that reads it. Errors of layers
// that do not import the catalog (src/hubspot/) carry the same as a `text` field.

/** A catalog message by its key (checked against the catalog when compiled). */
export function catalogText(key: MessageKey, params: MessageParams = {}): Message {
  return message(key, params);
}

const english = createI18n('en', 'UTC');

/**
 * An error whose text comes from the message catalog. A parameter named `error` is filled, where
 * the error is shown, with the text of its `cause` in the same language.
 *
 * @example
 * new MessageError(catalogText('cli.error.portInUse', { port: '3000' })).message // 'port 3000 is in use: …'
 */
export class MessageError extends Error {
  readonly text: Message;
  constructor(text: Message, options?: ErrorOptions) {
    super(english.message(withCause(text, options?.cause, english)), options);
    this.text = text;
  }
}

function withCause(text: Message, cause: unknown, i18n: I18n): Message {
  if (cause === undefined || !('error' in text.params)) return text;
  return { code: text.code, params: { ...text.params, error: errorText(cause, i18n) } };
}

/** The catalog message an error carries (a MessageError's, or a `text` field of that shape), if any. */
function textOf(error: Error): Message | null {
  if (error instanceof MessageError) return error.text;
  const parsed = messageSchema.safeParse('text' in error ? error.text : undefined);
  return parsed.success ? parsed.data : null;
}

/** Whether an error, or an error that caused it, carries the catalog message `key`. */
export function carriesMessage(error: unknown, key: MessageKey): boolean {
  for (let at: unknown = error; at instanceof Error; at = at.cause) {
    if (textOf(at)?.code === key) return true;
  }
  return false;
}

/** The catalog messages of an error that says several things (a configuration's issues: a `texts` field), if it is one. */
function textsOf(error: Error): Message[] | null {
  if (!('texts' in error) || !Array.isArray(error.texts)) return null;
  const texts: Message[] = [];
  for (const text of error.texts as unknown[]) {
    const parsed = messageSchema.safeParse(text);
    if (!parsed.success) return null;
    texts.push(parsed.data);
  }
  return texts.length > 0 ? texts : null;
}

/**
 * What the user reads for an error: its catalog message in `i18n`'s language (its cause too), or
 * its several messages one after another; any other error by its message (texts from outside
 * the catalog: a library's, the platform's).
 */
export function errorText(error: unknown, i18n: I18n): string {
  if (!(error instanceof Error)) return String(error);
  const texts = textsOf(error);
  if (texts !== null) return texts.map((text) => i18n.message(text, error.message)).join(i18n.t('list.clauseSeparator'));
  const text = textOf(error);
  return text === null ? error.message : i18n.message(withCause(text, error.cause, i18n), error.message);
}
