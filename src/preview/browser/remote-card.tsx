import { Component, useEffect, useState } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { createRemoteRoot, createRoot } from '@remote-ui/react';
import { RemoteRenderer, createController, createRemoteReceiver } from '@remote-ui/react/host';
import type { Controller, RemoteReceiver } from '@remote-ui/react/host';
import { previewComponents } from './components/index.ts';
import { CardApiContext } from './worker-globals.ts';
import type { CardApi, RenderCallback } from './worker-globals.ts';

// The card runs as it does in HubSpot: its React tree renders into a @remote-ui remote root
// (the card's components are remote components), and the page draws what the root receives
// with DOM versions of those components. Here both sides share one thread.

const baseController = createController(previewComponents);
const placeholders = new Map<string, ComponentType<{ children?: ReactNode }>>();

function placeholderFor(type: string): ComponentType<{ children?: ReactNode }> {
  const existing = placeholders.get(type);
  if (existing) return existing;
  const Placeholder = ({ children }: { children?: ReactNode }) => (
    <div className="hs-unsupported" data-component={type}>
      <p className="hs-unsupported__note">
        {`<${type}> is not drawn by the local preview yet: add it to src/preview/browser/components.`}
      </p>
      {children}
    </div>
  );
  placeholders.set(type, Placeholder);
  return Placeholder;
}

const previewController: Controller = {
  get: (type) => (typeof type === 'string' && Object.hasOwn(previewComponents, type) ? baseController.get(type) : placeholderFor(String(type))),
  renderer: baseController.renderer,
};

class CardBoundary extends Component<{ onCrash: (error: Error) => void; children: ReactNode }, { crashed: boolean }> {
  override state = { crashed: false };

  static getDerivedStateFromError(): { crashed: boolean } {
    return { crashed: true };
  }

  override componentDidCatch(error: Error): void {
    this.props.onCrash(error);
  }

  override render(): ReactNode {
    return this.state.crashed ? null : this.props.children;
  }
}

interface RemoteCardProps {
  readonly render: RenderCallback;
  readonly api: CardApi;
  readonly onCrash: (error: Error) => void;
}

/** One card location, rendered afresh whenever its API (company, locale, ...) changes. */
export function RemoteCard({ render, api, onCrash }: RemoteCardProps) {
  const [receiver, setReceiver] = useState<RemoteReceiver | null>(null);
  useEffect(() => {
    const next = createRemoteReceiver();
    const remoteRoot = createRemoteRoot(next.receive);
    const root = createRoot(remoteRoot);
    try {
      root.render(
        <CardApiContext.Provider value={api}>
          <CardBoundary onCrash={onCrash}>{render(api)}</CardBoundary>
        </CardApiContext.Provider>,
      );
      remoteRoot.mount();
      setReceiver(next);
    } catch (error) {
      onCrash(error instanceof Error ? error : new Error(String(error)));
    }
    return () => root.unmount();
  }, [render, api, onCrash]);
  return receiver ? <RemoteRenderer receiver={receiver} controller={previewController} /> : null;
}
