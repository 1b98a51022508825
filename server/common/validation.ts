import { Matches } from 'class-validator';

/** Codes are what customer data uses to refer to personas and touchpoints: stable, ASCII, no spaces. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const IsCode = () =>
  Matches(CODE_PATTERN, { message: '$property must be 1-64 letters, digits, "_", "." or "-", starting with a letter or digit (got "$value")' });
