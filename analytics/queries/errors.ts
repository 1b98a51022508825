/** A bad analytics argument: names the field and what is allowed. The server maps it to BAD_USER_INPUT. */
export class AnalyticsInputError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'AnalyticsInputError';
  }
}

/**
 * A statement DuckDB refused or could not finish, classified once at the store so no raw DuckDB error
 * reaches a caller: VALUE (a value out of range or of the wrong form: the caller's input), TIMEOUT (the
 * statement ran past the store's time limit and was interrupted), FAILED (anything else: a bug).
 */
export class AnalyticsStoreError extends Error {
  constructor(
    readonly kind: 'VALUE' | 'TIMEOUT' | 'FAILED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AnalyticsStoreError';
  }

  /** Classifies what DuckDB threw (its messages start with the error class, e.g. "Conversion Error: …"). */
  static from(error: unknown): AnalyticsStoreError {
    if (error instanceof AnalyticsStoreError) return error;
    const message = error instanceof Error ? error.message : String(error);
    if (/^INTERRUPT Error/i.test(message)) return new AnalyticsStoreError('TIMEOUT', message, { cause: error });
    if (/^(Conversion|Invalid Input|Out of Range) Error/.test(message)) return new AnalyticsStoreError('VALUE', message, { cause: error });
    return new AnalyticsStoreError('FAILED', message, { cause: error });
  }
}
