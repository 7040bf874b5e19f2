import { createContext, useState } from 'react';
import type { ReactNode } from 'react';
import type { AccordionProps } from '@hubspot/ui-extensions';
import { cx, sizeName, testAttrs } from './dom.ts';

// Modals and panels open two ways: from the button whose `overlay` prop holds them, or by id
// through the reactions (`openModal(id)`) and `actions.closeOverlay(id)`.

const openById = new Set<string>();
const listeners = new Set<() => void>();

function setOpen(id: string, open: boolean): void {
  if (open === openById.has(id)) return;
  if (open) openById.add(id);
  else openById.delete(id);
  for (const listener of listeners) listener();
}

export const overlayReactions = {
  openModal: (id: string) => setOpen(id, true),
  closeModal: (id: string) => setOpen(id, false),
  openPanel: (id: string) => setOpen(id, true),
  closePanel: (id: string) => setOpen(id, false),
};

export function closeOverlay(id: string): void {
  setOpen(id, false);
}

interface OverlayOwner {
  readonly open: boolean;
  readonly close: () => void;
}

const OverlayOwnerContext = createContext<OverlayOwner | null>(null);

/** The overlay a button owns: rendered (closed) beside the button, opened by its click. */
export function useOwnedOverlay(overlay: ReactNode): { element: ReactNode; open: () => void } {
  const [open, setOwnedOpen] = useState(false);
  const element = overlay ? (
    <OverlayOwnerContext.Provider value={{ open, close: () => setOwnedOpen(false) }}>{overlay}</OverlayOwnerContext.Provider>
  ) : null;
  return { element, open: () => setOwnedOpen(true) };
}

export function Accordion({ title, defaultOpen = false, open, disabled, size, onClick, children, testId }: AccordionProps) {
  const [localOpen, setLocalOpen] = useState(defaultOpen);
  const isOpen = open ?? localOpen;
  const toggle = () => {
    if (disabled) return;
    setLocalOpen(!isOpen);
    onClick?.();
  };
  return (
    <div className={cx('hs-accordion', `hs-accordion--${sizeName(size, 'sm')}`, isOpen && 'is-open')} {...testAttrs(testId)}>
      <button type="button" className="hs-accordion__toggle" aria-expanded={isOpen} disabled={disabled} onClick={toggle}>
        <span className="hs-accordion__caret" aria-hidden="true">
          {isOpen ? '▾' : '▸'}
        </span>
        {title}
      </button>
      {isOpen ? <div className="hs-accordion__body">{children}</div> : null}
    </div>
  );
}
