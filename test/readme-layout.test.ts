import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The README's layout and its "where is the rule for …" table follow the tree (issue 18): every
// folder of src/ and of src/domain/ is in the layout, and every file the table names exists.

const root = path.resolve(import.meta.dirname, '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('Where is the rule for'));
const table = readme.slice(readme.indexOf('Where is the rule for'), readme.indexOf('Architecture and contracts:'));

const folders = (dir: string) =>
  readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

describe("the README's layout", () => {
  it('names every folder of src/ and of src/domain/', () => {
    for (const name of folders('src')) expect(layout, `src/${name}/`).toContain(`src/${name}/`);
    for (const name of folders('src/domain')) expect(layout, `src/domain/${name}/`).toMatch(new RegExp(`\\b${name}/`));
  });

  it('"where is the rule for …" points each concept at files that exist', () => {
    const rows = table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| concept') && !line.startsWith('|---'));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const row of rows) {
      const home = row.split('|')[2] ?? '';
      const first = /`(src\/[^`]+)`/.exec(home)?.[1];
      expect(first, row).toBeDefined();
      const dir = path.dirname(first ?? '');
      for (const [, named] of home.matchAll(/`([^`]+\.(?:ts|tsx)|[^`]+\/)`/g)) {
        const relative = (named ?? '').replace('<locale>', 'en');
        const candidates = relative.startsWith('src/') ? [relative] : [path.join(dir, relative), path.join(path.dirname(dir), relative), path.join('src/domain', relative), path.join('src/hubspot', relative)];
        expect(candidates.some((candidate) => existsSync(path.join(root, candidate))), `${row}: ${named}`).toBe(true);
      }
    }
  });
});
