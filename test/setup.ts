import { afterAll, afterEach, beforeAll } from 'vitest';
import { mswServer, startMsw } from './msw.ts';

beforeAll(() => startMsw());
afterEach(() => mswServer.resetHandlers());
afterAll(() => mswServer.close());
