import { Accordion, Alert, Flex, Text } from '@hubspot/ui-extensions';
import type { Message } from '../contract/message.ts';
import { useI18n } from '../i18n/I18nContext.tsx';

/**
 * The backend's warnings (a data source failed or is missing), always shown: a partial card must
 * look partial. In the user's language from the warning messages; the backend's English text
 * (with its technical detail) is collapsed under "Details for admins".
 */
export function WarningsSection({ warnings, messages, compact = false }: { warnings: readonly string[]; messages?: readonly Message[] | undefined; compact?: boolean }) {
  const i18n = useI18n();
  if (warnings.length === 0 && (messages?.length ?? 0) === 0) return null;
  const lines = messages && messages.length > 0 ? messages.map((message, i) => i18n.message(message, warnings[i])) : warnings;
  const technical = messages && messages.length > 0 ? warnings : [];
  return (
    <Alert variant="warning" title={i18n.t('warnings.title')} testId="warnings">
      {compact ? (
        <Text variant="microcopy">{i18n.parts(lines)}</Text>
      ) : (
        <Flex direction="column" gap="xs">
          {lines.map((line, i) => <Text key={`${i}-${line}`}>{line}</Text>)}
          {technical.length > 0 ? (
            <Accordion title={i18n.t('error.adminDetails')} size="xs" testId="warnings-admin-details">
              {technical.map((line, i) => <Text key={`${i}-${line}`} variant="microcopy">{line}</Text>)}
            </Accordion>
          ) : null}
        </Flex>
      )}
    </Alert>
  );
}
