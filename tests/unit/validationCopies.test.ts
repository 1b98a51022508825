/**
 * No validation in two copies (issue 19): the analytics filter and options are declared once, in zod
 * (analytics/model/filter.ts), and the GraphQL inputs that carry them are checked with that schema
 * (server/common/analyticsInput.ts), not with class-validator decorators of their own; the e-mail rule is
 * the server's (IsUserEmail), not a client pattern.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../analytics/paths.js';
import { sourceFiles } from '../support/sourceFiles.js';

/** The analytics filter's fields and the options the schema declares. */
const SCHEMA_FIELDS = ['personaCodes', 'unitCodes', 'touchpointCodes', 'journeyId', 'phaseId', 'from', 'to', 'asOf', 'horizonYears', 'discountRate', 'confidenceLevel'];
const RANGE_DECORATOR = /@(Min|Max|Matches|ArrayMaxSize|IsInt|IsNumber|IsUUID|IsDateString|IsLocalDate|Length|MaxLength|ValidateBy)\(/;
/** Copies of the one filter or option rule typed out as class-validator decorators on a GraphQL field. */
export function decoratorCopies(file: string, text: string): string[] {
  const found: string[] = [];
  // A property declaration is the text since the previous `;` or `{` (its decorators) up to its own `;`.
  for (const chunk of text.split(/[;{]\s*\n/)) {
    const property = new RegExp(`(?:^|\\s)(${SCHEMA_FIELDS.join('|')})[?!]?:\\s*[^;]*$`).exec(chunk.trim());
    if (!property || !/@Field\(/.test(chunk) || !/@InputType|@ArgsType/.test(text)) continue;
    const decorator = RANGE_DECORATOR.exec(chunk);
    if (decorator) found.push(`${file}: ${property[1]} @${decorator[1]}`);
  }
  return found;
}

/** A client pattern for an e-mail address (`\S+@\S+`, `[^@\s]+@…`). */
export function emailPatterns(file: string, text: string): string[] {
  return /\\S\+@|\[\^@\\s\]\+@|\[\^\\s@\]\+@/.test(text) ? [file] : [];
}

const INPUT_FOLDERS = ['server/modules/analytics', 'server/modules/business-cases', 'server/modules/verbatims'];

describe('no validation in two copies', () => {
  it("GraphQL inputs carrying the analytics filter or its options leave the checks to the one schema", () => {
    const found = INPUT_FOLDERS.flatMap((dir) => sourceFiles(dir)).flatMap((file) => decoratorCopies(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('the client has no e-mail pattern of its own (the server rule IsUserEmail decides)', () => {
    const found = sourceFiles('client/src', /\.(ts|vue)$/).flatMap((file) => emailPatterns(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('sees a planted copy of each kind', () => {
    const input = `@InputType('X')\nexport class X {\n  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(30) horizonYears?: number;\n  @Field({ nullable: true })\n  @IsOptional()\n  @IsLocalDate()\n  from?: string;\n  @Field() name!: string;\n}\n`;
    expect(decoratorCopies('x.ts', input)).toEqual(['x.ts: horizonYears @IsInt', 'x.ts: from @IsLocalDate']);
    expect(decoratorCopies('y.ts', `@ObjectType('Y')\nexport class Y {\n  @Field(() => Int) @Min(1) horizonYears!: number;\n}\n`)).toEqual([]);
    expect(emailPatterns('e.vue', String.raw`if (!/^\S+@\S+\.\S+$/.test(email)) missing.email = '…';`)).toEqual(['e.vue']);
    expect(emailPatterns('f.vue', `if (!email.trim()) missing.email = '…';`)).toEqual([]);
  });
});
