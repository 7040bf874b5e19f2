import path from 'node:path';
import { PostgresStateStore } from './postgres-store.ts';
import { SqliteStateStore } from './sqlite-store.ts';
import type { StateStore } from './store.ts';
import { message, type Message } from '../app/cards/contract/message.ts';

// Which store a command uses (DESIGN.md "Environment"): PostgreSQL when CS_CARD_DATABASE_URL
// is set, else the embedded SQLite file in CS_CARD_STATE_DIR (default .cs-card/).

export const defaultStateDir = '.cs-card';

/** A database URL that cannot be used: exit code 2, its words a catalog message (`text`) shown in the reader's language. */
export class StoreConfigError extends Error {
  readonly exitCode = 2;
  readonly text: Message;
  constructor(english: string, text: Message) {
    super(english);
    this.name = 'StoreConfigError';
    this.text = text;
  }
}

export function stateDirectory(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  return path.resolve(cwd, env.CS_CARD_STATE_DIR?.trim() || defaultStateDir);
}

/** The database URL, checked; null when the embedded store is meant. */
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.CS_CARD_DATABASE_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StoreConfigError(
      'CS_CARD_DATABASE_URL is not a URL: write it postgres://user:password@host:5432/database (unset it for the embedded SQLite store)',
      message('cli.error.databaseUrlNotUrl'),
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new StoreConfigError(
      `CS_CARD_DATABASE_URL must be a postgres:// URL, got ${url.protocol}//…; unset it for the embedded SQLite store`,
      message('cli.error.databaseUrlProtocol', { protocol: url.protocol }),
    );
  }
  return raw;
}

/** The store the environment names (SQLite in `stateDir` without a database URL), migrated. */
export function openStateStore(stateDir: string = stateDirectory(), env: NodeJS.ProcessEnv = process.env): Promise<StateStore> {
  const url = databaseUrl(env);
  return url === null ? SqliteStateStore.open(stateDir) : PostgresStateStore.open(url);
}

/** A store that lives as long as this process (the embedded sandbox's state). */
export function openMemoryStore(): Promise<StateStore> {
  return SqliteStateStore.open(':memory:');
}
