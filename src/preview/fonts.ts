import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

// HubSpot draws its UI in Lexend Deca. The preview serves the font from the
// @fontsource/lexend-deca package (open licence, no download at run time), so a screenshot
// shows the card in HubSpot's type on any machine, not in whatever sans-serif it has.

const fontsDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@fontsource/lexend-deca/package.json')), 'files');

/** The weights the preview's stylesheet uses. */
const weights = [300, 400, 500, 600, 700] as const;

/** Only the package's own file names are served: the name is the whole path, so nothing outside the folder is reachable. */
const fontFileName = /^lexend-deca-(?:latin|latin-ext)-\d00-normal\.woff2?$/;

/** @font-face rules pointing at `${routePrefix}<file>`. */
export async function fontFaceCss(routePrefix: string): Promise<string> {
  const sheets = await Promise.all(weights.map((weight) => readFile(path.join(fontsDir, '..', `latin-${weight}.css`), 'utf8')));
  return sheets.map((sheet) => sheet.replaceAll('url(./files/', `url(${routePrefix}`)).join('\n');
}

/** The font file's bytes, or null for a name that is not one of the package's font files. */
export async function fontFile(name: string): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!fontFileName.test(name)) return null;
  return readFile(path.join(fontsDir, name)).then((bytes) => new Uint8Array(bytes), () => null);
}
