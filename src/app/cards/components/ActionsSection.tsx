import { Alert, Divider, EmptyState, Flex, Heading, LoadingButton, StatusTag, Text } from '@hubspot/ui-extensions';
import type { ActionView } from '../../../domain/view-model.ts';
import type { CardData, TaskState } from '../data/useCardView.ts';
import { useI18n } from '../i18n/I18nContext.tsx';
import { addDays } from '../i18n/format.ts';
import { errorText } from './CardFrame.tsx';
import { priorityLook } from './presentation.ts';

/** Suggested actions in the backend's order (it ranks them), each turnable into a HubSpot task. */
export function ActionsSection({ actions, data, asOf }: { actions: readonly ActionView[]; data: CardData; asOf: string }) {
  const { t } = useI18n();
  return (
    <Flex direction="column" gap="sm">
      <Heading>{t('actions.title')}</Heading>
      {actions.length === 0 ? (
        <EmptyState flush layout="horizontal" imageName="task" imageWidth={80} testId="actions-none">
          <Text>{t('actions.none')}</Text>
        </EmptyState>
      ) : null}
      {actions.map((action, index) => (
        <Flex key={action.id} direction="column" gap="sm">
          {index > 0 ? <Divider /> : null}
          <ActionItem action={action} data={data} asOf={asOf} />
        </Flex>
      ))}
    </Flex>
  );
}

export function ActionItem({ action, data, asOf }: { action: ActionView; data: CardData; asOf: string }) {
  const i18n = useI18n();
  const look = priorityLook[action.priority];
  const task = data.tasks[action.id];
  return (
    <Flex direction="column" gap="xs" testId={`action-${action.id}`}>
      <Flex direction="row" gap="xs" align="center" wrap>
        <StatusTag variant={look.variant}>{i18n.t(look.label)}</StatusTag>
        <Text format={{ fontWeight: 'demibold' }}>{action.title}</Text>
      </Flex>
      <Text>{action.reason}</Text>
      <Text variant="microcopy">{i18n.t('actions.due', { due: i18n.dayWithRelative(addDays(asOf, action.dueInDays), asOf) })}</Text>
      <TaskControl action={action} task={task} onCreate={() => data.createTask(action.id)} />
    </Flex>
  );
}

function TaskControl({ action, task, onCreate }: { action: ActionView; task: TaskState | undefined; onCreate: () => void }) {
  const { t } = useI18n();
  if (task?.status === 'created') {
    const created = task.receipt.created;
    return (
      <Flex direction="column" gap="xs">
        <Alert variant={created ? 'success' : 'info'} title={t(created ? 'actions.createdAlert.title' : 'actions.existedAlert.title')}>
          {t(created ? 'actions.createdAlert.body' : 'actions.existedAlert.body', { title: action.title })}
        </Alert>
        <TaskTag actionId={action.id} created={created} />
      </Flex>
    );
  }
  if (action.alreadyTasked) return <TaskTag actionId={action.id} created={false} />;
  return (
    <Flex direction="column" gap="xs">
      {task?.status === 'failed' ? <TaskFailed task={task} /> : null}
      <Flex direction="row">
        <LoadingButton variant="primary" size="sm" loading={task?.status === 'creating'} onClick={onCreate} testId={`create-task-${action.id}`}>
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

function TaskFailed({ task }: { task: Extract<TaskState, { status: 'failed' }> }) {
  const i18n = useI18n();
  return (
    <Alert variant="danger" title={i18n.t('actions.failedAlert.title')}>
      {errorText(i18n, task.error)}
    </Alert>
  );
}
