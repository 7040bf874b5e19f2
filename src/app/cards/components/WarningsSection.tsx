import { Alert, Text } from '@hubspot/ui-extensions';
import { useI18n } from '../i18n/I18nContext.tsx';

/** The backend's warnings (a data source failed or is missing), always shown: a partial card must look partial. */
export function WarningsSection({ warnings, compact = false }: { warnings: readonly string[]; compact?: boolean }) {
  const { t } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <Alert variant="warning" title={t('warnings.title')} testId="warnings">
      {compact ? (
        <Text variant="microcopy">{warnings.join(' · ')}</Text>
      ) : (
        warnings.map((warning) => <Text key={warning}>{warning}</Text>)
      )}
    </Alert>
  );
}
