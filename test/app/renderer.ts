import { createRenderer as hubspotRenderer, type Renderer } from '@hubspot/ui-extensions/testing';

// HubSpot's test renderer, except that `waitFor` gives up after 20 s instead of its 1 s: what a
// test waits for (a backend's answer, a re-render) may come late on a busy machine, and the wait
// is for a state, not a speed. A test may still pass its own `timeoutInMs`.

const patientWaitMs = 20_000;

type Location = Parameters<typeof hubspotRenderer>[0];

export function createRenderer<L extends Location>(location: L): Renderer<L> {
  const renderer = hubspotRenderer(location);
  const waitFor = renderer.waitFor;
  renderer.waitFor = (check, options) => waitFor(check, { timeoutInMs: patientWaitMs, ...options });
  return renderer;
}
