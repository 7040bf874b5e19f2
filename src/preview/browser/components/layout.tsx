import type { CSSProperties, ReactNode } from 'react';
import type {
  AutoGridProps,
  BoxProps,
  DividerProps,
  FlexProps,
  InlineProps,
  SpacerProps,
  StackProps,
  TileProps,
} from '@hubspot/ui-extensions';
import { cx, plainBox, sizeName, testAttrs } from './dom.ts';

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

export function Stack({ distance, direction = 'column', justify, align, children, testId }: StackProps) {
  return (
    <Flex gap={distance} direction={direction} justify={justify} align={align} testId={testId}>
      {children}
    </Flex>
  );
}

export function Inline({ gap = 'sm', justify, align = 'center', children, testId }: InlineProps) {
  return (
    <Flex gap={gap} direction="row" justify={justify} align={align} wrap testId={testId}>
      {children}
    </Flex>
  );
}

export function Box({ alignSelf, flex, children, testId }: BoxProps) {
  const style: CSSProperties = {
    alignSelf: alignSelf ? alignValues[alignSelf] : undefined,
    flex: typeof flex === 'number' ? `${flex} ${flex} 0%` : flex,
    minWidth: 0,
  };
  return (
    <div className="hs-box" style={style} {...testAttrs(testId)}>
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

/** The deprecated Card wrapper draws like a Tile. */
export const Card = plainBox<{ children?: ReactNode; testId?: string }>('hs-tile');

export function Divider({ distance, size, testId }: DividerProps) {
  return <hr className={cx('hs-divider', `hs-divider--${sizeName(distance ?? size, 'sm')}`)} {...testAttrs(testId)} />;
}

export function Spacer({ size, testId }: SpacerProps) {
  return <div className={`hs-spacer hs-spacer--${sizeName(size, 'md')}`} {...testAttrs(testId)} />;
}

export const Center = plainBox<{ children?: ReactNode; testId?: string }>('hs-center');
