import { hubspot } from '@hubspot/ui-extensions';
import { createPageRouter, PageRoutes } from '@hubspot/ui-extensions/pages';
import { BACKEND_URL } from '../cards/backend.ts';
import { PortfolioPage, PortfolioPageDeps } from './components/PortfolioPage.tsx';

// The managers' app page ("Customer success" in the app's menu): one route, the portfolio.
// Everything it shows comes from the backend's GET /api/portfolio (signed by hubspot.fetch).
const PageRouter = createPageRouter(
  <PageRoutes>
    <PageRoutes.IndexRoute component={PortfolioPage} id="portfolio" />
    <PageRoutes.AnyRoute component={PortfolioPage} />
  </PageRoutes>,
);

hubspot.extend<'pages'>(({ context }) => (
  <PortfolioPageDeps.Provider
    value={{ fetchFn: hubspot.fetch, baseUrl: BACKEND_URL, locale: context.user.locale, timeZone: context.portal.timezone, portalId: context.portal.id }}
  >
    <PageRouter />
  </PortfolioPageDeps.Provider>
));
