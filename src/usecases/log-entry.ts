// One structured log line, shared by the server and the background use cases (live updates,
// scheduled sync) so every line the backend writes has the same shape.

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly [field: string]: string | number | boolean | null;
}
