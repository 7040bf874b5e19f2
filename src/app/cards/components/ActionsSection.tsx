import { Alert, Divider, EmptyState, Flex, Heading, LoadingButton, StatusTag, Text } from '@hubspot/ui-extensions';
import type { ActionView } from '../contract/view-model.ts';
import type { CardData, TaskState } from '../data/useCardView.ts';
import { addDays } from '../i18n/format.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { ErrorExplanation } from './CardFrame.tsx';
import { priorityLook } from './presentation.ts';

/** An action's title and reason in the user's language (the backend's messages; its English as the fallback). */
export function useActionWords(action: ActionView): { title: string; reason: string } {
  const i18n = useI18n();
  return {
    title: action.titleMessage ? i18n.message(action.titleMessage, action.title) : action.title,
    reason: action.reasonMessage ? i18n.message(action.reasonMessage, action.reason) : action.reason,
  };
}

/** The top suggested action, with the card's one primary button. */
export function TopAction({ actions, data, asOf }: { actions: readonly ActionView[]; data: CardData; asOf: string }) {
  const { t } = useI18n();
  const [top] = actions;
  return (
    <Flex direction="column" gap="xs" testId="top-action">
      <Heading>{t('topAction.title')}</Heading>
      {top ? (
        <ActionItem action={top} data={data} asOf={asOf} primary />
      ) : (
        <EmptyState flush layout="horizontal" imageName="task" imageWidth={64} testId="actions-none">
          <Text>{t('actions.none')}</Text>
        </EmptyState>
      )}
    </Flex>
  );
}

/** The other suggested actions in the backend's order, each with a secondary "Create task" button. */
export function OtherActions({ actions, data, asOf }: { actions: readonly ActionView[]; data: CardData; asOf: string }) {
  const { t } = useI18n();
  const others = actions.slice(1);
  if (others.length === 0) return null;
  return (
    <Flex direction="column" gap="sm" testId="other-actions">
      <Heading>{t('actions.others')}</Heading>
      {others.map((action, index) => (
        <Flex key={action.id} direction="column" gap="sm">
          {index > 0 ? <Divider /> : null}
          <ActionItem action={action} data={data} asOf={asOf} primary={false} />
        </Flex>
      ))}
    </Flex>
  );
}

export function ActionItem({ action, data, asOf, primary }: { action: ActionView; data: CardData; asOf: string; primary: boolean }) {
  const i18n = useI18n();
  const look = priorityLook[action.priority];
  const task = data.tasks[action.id];
  const words = useActionWords(action);
  return (
    <Flex direction="column" gap="xs" testId={`action-${action.id}`}>
      <Flex direction="row" gap="xs" align="center" wrap>
        <StatusTag variant={look.variant}>{i18n.t(look.label)}</StatusTag>
        <Text format={{ fontWeight: 'demibold' }}>{words.title}</Text>
      </Flex>
      <Text>{words.reason}</Text>
      <Text variant="microcopy" testId={`due-${action.id}`}>
        {i18n.t('actions.due', { due: i18n.dayWithRelative(addDays(asOf, action.dueInDays), asOf) })}
      </Text>
      <TaskControl action={action} title={words.title} task={task} primary={primary} onCreate={() => data.createTask(action.id)} />
    </Flex>
  );
}

function TaskControl({ action, title, task, primary, onCreate }: { action: ActionView; title: string; task: TaskState | undefined; primary: boolean; onCreate: () => void }) {
  const { t } = useI18n();
  if (task?.status === 'created') {
    const created = task.receipt.created;
    return (
      <Flex direction="column" gap="xs">
        <Alert variant={created ? 'success' : 'info'} title={t(created ? 'actions.createdAlert.title' : 'actions.existedAlert.title')}>
          {t(created ? 'actions.createdAlert.body' : 'actions.existedAlert.body', { title })}
        </Alert>
        <TaskTag actionId={action.id} created={created} />
      </Flex>
    );
  }
  if (action.alreadyTasked) return <TaskTag actionId={action.id} created={false} />;
  return (
    <Flex direction="column" gap="xs">
      {task?.status === 'failed' ? (
        <Alert variant="danger" title={t('actions.failedAlert.title')}>
          <ErrorExplanation error={task.error} />
        </Alert>
      ) : null}
      <Flex direction="row">
        <LoadingButton
          variant={primary ? 'primary' : 'secondary'}
          size="sm"
          loading={task?.status === 'creating'}
          onClick={onCreate}
          testId={`create-task-${action.id}`}
        >
          {t('actions.create')}
        </LoadingButton>
      </Flex>
    </Flex>
  );
}

function TaskTag({ actionId, created }: { actionId: string; created: boolean }) {
  const { t } = useI18n();
  return (
    <Flex direction="row">
      <StatusTag variant="success" testId={`tasked-${actionId}`}>{t(created ? 'actions.created' : 'actions.tasked')}</StatusTag>
    </Flex>
  );
}
