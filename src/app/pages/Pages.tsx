import { hubspot } from '@hubspot/ui-extensions';
import { BACKEND_URL } from '../cards/backend.ts';
import { PortfolioPageDeps } from './components/PortfolioPage.tsx';
import { PortfolioRouter } from './components/PortfolioRouter.tsx';

// The managers' app page ("Customer success" in the app's menu): one route, the portfolio
// (components/PortfolioRouter.tsx, which also reads the page's `?asOf=`).
// Everything it shows comes from the backend's GET /api/portfolio (signed by hubspot.fetch).

hubspot.extend<'pages'>(({ context }) => (
  <PortfolioPageDeps.Provider
    value={{ fetchFn: hubspot.fetch, baseUrl: BACKEND_URL, locale: context.user.locale, timeZone: context.portal.timezone, portalId: context.portal.id }}
  >
    <PortfolioRouter />
  </PortfolioPageDeps.Provider>
));
