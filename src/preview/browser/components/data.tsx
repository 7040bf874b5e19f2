import type { ReactNode } from 'react';
import type {
  ChartDataRow,
  DescriptionListItemProps,
  DescriptionListProps,
  LineChartProps,
  StatisticsItemProps,
  StatisticsProps,
  TableCellProps,
  TableElementProps,
  TableHeaderProps,
  TableProps,
} from '@hubspot/ui-extensions';
import { cx, plainBox, testAttrs } from './dom.ts';

export const Statistics = plainBox<StatisticsProps>('hs-statistics');

export function StatisticsItem({ label, number, children, testId }: StatisticsItemProps) {
  return (
    <div className="hs-statistics__item" {...testAttrs(testId)}>
      <div className="hs-statistics__label">{label}</div>
      <div className="hs-statistics__number">{number}</div>
      {children ? <div className="hs-statistics__extra">{children}</div> : null}
    </div>
  );
}

export function DescriptionList({ direction = 'column', children, testId }: DescriptionListProps) {
  return (
    <dl className={`hs-dl hs-dl--${direction}`} {...testAttrs(testId)}>
      {children}
    </dl>
  );
}

export function DescriptionListItem({ label, children, testId }: DescriptionListItemProps) {
  return (
    <div className="hs-dl__item" {...testAttrs(testId)}>
      <dt className="hs-dl__label">{label}</dt>
      <dd className="hs-dl__value">{children}</dd>
    </div>
  );
}

export function Table(props: TableProps) {
  const { bordered = true, flush, density = 'default', children, testId } = props;
  return (
    <div className="hs-table-wrap">
      <table
        className={cx('hs-table', `hs-table--${density}`, bordered && 'hs-table--bordered', flush && 'hs-table--flush')}
        {...testAttrs(testId)}
      >
        {children}
      </table>
      {props.paginated ? <Pagination page={props.page ?? 1} pageCount={props.pageCount} onPageChange={props.onPageChange} /> : null}
    </div>
  );
}

function Pagination({ page, pageCount, onPageChange }: { page: number; pageCount: number; onPageChange: (page: number) => void }) {
  return (
    <div className="hs-pagination">
      <button type="button" className="hs-link-button" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
        ‹ Prev
      </button>
      <span>
        {page} / {pageCount}
      </span>
      <button type="button" className="hs-link-button" disabled={page >= pageCount} onClick={() => onPageChange(page + 1)}>
        Next ›
      </button>
    </div>
  );
}

function section(Tag: 'thead' | 'tbody' | 'tfoot' | 'tr') {
  return function TableSection({ children, testId }: TableElementProps) {
    return <Tag {...testAttrs(testId)}>{children}</Tag>;
  };
}

export const TableHead = section('thead');
export const TableBody = section('tbody');
export const TableRow = section('tr');

function widthOf(width: TableCellProps['width']): string | number | undefined {
  if (typeof width === 'number') return width;
  if (width === 'min') return '1%';
  return undefined;
}

export function TableHeader(props: TableHeaderProps) {
  const { align = 'left', width, children, testId } = props;
  const sortable = props.sortDirection !== undefined && props.sortDirection !== 'never';
  const arrow = props.sortDirection === 'ascending' ? ' ▲' : props.sortDirection === 'descending' ? ' ▼' : '';
  const onClick = sortable && 'onSortChange' in props && !props.disabled
    ? () => props.onSortChange(props.sortDirection === 'ascending' ? 'descending' : 'ascending')
    : undefined;
  return (
    <th style={{ textAlign: align, width: widthOf(width) }} className={cx(onClick && 'hs-clickable')} onClick={onClick} {...testAttrs(testId)}>
      {children}
      {arrow}
    </th>
  );
}

export function TableCell({ align = 'left', width, colSpan, children, testId }: TableCellProps) {
  return (
    <td style={{ textAlign: align, width: widthOf(width) }} colSpan={colSpan} {...testAttrs(testId)}>
      {children}
    </td>
  );
}

const chartWidth = 560;
const chartHeight = 200;
const pad = { top: 16, right: 16, bottom: 36, left: 44 };

function rowsOf(data: LineChartProps['data']): ChartDataRow[] {
  return Array.isArray(data) ? data : data.data;
}

function numeric(value: number | string | undefined): number {
  if (typeof value === 'number') return value;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : 0;
}

/** A plain SVG line chart: enough to judge the card's layout and the data it plots. */
export function LineChart({ data, axes, options, testId }: LineChartProps) {
  const rows = rowsOf(data);
  const values = rows.map((row) => numeric(row[axes.y.field]));
  const min = Math.min(0, ...values);
  const max = Math.max(1, ...values);
  const innerWidth = chartWidth - pad.left - pad.right;
  const innerHeight = chartHeight - pad.top - pad.bottom;
  const x = (index: number) => pad.left + (rows.length <= 1 ? innerWidth / 2 : (index / (rows.length - 1)) * innerWidth);
  const y = (value: number) => pad.top + innerHeight - ((value - min) / (max - min)) * innerHeight;
  const points = values.map((value, index) => `${x(index)},${y(value)}`).join(' ');
  const label = (index: number) => String(rows[index]?.[axes.x.field] ?? '');
  const ticks = [min, (min + max) / 2, max];
  return (
    <figure className="hs-chart" {...testAttrs(testId)}>
      {options?.title ? <figcaption className="hs-chart__title">{options.title}</figcaption> : null}
      <svg viewBox={`0 0 ${chartWidth} ${chartHeight}`} role="img" aria-label={axes.y.label ?? axes.y.field}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line className="hs-chart__grid" x1={pad.left} x2={chartWidth - pad.right} y1={y(tick)} y2={y(tick)} />
            <text className="hs-chart__tick" x={pad.left - 6} y={y(tick) + 4} textAnchor="end">
              {Math.round(tick)}
            </text>
          </g>
        ))}
        <polyline className="hs-chart__line" points={points} />
        {values.map((value, index) => (
          <circle key={label(index) || index} className="hs-chart__dot" cx={x(index)} cy={y(value)} r={3}>
            <title>{`${label(index)}: ${value}`}</title>
          </circle>
        ))}
        <text className="hs-chart__tick" x={pad.left} y={chartHeight - 14} textAnchor="start">
          {label(0)}
        </text>
        <text className="hs-chart__tick" x={chartWidth - pad.right} y={chartHeight - 14} textAnchor="end">
          {label(rows.length - 1)}
        </text>
        <AxisLabel x={chartWidth / 2} y={chartHeight - 2}>{axes.x.label}</AxisLabel>
      </svg>
    </figure>
  );
}

function AxisLabel({ x, y, children }: { x: number; y: number; children?: ReactNode }) {
  if (!children) return null;
  return (
    <text className="hs-chart__axis" x={x} y={y} textAnchor="middle">
      {children}
    </text>
  );
}
