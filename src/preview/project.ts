import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// What the preview needs from the HubSpot project, read from the same files HubSpot reads:
// hsproject.json (srcDir), the app's *-hsmeta.json (name, permitted fetch URLs) and each card's
// *-hsmeta.json (name, location, entry file). A new card location shows up in the preview
// without touching it.

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

const cardLocations = ['crm.record.tab', 'crm.record.sidebar', 'crm.preview', 'helpdesk.sidebar'] as const;
/** The app page (app/pages/*-hsmeta.json, type "pages") is one more location of the preview's picker, after the cards. */
const locations = [...cardLocations, 'pages'] as const;

const projectSchema = z.object({ srcDir: z.string() });
const appSchema = z.object({
  uid: z.string(),
  type: z.literal('app'),
  config: z.object({
    name: z.string(),
    permittedUrls: z.object({ fetch: z.array(z.string()).default([]) }).default({ fetch: [] }),
  }),
});
const cardSchema = z.object({
  uid: z.string(),
  type: z.literal('card'),
  config: z.object({
    name: z.string(),
    location: z.enum(cardLocations),
    entrypoint: z.string(),
    objectTypes: z.array(z.string()),
  }),
});
const pagesSchema = z.object({
  uid: z.string(),
  type: z.literal('pages'),
  config: z.object({ entrypoint: z.string() }),
});

export interface PreviewCard {
  readonly uid: string;
  readonly name: string;
  readonly location: (typeof locations)[number];
  /** Absolute path of the card's entry file. */
  readonly entryFile: string;
}

export interface PreviewProject {
  readonly appName: string;
  readonly permittedUrls: readonly string[];
  /** Company cards, the record tab first, then the app page when the app has one. */
  readonly cards: readonly PreviewCard[];
}

async function readJson<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${path.relative(projectRoot, file)} is not a valid HubSpot project file: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

async function hsmetaFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('-hsmeta.json')).map((entry) => path.join(dir, entry.name));
}

export async function readPreviewProject(root: string = projectRoot): Promise<PreviewProject> {
  const { srcDir } = await readJson(path.join(root, 'hsproject.json'), projectSchema);
  const appDir = path.join(root, srcDir, 'app');
  const app = await readJson(path.join(appDir, 'app-hsmeta.json'), appSchema);
  const cards: PreviewCard[] = [];
  for (const file of await hsmetaFiles(path.join(appDir, 'cards'))) {
    const card = await readJson(file, cardSchema);
    if (!card.config.objectTypes.includes('companies')) continue;
    cards.push({ uid: card.uid, name: card.config.name, location: card.config.location, entryFile: path.join(root, srcDir, card.config.entrypoint) });
  }
  if (cards.length === 0) throw new Error(`no company card found in ${path.join(srcDir, 'app', 'cards')}: a *-hsmeta.json with type "card" and objectTypes ["companies"] is needed`);
  cards.sort((a, b) => locations.indexOf(a.location) - locations.indexOf(b.location));
  const pagesDir = path.join(appDir, 'pages');
  const pageFiles = await hsmetaFiles(pagesDir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  for (const file of pageFiles) {
    const pages = await readJson(file, pagesSchema);
    cards.push({ uid: pages.uid, name: app.config.name, location: 'pages', entryFile: path.join(root, srcDir, pages.config.entrypoint) });
  }
  return { appName: app.config.name, permittedUrls: app.config.permittedUrls.fetch, cards };
}
