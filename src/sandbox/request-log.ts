// Every request the sandbox answered, so tests and benchmarks can count API calls.
import type { RequestLog, RequestLogEntry } from './index.ts';

export class RequestJournal implements RequestLog {
  private list: RequestLogEntry[] = [];

  get entries(): ReadonlyArray<RequestLogEntry> {
    return this.list;
  }

  record(entry: RequestLogEntry): void {
    this.list.push(entry);
  }

  clear(): void {
    this.list = [];
  }

  count(filter: { method?: string; pathIncludes?: string } = {}): number {
    const method = filter.method?.toUpperCase();
    const { pathIncludes } = filter;
    let total = 0;
    for (const entry of this.list) {
      if (method !== undefined && entry.method !== method) continue;
      if (pathIncludes !== undefined && !entry.path.includes(pathIncludes)) continue;
      total += 1;
    }
    return total;
  }
}
