import { Flex, StatusTag, Text } from '@hubspot/ui-extensions';
import type { CardView } from '../contract/view-model.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { NO_VALUE, factorName } from './presentation.ts';

/** Which factors moved the score in the last 30 days (absent when the backend does not send it). */
export function WhatChanged({ health }: { health: CardView['health'] }) {
  const i18n = useI18n();
  const { factorChanges } = health;
  if (factorChanges === undefined) return null;
  return (
    <Flex direction="column" gap="xs" testId="what-changed">
      <Text format={{ fontWeight: 'demibold' }}>{i18n.t('changed.title')}</Text>
      {factorChanges === null ? <Text variant="microcopy">{i18n.t('changed.noHistory')}</Text> : null}
      {factorChanges !== null && factorChanges.changes.length === 0 ? (
        <Text variant="microcopy">{i18n.t('changed.none', { threshold: factorChanges.threshold })}</Text>
      ) : null}
      {factorChanges?.changes.map((change) => {
        const factor = health.factors.find((candidate) => candidate.key === change.key) ?? { key: change.key, label: change.key };
        const down = (change.to ?? 0) < (change.from ?? 0);
        return (
          <Flex key={change.key} direction="row" gap="xs" align="center" wrap testId={`changed-${change.key}`}>
            <StatusTag variant={down ? 'danger' : 'success'}>{down ? '▼' : '▲'}</StatusTag>
            <Text>
              {i18n.t('changed.line', {
                factor: factorName(i18n, factor),
                from: change.from === null ? NO_VALUE : change.from,
                to: change.to === null ? NO_VALUE : change.to,
              })}
            </Text>
          </Flex>
        );
      })}
    </Flex>
  );
}
