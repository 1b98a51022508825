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
