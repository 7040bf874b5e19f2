import { Flex, Heading, Link, StatusTag, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { PortfolioPage as PageData } from '../../cards/contract/portfolio.ts';
import { useI18n } from '../../cards/i18n/I18nContext.tsx';
import type { MessageKey } from '../../cards/i18n/messages.ts';
import { bandLabel, bandVariant, companyRecordUrl, moneyList, reasonLabel, wholeMoney } from './portfolio-format.ts';

// The managers' page's tables: customers by band, renewals at risk, churned customers.

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
  return (
    <Flex direction="column" gap="xs">
      <Heading>{i18n.t('portfolio.bands.title')}</Heading>
      {perCurrency ? <Text variant="microcopy">{i18n.t('portfolio.perCurrency')}</Text> : null}
      <Table bordered testId="bands">
        <ColumnHeads columns={['portfolio.column.band', 'portfolio.column.customers', 'portfolio.column.arr']} />
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
            </TableRow>
          ))}
        </TableBody>
      </Table>
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
          <Text variant="microcopy">{i18n.t('summary.atRisk', { count: page.renewalsAtRiskCount, amount: moneyList(i18n, overview.arrAtRisk) })}</Text>
          <Table bordered testId="at-risk">
            <ColumnHeads columns={['portfolio.column.company', 'portfolio.column.renews', 'portfolio.column.band', 'portfolio.column.atStake']} />
            <TableBody>
              {overview.renewalsAtRisk.map((renewal) => (
                <TableRow key={renewal.companyId}>
                  <TableCell>
                    <CompanyLink portalId={portalId} companyId={renewal.companyId} name={renewal.name} testId={`company-${renewal.companyId}`} />
                  </TableCell>
                  {/* A lapsed contract's date is its end, not an overdue renewal deal's (the card's "contract lapsed, no renewal on record"). */}
                  <TableCell>{renewal.lapsed === true ? i18n.parts([i18n.date(renewal.renewalDate), i18n.t('portfolio.lapsedWhen', { days: -renewal.daysToRenewal })]) : i18n.dayWithRelative(renewal.renewalDate, page.asOf)}</TableCell>
                  <TableCell>
                    <StatusTag variant={bandVariant(renewal.band)}>{i18n.parts([renewal.score === null ? '—' : String(renewal.score), bandLabel(i18n, renewal.band)])}</StatusTag>
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
                <TableCell>{wholeMoney(i18n, company.arr, company.currency)}</TableCell>
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
