import { createSandbox, MAX_DEMO_COMPANIES, type RequestLogEntry, type Sandbox } from '../../src/sandbox/index.ts';

export const title = 'Sandbox portal: generating 100,000 demo companies, and the request log counting calls (loopback HTTP)';

const generationBarSeconds = 60;
const asOf = '2026-06-30';
const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MiB`;

function generate(companies: number): { sandbox: Sandbox; seconds: number; heapBytes: number } {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const sandbox = createSandbox({ companies, asOf, seed: 1, rateLimit: null });
  const seconds = (performance.now() - started) / 1000;
  return { sandbox, seconds, heapBytes: process.memoryUsage().heapUsed - heapBefore };
}

/** One call of the scripted workload: what is sent, so the log can be checked against it. */
interface Call {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  readonly token?: boolean;
}

function workload(sandbox: Sandbox): Call[] {
  const ids = sandbox.store.list('companies').map((company) => company.id);
  const hundred = (page: number) => ids.slice(page * 100, page * 100 + 100).map((id) => ({ id }));
  const customers = { filterGroups: [{ filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' }] }], properties: ['name'], limit: 200 };
  return [
    ...Array.from({ length: 10 }, (_, page): Call => ({ method: 'GET', path: `/crm/v3/objects/companies?limit=100&after=${ids[page * 100] ?? ''}&properties=name` })),
    ...Array.from({ length: 5 }, (_, page): Call => ({ method: 'POST', path: '/crm/v3/objects/companies/batch/read', body: { inputs: hundred(page), properties: ['name', 'lifecyclestage'] } })),
    ...Array.from({ length: 5 }, (_, page): Call => ({ method: 'POST', path: '/crm/v3/objects/companies/search', body: { ...customers, after: String(page * 200) } })),
    ...Array.from({ length: 3 }, (_, page): Call => ({ method: 'POST', path: '/crm/v4/associations/companies/contacts/batch/read', body: { inputs: hundred(page) } })),
    ...Array.from({ length: 2 }, (_, page): Call => ({
      method: 'POST', path: '/crm/v3/objects/companies/batch/update', body: { inputs: hundred(page).map(({ id }) => ({ id, properties: { hs_csm_sentiment: 'positive' } })) },
    })),
    ...[ids[0], ids[ids.length - 1]].map((id): Call => ({ method: 'GET', path: `/crm/v3/objects/companies/${id ?? ''}?properties=name&propertiesWithHistory=hs_csm_sentiment` })),
    { method: 'GET', path: '/crm/v3/objects/companies?limit=5', token: false },
  ];
}

/** `POST /crm/v3/objects/companies/batch/read`, with ids and the query string left out. */
const family = (entry: Pick<RequestLogEntry, 'method' | 'path'>): string => `${entry.method} ${(entry.path.split('?')[0] ?? '').replace(/\/\d+(?=\/|$)/g, '/{id}')}`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function send(url: string, call: Call): Promise<number> {
  const headers: Record<string, string> = call.token === false ? {} : { authorization: 'Bearer bench-token' };
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${call.path}`, { method: call.method, headers, ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }) });
  await response.arrayBuffer();
  return response.status;
}

async function countCalls(sandbox: Sandbox): Promise<void> {
  const server = await sandbox.listen();
  try {
    const calls = workload(sandbox);
    sandbox.log.clear();
    const statuses: number[] = [];
    for (const call of calls) statuses.push(await send(server.url, call));
    const entries = sandbox.log.entries;
    const sent = new Map<string, number>();
    for (const call of calls) sent.set(family(call), (sent.get(family(call)) ?? 0) + 1);
    const matches = calls.length === entries.length && statuses.every((status, i) => entries[i]?.status === status);
    console.log(`  scripted workload against the 100,000-company portal: ${calls.length} requests sent, ${entries.length} log entries`
      + ` (${matches ? 'one entry per call, same status' : 'MISMATCH'})`);
    console.log(`    ${'method and path'.padEnd(58)} ${'sent'.padStart(4)} ${'logged'.padStart(6)}  ${'statuses'.padEnd(9)} ${'median ms'.padStart(9)}`);
    for (const [name, count] of sent) {
      const logged = entries.filter((entry) => family(entry) === name);
      const ms = median(logged.map((entry) => entry.endedAt - entry.startedAt));
      const codes = [...new Set(logged.map((entry) => entry.status))].sort().join('/');
      console.log(`    ${name.padEnd(58)} ${String(count).padStart(4)} ${String(logged.length).padStart(6)}  ${codes.padEnd(9)} ${ms.toFixed(0).padStart(9)}`);
    }
    console.log(`  log.count({ method: 'POST' }) = ${sandbox.log.count({ method: 'POST' })}, log.count({ pathIncludes: '/search' }) = ${sandbox.log.count({ pathIncludes: '/search' })}`);
  } finally {
    await server.close();
  }
}

export async function run(): Promise<void> {
  const { sandbox, seconds, heapBytes } = generate(MAX_DEMO_COMPANIES);
  const { records } = sandbox.portfolio;
  const verdict = seconds < generationBarSeconds ? 'ok' : 'OVER BAR';
  console.log(`  generate ${MAX_DEMO_COMPANIES.toLocaleString('en-US')} companies: ${records.toLocaleString('en-US')} CRM records in ${seconds.toFixed(1)} s`
    + ` (${Math.round(records / seconds).toLocaleString('en-US')} records/s; bar < ${generationBarSeconds} s: ${verdict})`);
  console.log(`  memory: heap +${mib(heapBytes)} (${Math.round(heapBytes / records)} bytes per record), rss ${mib(process.memoryUsage().rss)}`);
  await countCalls(sandbox);
}
