// How the CLI fails: bad usage exits 2, anything else 1, always with one line on stderr.
export class UsageError extends Error {}

export class CliFailure extends Error {}

export function exitWith(error: unknown): never {
  if (error instanceof UsageError) {
    console.error(`glint: ${error.message} (see --help)`);
    process.exit(2);
  }
  console.error(`glint: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/** Wraps a command action so every failure ends in exitWith(). */
export function action<A extends unknown[]>(run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await run(...args);
    } catch (error) {
      exitWith(error);
    }
  };
}
