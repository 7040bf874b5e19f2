import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import type {
  AccordionProps,
  ModalBodyProps,
  ModalFooterProps,
  ModalProps,
  PanelBodyProps,
  PanelFooterProps,
  PanelProps,
  PanelSectionProps,
  TabProps,
  TabsProps,
} from '@hubspot/ui-extensions';
import { cx, sizeName, testAttrs } from './dom.ts';

// Modals and panels open two ways: from the button whose `overlay` prop holds them, or by id
// through the reactions (`openModal(id)`) and `actions.closeOverlay(id)`.

const openById = new Set<string>();
const listeners = new Set<() => void>();
let version = 0;

function setOpen(id: string, open: boolean): void {
  if (open === openById.has(id)) return;
  if (open) openById.add(id);
  else openById.delete(id);
  version += 1;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
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

function useOverlayState(id: string, onOpen?: () => void, onClose?: () => void): { open: boolean; close: () => void } {
  const owner = useContext(OverlayOwnerContext);
  useSyncExternalStore(subscribe, () => version);
  const open = Boolean(owner?.open) || openById.has(id);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open && !wasOpen.current) onOpen?.();
    if (!open && wasOpen.current) onClose?.();
    wasOpen.current = open;
  }, [open, onOpen, onClose]);
  const close = () => {
    owner?.close();
    setOpen(id, false);
  };
  return { open, close };
}

function Overlay(props: { kind: 'modal' | 'panel'; id: string; title?: string; width?: string; variant?: string; onOpen?: () => void; onClose?: () => void; label?: string; testId?: string; children?: ReactNode }) {
  const { open, close } = useOverlayState(props.id, props.onOpen, props.onClose);
  if (!open) return null;
  return (
    <div className={`hs-overlay hs-overlay--${props.kind}`} onClick={close}>
      <div
        className={cx('hs-overlay__dialog', `hs-overlay__dialog--${sizeName(props.width, 'md')}`, props.variant === 'danger' && 'hs-overlay__dialog--danger')}
        role="dialog"
        aria-label={props.label ?? props.title}
        onClick={(event) => event.stopPropagation()}
        {...testAttrs(props.testId)}
      >
        <header className="hs-overlay__header">
          <h2>{props.title}</h2>
          <button type="button" className="hs-overlay__close" aria-label="Close" onClick={close}>
            ×
          </button>
        </header>
        {props.children}
      </div>
    </div>
  );
}

export function Modal(props: ModalProps) {
  return <Overlay kind="modal" {...props} label={props['aria-label']} />;
}

export function Panel(props: PanelProps) {
  return <Overlay kind="panel" {...props} label={props['aria-label']} />;
}

function part(className: string) {
  return function OverlayPart({ children, testId }: ModalBodyProps | ModalFooterProps | PanelBodyProps | PanelFooterProps) {
    return (
      <div className={className} {...testAttrs(testId)}>
        {children}
      </div>
    );
  };
}

export const ModalBody = part('hs-overlay__body');
export const ModalFooter = part('hs-overlay__footer');
export const PanelBody = part('hs-overlay__body');
export const PanelFooter = part('hs-overlay__footer');

export function PanelSection({ flush, children, testId }: PanelSectionProps) {
  return (
    <section className={cx('hs-overlay__section', flush && 'hs-overlay__section--flush')} {...testAttrs(testId)}>
      {children}
    </section>
  );
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

interface TabsState {
  readonly selected: string | number | undefined;
  readonly select: (id: string | number) => void;
  readonly register: (id: string | number) => void;
}

const TabsContext = createContext<TabsState | null>(null);

/** Tab titles form the strip and the selected tab's body sits below it (CSS `order`); with nothing selected, the first tab is. */
export function Tabs({ selected, defaultSelected, onSelectedChange, variant = 'default', fill, children, testId }: TabsProps) {
  const [localSelected, setLocalSelected] = useState(defaultSelected);
  const [firstTab, setFirstTab] = useState<string | number | undefined>(undefined);
  const state: TabsState = {
    selected: selected ?? localSelected ?? firstTab,
    select: (id) => {
      setLocalSelected(id);
      (onSelectedChange as ((id: string | number) => void) | undefined)?.(id);
    },
    register: (id) => setFirstTab((first) => first ?? id),
  };
  return (
    <TabsContext.Provider value={state}>
      <div className={cx('hs-tabs', `hs-tabs--${variant}`, fill && 'hs-tabs--fill')} role="tablist" {...testAttrs(testId)}>
        {children}
      </div>
    </TabsContext.Provider>
  );
}

export function Tab({ tabId, title, disabled, children, testId }: TabProps) {
  const tabs = useContext(TabsContext);
  const register = tabs?.register;
  useEffect(() => {
    if (tabId !== undefined) register?.(tabId);
  }, [register, tabId]);
  const active = tabId !== undefined && tabs?.selected === tabId;
  return (
    <>
      <button
        type="button"
        role="tab"
        aria-selected={active}
        disabled={disabled}
        className={cx('hs-tab__title', active && 'is-active')}
        onClick={() => tabId !== undefined && tabs?.select(tabId)}
        {...testAttrs(testId)}
      >
        {title}
      </button>
      {active ? <div className="hs-tab__body">{children}</div> : null}
    </>
  );
}
