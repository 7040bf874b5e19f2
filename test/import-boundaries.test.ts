import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering lint keeps (eslint.config.js, issue 18): the card imports only its own folder (the
// contract src/app/cards/contract/ and its i18n included) and its package's dependencies; the
// contract imports only zod; the CLI reaches HubSpot only through the use cases.

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'cs-card/card-boundary' || message.ruleId === 'cs-card/no-test-imports' || message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('import boundaries', () => {
  it('the card may import its own folder, the contract and its declared packages', async () => {
    const code = [
      "import { Text } from '@hubspot/ui-extensions';",
      "import { useState } from 'react';",
      "import { z } from 'zod';",
      "import { cardViewSchema, type CardView } from '../contract/view-model.ts';",
      "import type { Message } from '../contract/message.ts';",
      "import { useI18n } from '../i18n/I18nContext.tsx';",
      'export const used = [Text, useState, useI18n, z, cardViewSchema] as const;',
      'export type Used = [CardView, Message];',
    ].join('\n');
    expect(await importErrors('src/app/cards/components/Example.tsx', code)).toEqual([]);
  });

  it('the card may not import the domain, the server or an undeclared package', async () => {
    const code = [
      "import { bandOf } from '../../../domain/health.ts';",
      "import { createApp } from '../../../server/app.ts';",
      "import { Hono } from 'hono';",
      'export const used = [bandOf, createApp, Hono] as const;',
    ].join('\n');
    const errors = await importErrors('src/app/cards/components/Example.tsx', code);
    expect(errors).toEqual([
      expect.stringContaining('"../../../domain/health.ts" is outside it'),
      expect.stringContaining('"../../../server/app.ts" is outside it'),
      expect.stringContaining('"hono" is not a dependency of the card\'s package'),
    ]);
  });

  it('the contract imports only zod and its own files (not the card, the domain or a card package)', async () => {
    const code = [
      "import { z } from 'zod';",
      "import { messageSchema } from './message.ts';",
      "import { useI18n } from '../i18n/I18nContext.tsx';",
      "import { parseDay } from '../../../../domain/dates.ts';",
      "import { useState } from 'react';",
      'export const used = [z, messageSchema, useI18n, parseDay, useState] as const;',
    ].join('\n');
    const errors = await importErrors('src/app/cards/contract/example.ts', code);
    expect(errors).toEqual([
      expect.stringContaining('"../i18n/I18nContext.tsx" is outside it'),
      expect.stringContaining('"../../../../domain/dates.ts" is outside it'),
      expect.stringContaining('"react" is not allowed there'),
    ]);
  });

  it('the CLI may not import src/hubspot/ (it goes through src/usecases/)', async () => {
    const code = [
      "import { HubSpotGateway } from '../../hubspot/gateway.ts';",
      "import { connectPortal } from '../../usecases/portal.ts';",
      'export const used = [HubSpotGateway, connectPortal] as const;',
    ].join('\n');
    expect(await importErrors('src/cli/commands/example.ts', code)).toEqual([expect.stringContaining('The CLI reaches HubSpot only through src/usecases/')]);
  });

  it('no module imports a unit test or the tests\' fixtures (tests sit beside their modules and ship nowhere)', async () => {
    const code = [
      "import { snapshot } from '../testing/fixtures.ts';",
      "import { cases } from './nps.test.ts';",
      "import { npsScore } from './nps.ts';",
      'export const used = [snapshot, cases, npsScore] as const;',
    ].join('\n');
    expect(await importErrors('src/domain/nps/example.ts', code)).toEqual([
      expect.stringContaining('"../testing/fixtures.ts" is test code'),
      expect.stringContaining('"./nps.test.ts" is test code'),
    ]);
    expect(await importErrors('src/domain/nps/example.test.ts', code)).toEqual([]);
  });
});
