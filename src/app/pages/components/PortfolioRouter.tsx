import { createPageRouter, PageRoutes, usePageRoute } from '@hubspot/ui-extensions/pages';
import { PortfolioPage } from './PortfolioPage.tsx';

// The managers' app page's routes: one route, the portfolio. The page's own query parameter
// `asOf` (https://app.hubspot.com/app/{portal}/{app}?asOf=YYYY-MM-DD) asks the backend for the
// portfolio as of that day, which then says what it could not take back to it.

/** The portfolio, as of the day the page's `asOf` parameter names (the backend validates it), else today. */
export function PortfolioRoute() {
  const { params } = usePageRoute();
  const asOf = params.asOf;
  return <PortfolioPage {...(asOf === undefined || asOf === '' ? {} : { asOf })} />;
}

export const PortfolioRouter = createPageRouter(
  <PageRoutes>
    <PageRoutes.IndexRoute component={PortfolioRoute} id="portfolio" />
    <PageRoutes.AnyRoute component={PortfolioRoute} />
  </PageRoutes>,
);
