import type { I18n } from '../app/cards/i18n/format.ts';
import { carriesMessage, catalogText, errorText, MessageError } from '../app/cards/i18n/message-error.ts';

// Exit codes of DESIGN.md: 0 ok, 1 failure, 2 bad usage or config. The errors' texts come from
// the message catalog (catalogText), shown in the command's language (./locale.ts).

export class UsageError extends MessageError {
  readonly exitCode = 2;
}

export class CommandFailure extends MessageError {
  readonly exitCode = 1;
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof CommandFailure) return error.exitCode;
  // Errors of other layers that know their exit code (bad configuration: 2), e.g. the state store's.
  if (error instanceof Error && 'exitCode' in error && error.exitCode === 2) return 2;
  return 1;
}

// A portal address that could not be reached at all (refused, no such host): the failure says so
// with its own message, hubspot.failure.unreachable — src/hubspot/failures.ts holds the one list
// of the connection errors that mean it (isUnreachable), and the CLI may not import src/hubspot/.
const unreachable = (error: unknown): boolean => carriesMessage(error, 'hubspot.failure.unreachable');

/**
 * One sentence for stderr, in the command's language; a stack only when CS_CARD_DEBUG is set. A
 * portal that could not be reached is named by the URL tried (`baseUrl`: HUBSPOT_BASE_URL, or
 * HubSpot's own API).
 */
export function describeError(error: unknown, debug: boolean, i18n: I18n, baseUrl = 'https://api.hubapi.com'): string {
  if (debug && error instanceof Error && error.stack) return error.stack;
  const text = errorText(error, i18n);
  return unreachable(error) ? i18n.message(catalogText('cli.error.unreachable', { error: text, url: baseUrl })) : text;
}
