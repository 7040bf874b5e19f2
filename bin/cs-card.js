#!/usr/bin/env node
// The CLI runs from TypeScript source through tsx's loader, so the package needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
