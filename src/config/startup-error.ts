/**
 * A reason the service cannot start that the person starting it can fix (a port taken, a server out of reach):
 * the run command prints its message alone, without a stack, and exits with code 2.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}
