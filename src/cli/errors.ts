import type { I18n } from '../app/cards/i18n/format.ts';
import { catalogText, errorText, MessageError } from '../app/cards/i18n/message-error.ts';

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

// A connection that failed outright (refused, no such host): the failure HubSpotError carries.
const unreachableCodes = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Whether the error (or what caused it) is a portal address that could not be reached. */
function unreachable(error: unknown): boolean {
  for (let at: unknown = error; at instanceof Error; at = at.cause) {
    if ('failure' in at && typeof at.failure === 'object' && at.failure !== null && 'what' in at.failure && typeof at.failure.what === 'string' && unreachableCodes.has(at.failure.what)) return true;
  }
  return false;
}

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
