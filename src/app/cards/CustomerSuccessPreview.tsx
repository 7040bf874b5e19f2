import { hubspot } from '@hubspot/ui-extensions';
import { cardProps } from './components/CardFrame.tsx';
import { CompactCard } from './components/CompactCard.tsx';

// The company preview panel (opened from lists, boards and associations). Links to the company
// record, where the full card is a tab.
hubspot.extend<'crm.preview'>(({ context }) => (
  <CompactCard {...cardProps(context, hubspot.fetch)} fullCard={{ objectId: context.crm.objectId, objectTypeId: context.crm.objectTypeId }} />
));
