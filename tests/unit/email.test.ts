import { validate } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { IsUserEmail, normalEmail } from '../../server/common/validation.js';

class WithEmail {
  @IsUserEmail()
  email!: string;
}

const problems = async (email: string) => {
  const input = Object.assign(new WithEmail(), { email });
  return (await validate(input)).flatMap((e) => Object.keys(e.constraints ?? {}));
};

describe('one e-mail rule for sign-in, new users, single sign-on and the user CLI', () => {
  it('stores and looks up one spelling: no surrounding spaces, lower case', () => {
    expect(normalEmail('  Anna.Berg@Nordlys.Example ')).toBe('anna.berg@nordlys.example');
    expect(normalEmail('anna@nordlys.example')).toBe('anna@nordlys.example');
  });

  it('takes an address of up to 200 characters and refuses others, naming the check that failed', async () => {
    expect(await problems('anna@nordlys.example')).toEqual([]);
    expect(await problems('anna@')).toEqual(['isEmail']);
    const long = `${'a'.repeat(190)}@nordlys.example`; // 206 characters
    expect(await problems(long)).toContain('maxLength');
  });
});
