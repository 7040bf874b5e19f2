import {
  Button,
  Divider,
  EmptyState,
  ErrorState,
  Flex,
  Heading,
  Link,
  LoadingSpinner,
  Select,
  Statistics,
  StatisticsItem,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { PeriodReport } from '../../../domain/period-report.ts';
import type { Money } from '../../../domain/portfolio-book.ts';
import type { PortfolioPage as PageData } from '../../../usecases/portfolio-book.ts';
import { errorAdminDetail, errorText } from '../../cards/components/CardFrame.tsx';
import type { BackendError, CardFetch } from '../../cards/data/cardApi.ts';
import { I18nProvider, useI18n } from '../../cards/i18n/I18nContext.tsx';
import type { I18n } from '../../cards/i18n/format.ts';
import type { MessageKey } from '../../cards/i18n/messages.ts';
import { fetchPortfolio } from '../data/portfolioApi.ts';

// The managers' page: customers and ARR per health band (churned apart), the renewals of the
// next 90 days (or overdue) on accounts that are not healthy, by value at stake, each linking to
// its company record, the customers churned this quarter with why, and the KPIs of this and the
// last quarter; filtered by owner. It only renders what GET /api/portfolio computed.

export interface PageDeps {
  readonly fetchFn: CardFetch;
  readonly baseUrl: string;
  /** `context.user.locale`. */
  readonly locale?: string;
  /** `context.portal.timezone`. */
  readonly timeZone?: string;
  /** `context.portal.id`: record links point into this portal. */
  readonly portalId: number;
}

/** Routes get no props: the entry file (or a test) gives the page its dependencies through this context. */
export const PortfolioPageDeps = createContext<PageDeps | null>(null);

/** A company record in HubSpot. */
export function companyRecordUrl(portalId: number, companyId: string): string {
  return `https://app.hubspot.com/contacts/${portalId}/record/0-2/${encodeURIComponent(companyId)}`;
}

export function PortfolioPage() {
  const deps = useContext(PortfolioPageDeps);
  if (deps === null) return <Text>PortfolioPageDeps is not provided</Text>;
  return (
    <I18nProvider locale={deps.locale} timeZone={deps.timeZone}>
      <PortfolioLoader deps={deps} />
    </I18nProvider>
  );
}

type State = { readonly status: 'loading' } | { readonly status: 'error'; readonly error: BackendError } | { readonly status: 'ready'; readonly page: PageData };

const allOwners = 'all';

function PortfolioLoader({ deps }: { readonly deps: PageDeps }) {
  const i18n = useI18n();
  const [owner, setOwner] = useState<string>(allOwners);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void fetchPortfolio({ fetchFn: deps.fetchFn, baseUrl: deps.baseUrl }, owner === allOwners ? null : owner).then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'ready', page: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [deps.fetchFn, deps.baseUrl, owner, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (state.status === 'loading') return <LoadingSpinner label={i18n.t('portfolio.loading')} showLabel layout="centered" />;
  if (state.status === 'error') {
    return (
      <ErrorState title={i18n.t('portfolio.error.title')}>
        <Text testId="portfolio-error">{errorText(i18n, state.error)}</Text>
        <Text variant="microcopy" testId="portfolio-error-detail">{errorAdminDetail(i18n, state.error) ?? ''}</Text>
        <Button onClick={retry}>{i18n.t('error.retry')}</Button>
      </ErrorState>
    );
  }
  return <PortfolioView page={state.page} owner={owner} onOwner={setOwner} portalId={deps.portalId} />;
}

function wholeMoney(i18n: I18n, amount: number, currency: string | null): string {
  if (currency === null) return i18n.number(Math.round(amount));
  try {
    return new Intl.NumberFormat(i18n.locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${i18n.number(Math.round(amount))} ${currency}`;
  }
}

/** Amounts per currency, never added across them. */
function moneyList(i18n: I18n, amounts: readonly Money[]): string {
  return amounts.length === 0 ? '—' : amounts.map((m) => wholeMoney(i18n, m.amount, m.currency)).join(' · ');
}

const bandLabels: Readonly<Record<string, MessageKey>> = {
  at_risk: 'band.at_risk',
  attention: 'band.attention',
  healthy: 'band.healthy',
  unknown: 'band.unknown',
  churned: 'portfolio.band.churned',
};

const bandVariants = { at_risk: 'danger', attention: 'warning', healthy: 'success', unknown: 'default', churned: 'default' } as const;

function bandLabel(i18n: I18n, band: string): string {
  const key = bandLabels[band];
  return key === undefined ? band : i18n.t(key);
}

function reasonLabel(i18n: I18n, reason: string | null): string {
  const key = `churn.reason.${reason ?? ''}`;
  const known: readonly string[] = ['competitor', 'value_not_realised', 'budget', 'out_of_business_or_ma', 'product_gap', 'other'];
  if (reason !== null && known.includes(reason)) return i18n.t(key as MessageKey);
  return i18n.t('report.churnReason.not_recorded');
}

function PortfolioView({ page, owner, onOwner, portalId }: { readonly page: PageData; readonly owner: string; readonly onOwner: (owner: string) => void; readonly portalId: number }) {
  const i18n = useI18n();
  const { overview } = page;
  const churnedTotal = overview.bands.find((line) => line.band === 'churned')?.customers ?? 0;
  const ownerOptions = [
    { label: i18n.t('portfolio.owner.all'), value: allOwners },
    ...page.owners.map((o) => ({ label: `${o.name} (${i18n.number(o.customers)})`, value: o.id })),
  ];
  return (
    <Flex direction="column" gap="md">
      <Flex direction="row" justify="between" align="end" wrap="wrap" gap="sm">
        <Flex direction="column" gap="xs">
          <Heading>{i18n.t('portfolio.title')}</Heading>
          <Text variant="microcopy">
            {i18n.t('portfolio.asOf', { date: page.asOf })} · {i18n.t('portfolio.customers', { count: overview.customers })}
          </Text>
        </Flex>
        <Select
          name="owner"
          testId="owner-filter"
          label={i18n.t('portfolio.owner')}
          value={owner}
          options={ownerOptions}
          onChange={(value) => onOwner(typeof value === 'string' && value !== '' ? value : allOwners)}
        />
      </Flex>
      {overview.customers === 0 && churnedTotal === 0 ? (
        <EmptyState testId="portfolio-empty" title={i18n.t('portfolio.empty.title')} layout="vertical">
          <Text>{i18n.t('portfolio.empty.body')}</Text>
        </EmptyState>
      ) : (
        <>
          <BandsTable page={page} />
          <Divider />
          <RenewalsAtRisk page={page} portalId={portalId} />
          <Divider />
          <Churned page={page} portalId={portalId} />
          <Divider />
          <Kpis page={page} />
        </>
      )}
    </Flex>
  );
}

function BandsTable({ page }: { readonly page: PageData }) {
  const i18n = useI18n();
  const perCurrency = page.overview.arr.length > 1;
  return (
    <Flex direction="column" gap="xs">
      <Heading>{i18n.t('portfolio.bands.title')}</Heading>
      {perCurrency ? <Text variant="microcopy">{i18n.t('portfolio.perCurrency')}</Text> : null}
      <Table bordered testId="bands">
        <TableHead>
          <TableRow>
            <TableHeader>{i18n.t('portfolio.column.band')}</TableHeader>
            <TableHeader>{i18n.t('portfolio.column.customers')}</TableHeader>
            <TableHeader>{i18n.t('portfolio.column.arr')}</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {page.overview.bands.map((line) => (
            <TableRow key={line.band}>
              <TableCell>
                <StatusTag testId={`band-${line.band}`} variant={bandVariants[line.band]}>
                  {bandLabel(i18n, line.band)}
                </StatusTag>
              </TableCell>
              <TableCell>
                <Text testId={`band-${line.band}-customers`}>{i18n.number(line.customers)}</Text>
              </TableCell>
              <TableCell>
                <Text testId={`band-${line.band}-arr`}>{line.band === 'churned' ? '—' : moneyList(i18n, line.arr)}</Text>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Flex>
  );
}

function RenewalsAtRisk({ page, portalId }: { readonly page: PageData; readonly portalId: number }) {
  const i18n = useI18n();
  const { overview } = page;
  return (
    <Flex direction="column" gap="xs">
      <Heading>{i18n.t('portfolio.atRisk.title')}</Heading>
      {overview.renewalsAtRisk.length === 0 ? (
        <Text testId="at-risk-none">{i18n.t('portfolio.atRisk.none')}</Text>
      ) : (
        <>
          <Text variant="microcopy">{i18n.t('summary.atRisk', { count: page.renewalsAtRiskCount, amount: moneyList(i18n, overview.arrAtRisk) })}</Text>
          <Table bordered testId="at-risk">
            <TableHead>
              <TableRow>
                <TableHeader>{i18n.t('portfolio.column.company')}</TableHeader>
                <TableHeader>{i18n.t('portfolio.column.renews')}</TableHeader>
                <TableHeader>{i18n.t('portfolio.column.band')}</TableHeader>
                <TableHeader>{i18n.t('portfolio.column.atStake')}</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {overview.renewalsAtRisk.map((renewal) => (
                <TableRow key={renewal.companyId}>
                  <TableCell>
                    <Link testId={`company-${renewal.companyId}`} href={{ url: companyRecordUrl(portalId, renewal.companyId), external: false }}>
                      {renewal.name}
                    </Link>
                  </TableCell>
                  <TableCell>{i18n.dayWithRelative(renewal.renewalDate, page.asOf)}</TableCell>
                  <TableCell>
                    <StatusTag variant={bandVariants[renewal.band]}>{`${renewal.score ?? '—'} · ${bandLabel(i18n, renewal.band)}`}</StatusTag>
                  </TableCell>
                  <TableCell>
                    <Text testId={`at-stake-${renewal.companyId}`}>{renewal.amount === null ? '—' : wholeMoney(i18n, renewal.amount, renewal.currency)}</Text>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Flex>
  );
}

function Churned({ page, portalId }: { readonly page: PageData; readonly portalId: number }) {
  const i18n = useI18n();
  const period = page.kpis.current.label;
  const { churned } = page.overview;
  return (
    <Flex direction="column" gap="xs">
      <Heading>{i18n.t('portfolio.churned.title', { period })}</Heading>
      {churned.length === 0 ? (
        <Text testId="churned-none">{i18n.t('portfolio.churned.none', { period })}</Text>
      ) : (
        <Table bordered testId="churned">
          <TableHead>
            <TableRow>
              <TableHeader>{i18n.t('portfolio.column.company')}</TableHeader>
              <TableHeader>{i18n.t('portfolio.column.churnedOn')}</TableHeader>
              <TableHeader>{i18n.t('portfolio.column.reason')}</TableHeader>
              <TableHeader>{i18n.t('portfolio.column.arr')}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {churned.map((company) => (
              <TableRow key={company.companyId}>
                <TableCell>
                  <Link href={{ url: companyRecordUrl(portalId, company.companyId), external: false }}>{company.name}</Link>
                </TableCell>
                <TableCell>{i18n.date(company.churnedOn)}</TableCell>
                <TableCell>{reasonLabel(i18n, company.reason)}</TableCell>
                <TableCell>{wholeMoney(i18n, company.arr, company.currency)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Flex>
  );
}

function percent(i18n: I18n, value: number | null): string {
  return value === null ? i18n.t('report.notDefined') : new Intl.NumberFormat(i18n.locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

function KpiSet({ title, report, testId }: { readonly title: string; readonly report: PeriodReport; readonly testId: string }) {
  const i18n = useI18n();
  const items: ReadonlyArray<readonly [MessageKey, number | null]> = [
    ['report.renewalRate', report.renewalRate],
    ['report.revenueRenewalRate', report.revenueRenewalRate],
    ['report.logoChurnRate', report.logoChurnRate],
    ['report.revenueChurnRate', report.revenueChurnRate],
    ['report.grossRevenueRetention', report.grossRevenueRetention],
    ['report.netRevenueRetention', report.netRevenueRetention],
  ];
  const money = (amount: number | null) => (amount === null ? i18n.t('report.notDefined') : wholeMoney(i18n, amount, report.currency));
  return (
    <Flex direction="column" gap="xs">
      <Heading>{title}</Heading>
      <Statistics testId={testId}>
        {items.map(([key, value]) => (
          <StatisticsItem key={key} label={i18n.t(key)} number={percent(i18n, value)} />
        ))}
        <StatisticsItem label={i18n.t('report.ltv.estimate')} number={money(report.ltv.estimatedLtv)} />
      </Statistics>
      <Text variant="microcopy">
        {`${i18n.t('report.renewals.due')}: ${i18n.number(report.renewals.due)} · ${i18n.t('report.renewals.renewed')}: ${i18n.number(report.renewals.renewed)} · ${i18n.t('report.customers.churned')}: ${i18n.number(report.customers.churned)} · ${i18n.t('report.arr.start')}: ${money(report.arr.start)} · ${i18n.t('report.arr.end')}: ${money(report.arr.end)}`}
      </Text>
      {report.leftOut.map((other) => (
        <Text key={other.currency} variant="microcopy">
          {i18n.t('report.leftOut', { companies: other.companies, currency: other.currency })}
        </Text>
      ))}
    </Flex>
  );
}

function Kpis({ page }: { readonly page: PageData }) {
  const i18n = useI18n();
  return (
    <Flex direction="column" gap="md">
      <Heading>{i18n.t('portfolio.kpis.title')}</Heading>
      <KpiSet testId="kpis-current" title={i18n.t('portfolio.kpis.current', { period: page.kpis.current.label })} report={page.kpis.current.report} />
      <KpiSet testId="kpis-last" title={i18n.t('portfolio.kpis.last', { period: page.kpis.lastQuarter.label })} report={page.kpis.lastQuarter.report} />
    </Flex>
  );
}
