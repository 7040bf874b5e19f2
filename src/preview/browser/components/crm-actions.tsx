import { createContext, useContext } from 'react';
import type { MouseEvent } from 'react';
import type { CrmActionLinkProps } from '@hubspot/ui-extensions/crm';
import { testAttrs } from './dom.ts';

// HubSpot's CRM action components (@hubspot/ui-extensions/crm) run an action of HubSpot's own
// UI: open a record, its preview panel, the task or note composer. The page decides what each
// means locally (see main.tsx); a component only reports which action was asked for.

type ActionType = CrmActionLinkProps['actionType'];
type ActionContext = CrmActionLinkProps['actionContext'];

export interface CrmActionHost {
  /** Runs the action, or explains that it is HubSpot UI the preview does not have. */
  readonly perform: (actionType: ActionType, actionContext: ActionContext) => void;
}

export const CrmActionHostContext = createContext<CrmActionHost | null>(null);

/** What each action needs in `actionContext`, so a card missing a field learns it here and not only in HubSpot. */
const requiredFields: Readonly<Record<ActionType, readonly string[]>> = {
  PREVIEW_OBJECT: ['objectTypeId', 'objectId'],
  ADD_NOTE: ['objectTypeId', 'objectId'],
  ADD_TASK: ['objectTypeId', 'objectId'],
  SEND_EMAIL: ['objectTypeId', 'objectId'],
  SCHEDULE_MEETING: ['objectTypeId', 'objectId'],
  OPEN_RECORD_CREATOR_FORM: ['objectTypeId'],
  OPEN_RECORD_ASSOCIATION_FORM: ['objectTypeId', 'association'],
  ENGAGEMENT_APP_LINK: ['objectTypeId', 'objectId', 'engagementId'],
  RECORD_APP_LINK: ['objectTypeId', 'objectId'],
  PAGE_APP_LINK: ['path'],
  EXTERNAL_URL: ['href'],
  OPEN_WORKFLOW_ENROLLMENT_MODAL: ['objectTypeId', 'objectId'],
};

export function missingContext(actionType: ActionType, actionContext: ActionContext): string[] {
  const fields = requiredFields[actionType];
  if (!fields) return [`unknown actionType "${String(actionType)}"`];
  const given: object = actionContext ?? {};
  return fields.filter((field) => !(field in given) || (given as Record<string, unknown>)[field] === undefined).map((field) => `actionContext.${field} is required for ${actionType}`);
}

function useRunAction(actionType: ActionType, actionContext: ActionContext, onError: ((errors: string[]) => void) | undefined, onClick: (() => void) | undefined) {
  const host = useContext(CrmActionHostContext);
  return (event: MouseEvent) => {
    event.preventDefault();
    onClick?.();
    const errors = missingContext(actionType, actionContext);
    if (errors.length > 0) {
      onError?.(errors);
      return;
    }
    host?.perform(actionType, actionContext);
  };
}

export function CrmActionLink({ actionType, actionContext, variant = 'primary', onClick, onError, children, testId }: CrmActionLinkProps) {
  const run = useRunAction(actionType, actionContext, onError, onClick);
  return (
    <a className={`hs-link hs-link--${variant}`} href="#" role="button" onClick={run} {...testAttrs(testId)}>
      {children}
    </a>
  );
}
