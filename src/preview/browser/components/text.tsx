import type { CSSProperties, MouseEvent } from 'react';
import type { HeadingProps, HrefOptions, LinkProps, TextProps } from '@hubspot/ui-extensions';
import { cx, extensionEvent, testAttrs } from './dom.ts';

const weights: Readonly<Record<string, number>> = { regular: 400, demibold: 600, bold: 700 };
const decorations: Readonly<Record<string, string>> = { none: 'none', underline: 'underline', strikethrough: 'line-through' };

function formatStyle(format: TextProps['format']): CSSProperties {
  if (!format) return {};
  const transform = format.textTransform === 'sentenceCase' ? undefined : format.textTransform;
  return {
    fontWeight: format.fontWeight ? weights[format.fontWeight] : undefined,
    fontStyle: format.italic ? 'italic' : undefined,
    textDecoration: format.lineDecoration ? decorations[format.lineDecoration] : undefined,
    textTransform: transform,
  };
}

export function Text({ variant = 'bodytext', inline, format, truncate, children, testId }: TextProps) {
  const Tag = inline ? 'span' : 'p';
  const maxWidth = typeof truncate === 'object' ? truncate.maxWidth : undefined;
  return (
    <Tag
      className={cx('hs-text', `hs-text--${variant}`, Boolean(truncate) && 'hs-text--truncate')}
      style={{ ...formatStyle(format), maxWidth }}
      title={typeof truncate === 'object' ? truncate.tooltipText : undefined}
      {...testAttrs(testId)}
    >
      {children}
    </Tag>
  );
}

export function Heading({ inline, children, testId }: HeadingProps) {
  return (
    <h2 className={cx('hs-heading', inline && 'hs-heading--inline')} {...testAttrs(testId)}>
      {children}
    </h2>
  );
}

export function hrefOf(href: string | HrefOptions | undefined): { url?: string; external: boolean } {
  if (href === undefined) return { external: false };
  if (typeof href === 'string') return { url: href, external: true };
  return { url: href.url, external: href.external ?? true };
}

export function Link({ href, variant = 'primary', onClick, preventDefault, children, testId }: LinkProps) {
  const { url, external } = hrefOf(href);
  const click = (event: MouseEvent) => {
    if (preventDefault) event.preventDefault();
    void onClick?.(extensionEvent(event), noReactions);
  };
  return (
    <a
      className={`hs-link hs-link--${variant}`}
      href={url}
      target={external ? '_blank' : undefined}
      rel={external ? 'noreferrer' : undefined}
      onClick={click}
      {...testAttrs(testId)}
    >
      {children}
    </a>
  );
}

/** Overlays are opened by the component that owns them; links and plain buttons have none. */
export const noReactions = {
  openPanel: () => undefined,
  closePanel: () => undefined,
  openModal: () => undefined,
  closeModal: () => undefined,
};
