import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { ConfigError, defaultConfig } from '../../src/config/schema.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cs-card-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('uses the defaults when there is no file', async () => {
    expect(await loadConfig({}, dir)).toEqual(defaultConfig);
  });

  it('reads ./cs-card.config.json when present', async () => {
    await writeFile(path.join(dir, 'cs-card.config.json'), JSON.stringify({ currency: 'EUR' }));
    expect((await loadConfig({}, dir)).currency).toBe('EUR');
  });

  it('prefers the file CS_CARD_CONFIG names, relative to the working directory', async () => {
    await writeFile(path.join(dir, 'cs-card.config.json'), JSON.stringify({ currency: 'EUR' }));
    await writeFile(path.join(dir, 'team.json'), JSON.stringify({ currency: 'GBP' }));
    expect((await loadConfig({ CS_CARD_CONFIG: 'team.json' }, dir)).currency).toBe('GBP');
  });

  it('fails naming the file when CS_CARD_CONFIG points nowhere', async () => {
    await expect(loadConfig({ CS_CARD_CONFIG: 'missing.json' }, dir)).rejects.toThrow(`${path.join(dir, 'missing.json')}: invalid configuration: the file CS_CARD_CONFIG names cannot be read`);
  });

  it('fails naming the file on invalid JSON', async () => {
    const file = path.join(dir, 'cs-card.config.json');
    await writeFile(file, '{ "currency": "EUR", }');
    const error = await loadConfig({}, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(file);
    expect((error as ConfigError).issues[0]).toMatch(/^is not valid JSON \(.+\); fix the syntax/);
  });

  it('fails naming the file and the field on an invalid configuration', async () => {
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ health: { weights: { nps: 50 } } }));
    await expect(loadConfig({ CS_CARD_CONFIG: file }, dir)).rejects.toThrow(`${file}: invalid configuration: health.weights: the weights must sum to 100 (they sum to 130); adjust them`);
  });
});
