import type { Message } from '../app/cards/contract/message.ts';
import { catalogText } from '../app/cards/i18n/message-error.ts';
import { failureMessage, HubSpotError } from '../hubspot/failures.ts';

// Why setup could not make a property or a list what it should be: catalog messages (codes and
// parameters), worded by the CLI in the reader's language. HubSpot's own text appears only as a
// parameter the message presents as HubSpot's words.

/** The scopes setup's writes need, named when HubSpot refuses access. */
export const setupScopes = { properties: 'crm.schemas.companies.write', lists: 'crm.lists.write' } as const;

/**
 * A configured property name that HubSpot itself defines: setup cannot make it its own.
 *
 * @example
 * hubspotDefinedReason() // { code: 'cli.setup.reason.hubspotDefined', params: {} }
 */
export function hubspotDefinedReason(): Message {
  return catalogText('cli.setup.reason.hubspotDefined');
}

/**
 * A property HubSpot did not create, with HubSpot's own message when it gave one.
 *
 * @example
 * refusalReason('Property name is invalid') // { code: 'cli.setup.reason.refused', params: { hubspotMessage: 'Property name is invalid' } }
 * refusalReason(null) // { code: 'cli.setup.reason.notCreated', params: {} }
 */
export function refusalReason(hubspotMessage: string | null): Message {
  const text = hubspotMessage?.trim() ?? '';
  return text === '' ? catalogText('cli.setup.reason.notCreated') : catalogText('cli.setup.reason.refused', { hubspotMessage: text });
}

/**
 * A property or list call that failed for good: the scope setup needs when HubSpot refused
 * access, else the failure's own message. Any other error is not HubSpot's answer: rethrown.
 */
export function callFailureReason(error: unknown, scope: string): Message {
  if (!(error instanceof HubSpotError)) throw error;
  if (error.failure.kind === 'forbidden') return catalogText('cli.setup.reason.missingScope', { scope });
  return error.text ?? failureMessage(error.failure);
}
