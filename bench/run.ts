import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

// `npm run bench [name...]`: runs every bench/sections/*.ts (or the named ones) in order.
// A section exports `title` and `run()`, and prints its own figures (ratios where it can).
const sectionSchema = z.object({ title: z.string(), run: z.function() });

const dir = path.join(import.meta.dirname, 'sections');
const wanted = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();

for (const file of files) {
  const name = file.replace(/\.ts$/, '');
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const section = sectionSchema.parse(await import(path.join(dir, file)));
  console.log(`\n## ${section.title}  (bench/sections/${file})`);
  await section.run();
}
