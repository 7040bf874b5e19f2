import { createElement, type ReactNode } from 'react';

// Small helpers shared by the DOM stand-ins of HubSpot's components.

/** HubSpot's `testId` becomes `data-testid`, so browser tests find what the card's own tests find. */
export function testAttrs(testId: string | undefined): { 'data-testid'?: string } {
  return testId === undefined ? {} : { 'data-testid': testId };
}

export function cx(...names: ReadonlyArray<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}

const sizeAliases: Readonly<Record<string, string>> = {
  'extra-small': 'xs',
  small: 'sm',
  medium: 'md',
  large: 'lg',
  'extra-large': 'xl',
};

/** 'small' and 'sm' are the same size in HubSpot's props; one class name per size. */
export function sizeName(size: string | undefined, fallback: string): string {
  if (size === undefined) return fallback;
  return sizeAliases[size] ?? size;
}

/** What a HubSpot event handler receives: the shape of its ExtensionEvent. */
export function extensionEvent(event: { type: string; bubbles: boolean; timeStamp: number }) {
  return { type: event.type, bubbles: event.bubbles, timeStamp: event.timeStamp, id: crypto.randomUUID() };
}

/** A stand-in that is a plain box: its children in a `<div>` of one class (ButtonRow, Statistics, Card, Center). */
export function plainBox<Props extends { readonly children?: ReactNode; readonly testId?: string | undefined }>(className: string) {
  return function PlainBox({ children, testId }: Props) {
    return createElement('div', { className, ...testAttrs(testId) }, children);
  };
}
