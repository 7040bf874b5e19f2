import { hubspot } from '@hubspot/ui-extensions';
import { cardProps } from './components/CardFrame.tsx';
import { CompactCard } from './components/CompactCard.tsx';

// The company record's sidebar. The full card is a tab of this same page, which no CRM
// action can switch to, so no link here.
hubspot.extend<'crm.record.sidebar'>(({ context }) => <CompactCard {...cardProps(context, hubspot.fetch)} />);
