import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { context, type BuildContext, type Message } from 'esbuild';
import { fontFaceCss } from './fonts.ts';
import type { PreviewProject } from './project.ts';

// The page script: the preview host (browser/main.tsx) plus every company card's entry file,
// unmodified, each loaded only after the host installed HubSpot's runtime globals. Rebuilt
// (incrementally) on every page load, so an edited card shows on reload.

/** Where the preview server serves the font files (see fonts.ts). */
export const fontRoute = '/fonts/';

const browserDir = path.join(path.dirname(new URL(import.meta.url).pathname), 'browser');

export interface PreviewAssets {
  readonly js: string;
  readonly map: string;
  readonly css: string;
}

export class CardBuildError extends Error {
  constructor(messages: readonly Message[]) {
    super(`the card does not compile: ${messages.map(describeMessage).join('; ')}`);
    this.name = 'CardBuildError';
  }
}

function describeMessage(message: Message): string {
  const where = message.location ? `${message.location.file}:${message.location.line}:${message.location.column}: ` : '';
  return `${where}${message.text}`;
}

function entrySource(project: PreviewProject): string {
  const cards = project.cards.map(
    (card) =>
      `{ uid: ${JSON.stringify(card.uid)}, name: ${JSON.stringify(card.name)}, location: ${JSON.stringify(card.location)}, load: () => import(${JSON.stringify(card.entryFile)}) }`,
  );
  return `import { startPreviewPage } from ${JSON.stringify(path.join(browserDir, 'main.tsx'))};\nvoid startPreviewPage([\n  ${cards.join(',\n  ')}\n]);\n`;
}

export interface PreviewBundler {
  build(): Promise<PreviewAssets>;
  dispose(): Promise<void>;
}

export async function createPreviewBundler(project: PreviewProject): Promise<PreviewBundler> {
  const ctx: BuildContext = await context({
    stdin: { contents: entrySource(project), resolveDir: browserDir, sourcefile: 'preview-entry.ts', loader: 'ts' },
    bundle: true,
    write: false,
    outfile: 'preview.js',
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    sourcemap: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  return {
    async build() {
      const result = await ctx.rebuild().catch((error: unknown) => {
        if (error && typeof error === 'object' && 'errors' in error && Array.isArray(error.errors)) throw new CardBuildError(error.errors as Message[]);
        throw error;
      });
      const js = result.outputFiles?.find((file) => file.path.endsWith('.js'))?.text ?? '';
      const map = result.outputFiles?.find((file) => file.path.endsWith('.js.map'))?.text ?? '';
      const [fonts, styles] = await Promise.all([fontFaceCss(fontRoute), readFile(path.join(browserDir, 'styles.css'), 'utf8')]);
      return { js, map, css: `${fonts}\n${styles}` };
    },
    dispose: () => ctx.dispose(),
  };
}
