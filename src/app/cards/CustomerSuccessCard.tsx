import { hubspot } from '@hubspot/ui-extensions';
import { cardProps } from './components/CardFrame.tsx';
import { TabCard } from './components/TabCard.tsx';

// The company record tab. Everything it shows comes from the backend at BACKEND_URL (backend.ts).
hubspot.extend<'crm.record.tab'>(({ context }) => <TabCard {...cardProps(context, hubspot.fetch)} />);
