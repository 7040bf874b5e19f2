import path from 'node:path';
import { walk } from '@hubspot/local-dev-lib/fs';
import { shouldIgnoreFile } from '@hubspot/local-dev-lib/ignoreRules';
import { translate } from '@hubspot/project-parsing-lib/translate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import hsproject from '../../hsproject.json' with { type: 'json' };

// What `hs project upload` sends: the HubSpot CLI (8.x, lib/projects/upload.ts) zips srcDir and
// leaves out every file for which @hubspot/local-dev-lib's shouldIgnoreFile(pathInsideSrcDir, true)
// is true — its built-in rules plus the nearest .hsignore above the directory `hs` runs in. This
// runs those same functions from the project root, where the README runs `hs project upload`.

const root = path.resolve(import.meta.dirname, '../..');
const srcDir = path.join(root, hsproject.srcDir);
const startedIn = process.cwd();

/** Every file under srcDir, by its path inside it (as the CLI's zip names it), and whether the upload keeps it. */
async function uploadPlan(): Promise<{ kept: string[]; left: string[] }> {
  const names = (await walk(srcDir)).map((file) => path.relative(srcDir, file).split(path.sep).join('/'));
  return { kept: names.filter((name) => !shouldIgnoreFile(name, true)), left: names.filter((name) => shouldIgnoreFile(name, true)) };
}

const isUnitTest = (name: string) => /\.test\.[cm]?[jt]sx?$/.test(name);
const isTestFixture = (name: string) => name.startsWith('domain/testing/');

describe('hs project upload (HubSpot\'s own ignore rules over the project)', () => {
  // The CLI finds .hsignore from its working directory, once per process (vitest runs each file in its own fork).
  beforeAll(() => process.chdir(root));
  afterAll(() => process.chdir(startedIn));

  it('sends no unit test and no test fixture', async () => {
    const { kept, left } = await uploadPlan();

    expect(kept.filter(isUnitTest)).toEqual([]);
    expect(kept.filter(isTestFixture)).toEqual([]);
    // The rules do leave them out (not merely find none).
    expect(left.filter(isUnitTest).length).toBeGreaterThan(10);
    expect(left.filter(isTestFixture).length).toBeGreaterThan(0);
  });

  it('sends every component, its entrypoint, the card and page packages and every other source file', async () => {
    const { kept } = await uploadPlan();
    const { intermediateRepresentation } = await translate({ projectSourceDir: srcDir, platformVersion: hsproject.platformVersion }, { skipValidation: true });
    const nodes = Object.values(intermediateRepresentation.intermediateNodesIndexedByUid);
    const entrypoints = nodes.map((node) => (node.config as { entrypoint?: string }).entrypoint).filter((entry): entry is string => entry !== undefined);

    expect(entrypoints).toEqual(expect.arrayContaining(['/app/cards/CustomerSuccessCard.tsx', '/app/pages/Pages.tsx']));
    expect(kept).toEqual(expect.arrayContaining([...entrypoints.map((entry) => entry.replace(/^\//, '')), 'app/cards/package.json', 'app/pages/package.json']));
    // Nothing but tests is dropped: every module and JSON file the build may import goes up.
    const sources = (await walk(srcDir, ['node_modules'])).map((file) => path.relative(srcDir, file).split(path.sep).join('/'));
    const wanted = sources.filter((name) => /\.(?:tsx?|json)$/.test(name) && !isUnitTest(name) && !isTestFixture(name));
    expect(wanted.filter((name) => !kept.includes(name))).toEqual([]);
    expect(kept.filter((name) => name.endsWith('-hsmeta.json'))).toHaveLength(nodes.length);
  });
});
