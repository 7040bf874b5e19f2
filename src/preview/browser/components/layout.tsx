import type { CSSProperties } from 'react';
import type {
  AutoGridProps,
  DividerProps,
  FlexProps,
  TileProps,
} from '@hubspot/ui-extensions';
import { cx, sizeName, testAttrs } from './dom.ts';

const justifyValues: Readonly<Record<string, string>> = {
  start: 'flex-start',
  end: 'flex-end',
  center: 'center',
  around: 'space-around',
  between: 'space-between',
};
const alignValues: Readonly<Record<string, string>> = {
  start: 'flex-start',
  end: 'flex-end',
  center: 'center',
  baseline: 'baseline',
  stretch: 'stretch',
  auto: 'auto',
};

function gapClass(gap: string | undefined): string {
  return `hs-gap-${sizeName(gap, 'flush')}`;
}

export function Flex({ gap, direction = 'row', justify, align, alignSelf, wrap, children, testId }: FlexProps) {
  const style: CSSProperties = {
    flexDirection: direction,
    justifyContent: justify ? justifyValues[justify] : undefined,
    alignItems: align ? alignValues[align] : undefined,
    alignSelf: alignSelf ? alignValues[alignSelf] : undefined,
    flexWrap: wrap === true || wrap === 'wrap' ? 'wrap' : 'nowrap',
  };
  return (
    <div className={cx('hs-flex', gapClass(gap))} style={style} {...testAttrs(testId)}>
      {children}
    </div>
  );
}

export function AutoGrid({ columnWidth, gap, flexible, children, testId }: AutoGridProps) {
  const track = flexible ? `minmax(${columnWidth}px, 1fr)` : `${columnWidth}px`;
  return (
    <div
      className={cx('hs-autogrid', gapClass(gap))}
      style={{ gridTemplateColumns: `repeat(auto-fill, ${track})` }}
      {...testAttrs(testId)}
    >
      {children}
    </div>
  );
}

export function Tile({ compact, flush, children, testId }: TileProps) {
  return (
    <div className={cx('hs-tile', compact && 'hs-tile--compact', flush && 'hs-tile--flush')} {...testAttrs(testId)}>
      {children}
    </div>
  );
}

export function Divider({ distance, size, testId }: DividerProps) {
  return <hr className={cx('hs-divider', `hs-divider--${sizeName(distance ?? size, 'sm')}`)} {...testAttrs(testId)} />;
}
