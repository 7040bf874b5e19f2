import { Flex, Heading, Link, StatusTag, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { PortfolioPage as PageData } from '../../cards/contract/portfolio.ts';
import { useI18n } from '../../cards/i18n/I18nContext.tsx';
import type { I18n } from '../../cards/i18n/format.ts';
import type { MessageKey } from '../../cards/i18n/messages.ts';
import { bandLabel, bandVariant, companyRecordUrl, moneyList, reasonLabel, wholeMoney } from './portfolio-format.ts';

// The managers' page's tables: customers by band, renewals at risk, churned customers. What is not
// known is said and counted, never shown as 0 (the `npm start` summary's rules, cli/portfolio-report.ts):
// a band's customers without a known ARR (their own column), a renewal's amount that is its ARR in
// force (marked), renewals with neither (left out of the total, counted).

/** A table's header row, each column named by its catalog key. */
function ColumnHeads({ columns }: { readonly columns: readonly MessageKey[] }) {
  const i18n = useI18n();
  return (
    <TableHead>
      <TableRow>
        {columns.map((key) => (
          <TableHeader key={key}>{i18n.t(key)}</TableHeader>
        ))}
      </TableRow>
    </TableHead>
  );
}

/** A company's name, linking to its record in the portal. */
function CompanyLink({ portalId, companyId, name, testId }: { readonly portalId: number; readonly companyId: string; readonly name: string; readonly testId?: string }) {
  return (
    <Link testId={testId} href={{ url: companyRecordUrl(portalId, companyId), external: false }}>
      {name}
    </Link>
  );
}

export function BandsTable({ page }: { readonly page: PageData }) {
  const i18n = useI18n();
  const perCurrency = page.overview.arr.length > 1;
  const arrUnknown = page.overview.arrUnknown ?? 0;
  const columns: MessageKey[] = ['portfolio.column.band', 'portfolio.column.customers', 'portfolio.column.arr', ...(arrUnknown > 0 ? (['portfolio.column.arrUnknown'] as const) : [])];
  return (
    <Flex direction="column" gap="xs">
      <Heading>{i18n.t('portfolio.bands.title')}</Heading>
      {perCurrency ? <Text variant="microcopy">{i18n.t('portfolio.perCurrency')}</Text> : null}
      <Table bordered testId="bands">
        <ColumnHeads columns={columns} />
        <TableBody>
          {page.overview.bands.map((line) => (
            <TableRow key={line.band}>
              <TableCell>
                <StatusTag testId={`band-${line.band}`} variant={bandVariant(line.band)}>
                  {bandLabel(i18n, line.band)}
                </StatusTag>
              </TableCell>
              <TableCell>
                <Text testId={`band-${line.band}-customers`}>{i18n.number(line.customers)}</Text>
              </TableCell>
              <TableCell>
                <Text testId={`band-${line.band}-arr`}>{line.band === 'churned' ? '—' : moneyList(i18n, line.arr)}</Text>
              </TableCell>
              {arrUnknown > 0 ? (
                <TableCell>
                  <Text testId={`band-${line.band}-arr-unknown`}>{line.band === 'churned' ? '—' : i18n.number(line.arrUnknown ?? 0)}</Text>
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {arrUnknown > 0 ? (
        <Text variant="microcopy" testId="bands-arr-unknown">
          {i18n.t('summary.arrUnknown', { count: arrUnknown })}
        </Text>
      ) : null}
      {page.overview.arrInferred > 0 ? (
        <Text variant="microcopy" testId="bands-arr-inferred">
          {i18n.t('report.arrInferred', { companies: page.overview.arrInferred })}
        </Text>
      ) : null}
      {(page.overview.lapsed ?? 0) > 0 ? (
        <Text variant="microcopy" testId="bands-lapsed">
          {i18n.t('summary.lapsed', { count: page.overview.lapsed ?? 0, arr: moneyList(i18n, page.overview.arrLapsed ?? []) })}
        </Text>
      ) : null}
    </Flex>
  );
}

/** A renewal at risk's amount: its renewal amount, or its ARR in force marked as such; '—' when neither is known (nor its currency). */
function renewalAmountCell(i18n: I18n, renewal: PageData['overview']['renewalsAtRisk'][number]): string {
  if (renewal.amount === null || renewal.currency === null) return i18n.t('portfolio.noValue');
  const amount = wholeMoney(i18n, renewal.amount, renewal.currency);
  return renewal.amountSource === 'arr' ? i18n.t('portfolio.renewalAmount.arr', { amount }) : amount;
}

export function RenewalsAtRisk({ page, portalId }: { readonly page: PageData; readonly portalId: number }) {
  const i18n = useI18n();
  const { overview } = page;
  return (
    <Flex direction="column" gap="xs">
      <Heading>{i18n.t('portfolio.atRisk.title')}</Heading>
      {overview.renewalsAtRisk.length === 0 ? (
        <Text testId="at-risk-none">{i18n.t('portfolio.atRisk.none')}</Text>
      ) : (
        <>
          <Text variant="microcopy" testId="at-risk-total">{i18n.t('summary.atRisk', { count: page.renewalsAtRiskCount, amount: moneyList(i18n, overview.arrAtRisk) })}</Text>
          {(overview.atRiskFromArr ?? 0) > 0 ? <Text variant="microcopy" testId="at-risk-from-arr">{i18n.t('summary.atRisk.fromArr', { count: overview.atRiskFromArr ?? 0 })}</Text> : null}
          {(overview.atRiskAmountUnknown ?? 0) > 0 ? <Text variant="microcopy" testId="at-risk-amount-unknown">{i18n.t('summary.atRisk.amountUnknown', { count: overview.atRiskAmountUnknown ?? 0 })}</Text> : null}
          <Table bordered testId="at-risk">
            <ColumnHeads columns={['portfolio.column.company', 'portfolio.column.renews', 'portfolio.column.band', 'portfolio.column.renewalAmount']} />
            <TableBody>
              {overview.renewalsAtRisk.map((renewal) => (
                <TableRow key={renewal.companyId}>
                  <TableCell>
                    <CompanyLink portalId={portalId} companyId={renewal.companyId} name={renewal.name} testId={`company-${renewal.companyId}`} />
                  </TableCell>
                  {/* A lapsed contract's date is its end, not an overdue renewal deal's (the card's "contract lapsed, no renewal on record"); an open renewal deal past its date is "Overdue", as on the card. */}
                  <TableCell>{renewal.lapsed === true ? i18n.parts([i18n.date(renewal.renewalDate), i18n.t('portfolio.lapsedWhen', { days: -renewal.daysToRenewal })]) : i18n.parts([i18n.dayWithRelative(renewal.renewalDate, page.asOf), ...(renewal.daysToRenewal < 0 ? [i18n.t('window.overdue')] : [])])}</TableCell>
                  <TableCell>
                    <StatusTag variant={bandVariant(renewal.band)}>{i18n.parts([renewal.score === null ? '—' : String(renewal.score), bandLabel(i18n, renewal.band)])}</StatusTag>
                  </TableCell>
                  <TableCell>
                    <Text testId={`at-stake-${renewal.companyId}`}>{renewalAmountCell(i18n, renewal)}</Text>
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

export function Churned({ page, portalId }: { readonly page: PageData; readonly portalId: number }) {
  const i18n = useI18n();
  const period = page.kpis.current.label;
  const { churned } = page.overview;
  const inferred = churned.filter((company) => company.arrInferred).length;
  return (
    <Flex direction="column" gap="xs">
      <Heading>{i18n.t('portfolio.churned.title', { period })}</Heading>
      {churned.length === 0 ? (
        <Text testId="churned-none">{i18n.t('portfolio.churned.none', { period })}</Text>
      ) : (
        <Table bordered testId="churned">
          <ColumnHeads columns={['portfolio.column.company', 'portfolio.column.churnedOn', 'portfolio.column.reason', 'portfolio.column.arr']} />
          <TableBody>
            {churned.map((company) => (
              <TableRow key={company.companyId}>
                <TableCell>
                  <CompanyLink portalId={portalId} companyId={company.companyId} name={company.name} />
                </TableCell>
                <TableCell>{i18n.date(company.churnedOn)}</TableCell>
                <TableCell>{reasonLabel(i18n, company.reason)}</TableCell>
                {/* 0: the contract the churn ended had no amount on record (unknown, not worth nothing). */}
                <TableCell>{company.arr > 0 ? wholeMoney(i18n, company.arr, company.currency) : i18n.t('portfolio.noValue')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {inferred > 0 ? (
        <Text variant="microcopy" testId="churned-arr-inferred">
          {i18n.t('portfolio.churned.arrInferred', { companies: inferred })}
        </Text>
      ) : null}
    </Flex>
  );
}
