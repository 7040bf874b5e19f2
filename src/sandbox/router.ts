// Matches a request to the handler of one CRM API path, e.g. '/crm/v3/objects/:objectType/:objectId'.
import type { ZodType } from 'zod';
import { HubSpotError, invalid, invalidInput } from './hubspot-errors.ts';
import { objectTypeOf, type SandboxObjectType } from './object-types.ts';
import type { SandboxControlPanel } from './controls.ts';
import type { MemoryStore } from './store.ts';

export interface ApiCall {
  readonly store: MemoryStore;
  readonly controls: SandboxControlPanel;
  readonly clock: () => number;
  readonly request: Request;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
}

export type RouteHandler = (call: ApiCall) => Response | Promise<Response>;

export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handler: RouteHandler;
}

export function route(method: string, path: string, handler: RouteHandler): Route {
  const names: string[] = [];
  const source = path.replace(/:(\w+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { method, pattern: new RegExp(`^${source}$`), names, handler };
}

export async function dispatch(routes: readonly Route[], call: Omit<ApiCall, 'params'>, method: string, path: string): Promise<Response> {
  let pathKnown = false;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (candidate.method !== method) continue;
    const params = Object.fromEntries(candidate.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? '')]));
    return candidate.handler({ ...call, params });
  }
  if (pathKnown) throw new HubSpotError(405, 'VALIDATION_ERROR', `${method} is not supported on ${path}.`);
  throw new HubSpotError(404, 'OBJECT_NOT_FOUND', `The sandbox portal has no API at ${method} ${path}.`);
}

/** The object type named in the path; HubSpot answers 400 for names it cannot resolve. */
export function objectTypeParam(call: ApiCall, name = 'objectType'): SandboxObjectType {
  const segment = call.params[name] ?? '';
  const type = objectTypeOf(segment);
  if (!type) throw invalid(`Unable to infer object type from: ${segment}`);
  return type;
}

/** The JSON body, checked against its schema. */
export async function bodyOf<T>(call: ApiCall, schema: ZodType<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await call.request.json();
  } catch {
    throw invalid('Invalid input JSON: the request body is not valid JSON.');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

/** A query parameter given repeatedly or comma-separated (HubSpot accepts both). */
export function listParam(url: URL, name: string): string[] | undefined {
  const values = url.searchParams.getAll(name);
  if (values.length === 0) return undefined;
  return values.flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value !== '');
}

export function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw invalid(`${name} must be a positive integer, got "${raw}".`);
  return value;
}
