import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

// `npm run bench [name...]`: runs every bench/sections/*.ts (or the named ones) in order.
// A section exports `title` and `run()`, and prints its own figures (ratios where it can).
// Each section runs in a process of its own, so one section's garbage (the sandbox section
// leaves a 100,000-company portal behind) never shows up in another's memory figures; gc is
// exposed so a section can measure from a collected heap.
const sectionSchema = z.object({ title: z.string(), run: z.function() });
const sectionEnv = 'CS_CARD_BENCH_SECTION';

const dir = path.join(import.meta.dirname, 'sections');

async function runSection(file: string): Promise<void> {
  const section = sectionSchema.parse(await import(path.join(dir, file)));
  console.log(`\n## ${section.title}  (bench/sections/${file})`);
  await section.run();
}

function spawnSection(file: string): number {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', import.meta.filename], {
    stdio: 'inherit',
    env: { ...process.env, [sectionEnv]: file },
  });
  return child.status ?? 1;
}

const only = process.env[sectionEnv];
if (only !== undefined) {
  await runSection(only);
} else {
  const wanted = process.argv.slice(2);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && (wanted.length === 0 || wanted.includes(f.replace(/\.ts$/, '')))).sort();
  if (files.length === 0) throw new Error(`no bench section named ${wanted.join(', ')}: see bench/sections/`);
  // Speed figures depend on the runtime and the machine (a newer V8 alone moves them by several per cent).
  console.log(`Node ${process.version} on ${os.cpus()[0]?.model ?? 'an unknown CPU'}, ${os.availableParallelism()} cores`);
  const failed = files.filter((file) => spawnSection(file) !== 0);
  if (failed.length > 0) {
    console.error(`\nbench sections that failed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}
