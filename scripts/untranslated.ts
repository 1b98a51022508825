/**
 * Lists the untranslated strings of the client's templates, per file (issue 23): what is left to convert
 * to translation keys. Usage: node --import @swc-node/register/esm-register scripts/untranslated.ts [folder]
 */
import fs from 'node:fs';
import path from 'node:path';
import { untranslatedStrings, vueFiles } from '../tests/client/support/untranslated.js';

const root = path.resolve(import.meta.dirname, '../client/src');
const only = process.argv[2];
let total = 0;
for (const file of vueFiles(root)) {
  const rel = path.relative(root, file);
  if (only && !rel.startsWith(only)) continue;
  const found = untranslatedStrings(rel, fs.readFileSync(file, 'utf8'));
  total += found.length;
  for (const f of found) console.log(`${rel}:${f.line}\t${f.text.replace(/\s+/g, ' ')}`);
}
console.error(`${total} untranslated strings`);
