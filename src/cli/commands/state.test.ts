import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../app/cards/i18n/format.ts';
import { errorText } from '../../app/cards/i18n/message-error.ts';
import { latestVersion } from '../../state/migrations.ts';
import { SqliteStateStore, sqliteFileName } from '../../state/sqlite-store.ts';
import { StateStoreError } from '../../state/store.ts';
import { exitCodeOf } from '../errors.ts';
import { statusLines, storeLocation } from './state.ts';
import { loadEveryCatalog } from '../../app/cards/i18n/messages.ts';

// Formats in several languages: every catalog, as the card and the backend load them.
loadEveryCatalog();

// `cs-card state status` says where the store is in the reader's words: the store gives its kind
// and location as data, the catalog words them (no "SQLite file" in a Polish line).

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function stateDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cs-card-state-'));
  dirs.push(dir);
  return dir;
}

describe('the state store in the reader\'s words', () => {
  it('names an embedded file, an in-memory store and PostgreSQL, English as before', () => {
    const en = createI18n('en', 'UTC');
    expect(storeLocation({ kind: 'sqlite', location: '/srv/.cs-card/state.sqlite' }, en)).toBe('SQLite file /srv/.cs-card/state.sqlite');
    expect(storeLocation({ kind: 'memory', location: ':memory:' }, en)).toBe('SQLite in memory');
    expect(storeLocation({ kind: 'postgres', location: 'postgres://cs@db:5432/cs_card' }, en)).toBe('PostgreSQL postgres://cs@db:5432/cs_card');
  });

  it('words them in every catalog language, keeping the path or URL as it is', () => {
    const expected = {
      pl: ['plik SQLite /srv/state.sqlite', 'SQLite w pamięci'],
      'zh-CN': ['SQLite 文件 /srv/state.sqlite', 'SQLite（内存）'],
      ja: ['SQLite ファイル /srv/state.sqlite', 'SQLite（メモリ内）'],
      th: ['ไฟล์ SQLite /srv/state.sqlite', 'SQLite ในหน่วยความจำ'],
    };
    for (const [locale, [file, memory]] of Object.entries(expected)) {
      const i18n = createI18n(locale, 'UTC');
      expect(storeLocation({ kind: 'sqlite', location: '/srv/state.sqlite' }, i18n)).toBe(file);
      expect(storeLocation({ kind: 'memory', location: ':memory:' }, i18n)).toBe(memory);
      expect(storeLocation({ kind: 'postgres', location: 'postgres://cs@db/cs' }, i18n)).toBe('PostgreSQL postgres://cs@db/cs');
    }
  });

  it('status opens with the store in Polish for a Polish reader, in English by default', async () => {
    const dir = await stateDir();
    const store = await SqliteStateStore.open(dir);
    try {
      const file = path.join(dir, sqliteFileName);
      expect(store.kind).toBe('sqlite');
      expect(store.location).toBe(file);
      expect((await statusLines(store))[0]).toBe(`State store: SQLite file ${file} (schema version ${latestVersion})`);
      expect((await statusLines(store, createI18n('pl', 'UTC')))[0]).toBe(`Magazyn stanu: plik SQLite ${file} (wersja schematu ${latestVersion})`);
    } finally {
      await store.close();
    }
    const memory = SqliteStateStore.inMemory();
    try {
      expect((await statusLines(memory, createI18n('ja', 'UTC')))[0]).toBe(`状態ストア: SQLite（メモリ内）（スキーマバージョン ${latestVersion}）`);
    } finally {
      await memory.close();
    }
  });

  it('a store newer than this version refuses in the reader\'s language (exit 1)', async () => {
    const dir = await stateDir();
    await (await SqliteStateStore.open(dir)).close();
    const db = new DatabaseSync(path.join(dir, sqliteFileName));
    db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(latestVersion + 1);
    db.close();
    const error = await SqliteStateStore.open(dir).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(StateStoreError);
    expect(exitCodeOf(error)).toBe(1);
    const file = path.join(dir, sqliteFileName);
    expect(errorText(error, createI18n('en', 'UTC'))).toBe(
      `the state store ${file} has schema version ${latestVersion + 1}, newer than this cs-card knows (${latestVersion}): run the newer cs-card version, or point CS_CARD_DATABASE_URL / CS_CARD_STATE_DIR elsewhere`,
    );
    expect(errorText(error, createI18n('pl', 'UTC'))).toBe(
      `magazyn stanu ${file} ma schemat w wersji ${latestVersion + 1}, nowszej niż zna ten cs-card (${latestVersion}): uruchom nowszą wersję cs-card albo wskaż inne miejsce w CS_CARD_DATABASE_URL / CS_CARD_STATE_DIR`,
    );
  });
});
