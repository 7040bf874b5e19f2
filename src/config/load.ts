import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { message } from '../app/cards/contract/message.ts';
import { ConfigError, defaultConfig, parseConfig, type CsConfig } from './schema.ts';

export const defaultConfigFile = 'cs-card.config.json';

/**
 * The configuration in effect: the file CS_CARD_CONFIG names, else ./cs-card.config.json
 * when present, else the built-in defaults. Any problem is a ConfigError naming the file.
 */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Promise<CsConfig> {
  const named = env.CS_CARD_CONFIG?.trim();
  if (named) {
    const file = path.resolve(cwd, named);
    const text = await readText(file);
    if (text === null) throw new ConfigError(file, [message('config.file.missing')]);
    return parseConfig(parseJson(text, file), file);
  }
  const file = path.resolve(cwd, defaultConfigFile);
  const text = await readText(file);
  return text === null ? defaultConfig : parseConfig(parseJson(text, file), file);
}

/** The file's text, or null when there is no such file; other read errors are ConfigErrors. */
async function readText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new ConfigError(file, [message('config.file.unreadable', { code: code ?? 'none' })]);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(file, [message('config.file.notJson', { reason })]);
  }
}
