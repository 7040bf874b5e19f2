import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering lint keeps (eslint.config.js, issue 18): the card imports only its own folder,
// the contract and its package's dependencies; the CLI reaches HubSpot only through the use cases.

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'cs-card/card-boundary' || message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('import boundaries', () => {
  it('the card may import its own folder, the contract and its declared packages', async () => {
    const code = [
      "import { Text } from '@hubspot/ui-extensions';",
      "import { useState } from 'react';",
      "import type { CardView } from '../../../domain/view-model.ts';",
      "import type { Message } from '../../../domain/message.ts';",
      "import { useI18n } from '../i18n/I18nContext.tsx';",
      'export const used = [Text, useState, useI18n] as const;',
      'export type Used = [CardView, Message];',
    ].join('\n');
    expect(await importErrors('src/app/cards/components/Example.tsx', code)).toEqual([]);
  });

  it('the card may not import the domain beyond the contract, the server or an undeclared package', async () => {
    const code = [
      "import { bandOf } from '../../../domain/health.ts';",
      "import { createApp } from '../../../server/app.ts';",
      "import { z } from 'zod';",
      'export const used = [bandOf, createApp, z] as const;',
    ].join('\n');
    const errors = await importErrors('src/app/cards/components/Example.tsx', code);
    expect(errors).toEqual([
      expect.stringContaining('"../../../domain/health.ts" is outside both'),
      expect.stringContaining('"../../../server/app.ts" is outside both'),
      expect.stringContaining('"zod" is not a dependency of the card\'s package'),
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
});
