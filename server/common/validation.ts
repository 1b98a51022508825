import { IsEmail, Matches, MaxLength } from 'class-validator';

/** Codes are what customer data uses to refer to personas and touchpoints: stable, ASCII, no spaces. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const IsCode = () =>
  Matches(CODE_PATTERN, { message: 'must be 1-64 letters, digits, "_", "." or "-", starting with a letter or digit (got "$value")' });

/** The one spelling of an e-mail address that is stored and looked up: no surrounding spaces, lower case. */
export const normalEmail = (email: string): string => email.trim().toLowerCase();

/** The e-mail check of every input that takes one (sign-in, a new user): an address, at most 200 characters. */
export const IsUserEmail = (): PropertyDecorator => (target, key) => {
  // The order the two stacked decorators (@IsEmail() @MaxLength(200)) registered them in: bottom first.
  MaxLength(200)(target, key);
  IsEmail()(target, key);
};
