// Exit codes of DESIGN.md: 0 ok, 1 failure, 2 bad usage or config.
export class UsageError extends Error {
  readonly exitCode = 2;
}

export class CommandFailure extends Error {
  readonly exitCode = 1;
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof CommandFailure) return error.exitCode;
  // Errors of other layers that know their exit code (bad configuration: 2), e.g. the state store's.
  if (error instanceof Error && 'exitCode' in error && error.exitCode === 2) return 2;
  return 1;
}

/** One sentence for stderr; a stack only when CS_CARD_DEBUG is set. */
export function describeError(error: unknown, debug: boolean): string {
  if (debug && error instanceof Error && error.stack) return error.stack;
  if (error instanceof Error) return error.message;
  return String(error);
}
