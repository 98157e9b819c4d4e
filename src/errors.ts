/** The error family: each class carries the exit code the contract gives it; only cli/main.ts exits. */
export class GcxError extends Error {
  readonly exitCode: number = 1;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flags, environment or input file: exit 2. The message names the input, the value and what is accepted. */
export class UsageError extends GcxError {
  override readonly exitCode = 2;
}

/** `--check`: the report was written and at least one row missed its target: exit 5. */
export class TargetMissedError extends GcxError {
  override readonly exitCode = 5;
}

/** Bad credentials, 401 after one refresh, or 403: exit 3. */
export class AuthError extends GcxError {
  override readonly exitCode = 3;
  constructor(
    message: string,
    /** 403: authenticated, but a permission is missing (a caller may have a way around it). */
    readonly forbidden = false,
  ) {
    super(message);
  }
}

export interface ApiErrorDetails {
  status?: number;
  method?: string;
  path?: string;
  /** Genesys error `code`, e.g. `too.many.requests.retry.after`. */
  code?: string;
  /** Genesys `contextId` or the `inin-correlation-id` header. */
  contextId?: string;
}

/** The API or network failed after retries, or a body did not match the API's schema: exit 4. */
export class ApiError extends GcxError {
  override readonly exitCode = 4;
  constructor(
    message: string,
    readonly details: ApiErrorDetails = {},
  ) {
    super(message);
  }
}

/** SIGINT: exit 130. */
export class InterruptedError extends GcxError {
  override readonly exitCode = 130;
  constructor() {
    super('interrupted');
  }
}
