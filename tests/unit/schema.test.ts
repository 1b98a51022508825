import fs from 'node:fs/promises';
import { expect, it } from 'vitest';
import { printCurrentSchema, SCHEMA_FILE } from '../../server/emitSchema.js';

it('the committed server/schema.graphql matches the resolvers (run `npm run schema` after changing them)', async () => {
  expect(await fs.readFile(SCHEMA_FILE, 'utf8')).toBe(await printCurrentSchema());
});
