/** Leveled logging; the server writes through the LSP connection, never to the console. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** The subset of the connection's remote console the logger needs. */
export interface ConsoleLike {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** Sends each message as `window/logMessage` with its level. */
export function connectionLogger(console: ConsoleLike): Logger {
  return {
    error: (message) => console.error(message),
    warn: (message) => console.warn(message),
    info: (message) => console.info(message),
    debug: (message) => console.debug(message),
  };
}

/** The message of anything thrown, for a log line. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}
