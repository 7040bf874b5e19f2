import type { FormEvent, MouseEvent } from 'react';
import type { ButtonProps, FormProps, LoadingButtonProps } from '@hubspot/ui-extensions';
import { cx, extensionEvent, sizeName, testAttrs } from './dom.ts';
import { overlayReactions, useOwnedOverlay } from './overlays.tsx';
import { hrefOf } from './text.tsx';

// Buttons, button rows and forms: what the card's user clicks to act.

type ButtonLikeProps = ButtonProps & { loading?: boolean };

function ButtonBase({ onClick, href, disabled, variant = 'secondary', type = 'button', size, overlay, loading, children, testId }: ButtonLikeProps) {
  const owned = useOwnedOverlay(overlay);
  const click = (event: MouseEvent) => {
    void onClick?.(extensionEvent(event), overlayReactions);
    if (overlay) owned.open();
  };
  const className = cx('hs-button', `hs-button--${variant}`, `hs-button--${sizeName(size, 'md')}`, loading && 'is-loading');
  const { url, external } = hrefOf(href);
  const content = (
    <>
      {loading ? <span className="hs-button__spinner" aria-hidden="true" /> : null}
      <span>{children}</span>
    </>
  );
  return (
    <>
      {url ? (
        <a className={className} href={url} target={external ? '_blank' : undefined} rel="noreferrer" onClick={click} {...testAttrs(testId)}>
          {content}
        </a>
      ) : (
        <button type={type} className={className} disabled={disabled || loading} aria-busy={loading} onClick={click} {...testAttrs(testId)}>
          {content}
        </button>
      )}
      {owned.element}
    </>
  );
}

export function Button(props: ButtonProps) {
  return <ButtonBase {...props} />;
}

export function LoadingButton(props: LoadingButtonProps) {
  return <ButtonBase {...props} />;
}

/** HubSpot hands the submit handler the form's named values; the page itself never navigates. */
export function Form({ onSubmit, autoComplete, children, testId }: FormProps) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values: Record<string, string> = {};
    new FormData(event.currentTarget).forEach((value, name) => {
      if (typeof value === 'string') values[name] = value;
    });
    void onSubmit?.({ ...extensionEvent(event), targetValue: values }, overlayReactions);
  };
  return (
    <form className="hs-form" autoComplete={autoComplete} onSubmit={submit} noValidate {...testAttrs(testId)}>
      {children}
    </form>
  );
}
