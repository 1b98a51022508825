import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserLanguage, messages, mergeMessages, type MessageTree } from '../../client/src/shared/i18n';
import { untranslatedStrings, vueFiles } from './support/untranslated';
import { untranslatedCode } from './support/untranslatedCode';
import { formatCount, formatDate, formatMoney, formatShare, formatSigned, setFormatLanguage } from '../../client/src/shared/format';

/**
 * Issue 23: every string a user reads in a `.vue` template is a translation key, and every key exists
 * in English and Danish. Templates are read with Vue's own compiler: a text node with words, or a
 * static attribute a user reads (title, aria-label, placeholder, a component's label/message props), is
 * untranslated. `{{ t('key') }}` and `:title="t('key')"` are not text nodes / static attributes.
 */
const CLIENT = path.resolve(__dirname, '../../client/src');

/** Files not converted yet; the list only shrinks (a listed file with nothing left to translate fails). */
const NOT_YET_TRANSLATED = new Set<string>(JSON.parse(fs.readFileSync(path.join(__dirname, 'i18n.pending.json'), 'utf8')) as string[]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(vue|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function flatten(tree: MessageTree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(full, value);
    else for (const [k, v] of flatten(value, full)) flat.set(k, v);
  }
  return flat;
}

const relative = (file: string) => path.relative(CLIENT, file).split(path.sep).join('/');

describe('every string in a template is a translation key (issue 23)', () => {
  const files = vueFiles(CLIENT);

  it('finds untranslated text and attributes, and passes keys (the check itself)', () => {
    const sample = `<template><div title="Open the map"><h1>Journeys</h1><p>{{ t('x.y') }}</p><Status :message="t('a.b')" label="Save" /><span>NPS</span><i>—</i></div></template>`;
    expect(untranslatedStrings('sample.vue', sample).map((u) => u.text)).toEqual(['title="Open the map"', 'Journeys', 'label="Save"']);
    // Template literals with interpolations are sentences too; class lists are not.
    const literals = '<template><p :class="`pill pill--${kind}`">{{ rows.length ? `${rows.length} ${noun}` : `No ${noun} yet.` }}</p></template>';
    expect(untranslatedStrings('sample.vue', literals).map((u) => u.text)).toEqual(["'No … yet.'"]);
  });

  it('has no untranslated string outside the files still listed in i18n.pending.json', () => {
    const offenders = files.filter((f) => !NOT_YET_TRANSLATED.has(relative(f))).flatMap((f) => untranslatedStrings(relative(f), fs.readFileSync(f, 'utf8')));
    expect(offenders.map((o) => `${o.file}:${o.line} ${o.text}`)).toEqual([]);
  });

  it('lists only files that exist and still have untranslated strings (the list only shrinks)', () => {
    const stale = [...NOT_YET_TRANSLATED].filter((file) => {
      const full = path.join(CLIENT, file);
      return !fs.existsSync(full) || untranslatedStrings(file, fs.readFileSync(full, 'utf8')).length === 0;
    });
    expect(stale).toEqual([]);
  });
});

/**
 * English built in client code, not templates: CSV headers, chart words, error sentences, tab titles. Each
 * entry here is English on purpose, with why (file, the literal, the reason).
 */
const ENGLISH_ON_PURPOSE: Record<string, string> = {
  'features/business-case/model/report.ts': "the board pack's English words, shared with the server (server/modules/reports/words.ts); the page uses labels.ts",
  'features/status/model/trend.ts:projection interval': 'the name of a silent chart band (no tooltip, no legend), never shown',
};
const onPurpose = (file: string, text: string) => file in ENGLISH_ON_PURPOSE || `${file}:${text}` in ENGLISH_ON_PURPOSE;

function clientCodeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return clientCodeFiles(full);
    return /\.(ts|vue)$/.test(entry.name) && !/messages\.ts$|\.d\.ts$/.test(entry.name) && !full.includes(`${path.sep}graphql${path.sep}`) ? [full] : [];
  });
}

describe('no English sentence or label built in client code (issue 23)', () => {
  it('finds sentences, interpolated sentences and label constants, and passes keys, codes and developer errors (the check itself)', () => {
    const sample = [
      "export const CSV_HEADER = ['Rank', 'Touchpoint', 'n'];",
      "const problem = `Could not ${what}: ${why}`;",
      "const name = 'Said in comments';",
      "const key = t('forms.checkMarked'), code = 'ON_TRACK', cls = 'data-table__row is-selected';",
      "if (!x) throw new Error(`Message key ${k} is defined twice`);",
      "console.warn('Something odd happened here');",
    ].join('\n');
    expect(untranslatedCode('sample.ts', sample).map((u) => u.text)).toEqual(['Rank', 'Touchpoint', 'Could not …: …', 'Said in comments']);
    const vue = `<script setup lang="ts">\nconst label = 'Deleted touchpoint';\n</script>\n<template><p>{{ t('a.b') }}</p></template>`;
    expect(untranslatedCode('Sample.vue', vue)).toEqual([{ file: 'Sample.vue', line: 2, text: 'Deleted touchpoint' }]);
  });

  it("has none in client/src's .ts files and .vue scripts, outside the few English on purpose", () => {
    const offenders = clientCodeFiles(CLIENT)
      .flatMap((f) => untranslatedCode(relative(f), fs.readFileSync(f, 'utf8')))
      .filter((u) => !onPurpose(u.file, u.text));
    expect(offenders.map((o) => `${o.file}:${o.line} ${o.text}`)).toEqual([]);
  });

  it('keeps the English-on-purpose list to files and literals that still exist', () => {
    const found = new Set(clientCodeFiles(CLIENT).flatMap((f) => untranslatedCode(relative(f), fs.readFileSync(f, 'utf8')).flatMap((u) => [u.file, `${u.file}:${u.text}`])));
    expect(Object.keys(ENGLISH_ON_PURPOSE).filter((entry) => !found.has(entry))).toEqual([]);
  });
});

describe('the message files', () => {
  const en = flatten(messages.en);
  const da = flatten(messages.da);

  it('have every key in both English and Danish, none empty', () => {
    expect([...en.keys()].filter((k) => !da.has(k))).toEqual([]);
    expect([...da.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en, ...da].filter(([, v]) => !v.trim()).map(([k]) => k)).toEqual([]);
  });

  it('define every key the code uses (t(\'…\') or a …Key: \'…\' property with a literal key)', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(CLIENT)) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/(?:\bt\(\s*|Key:\s*)'([a-zA-Z0-9_.-]+)'/g)) used.add(match[1]!);
    }
    expect([...used].filter((key) => !en.has(key)).sort()).toEqual([]);
  });

  it('refuses two folders defining the same top-level key', () => {
    expect(() => mergeMessages({ 'a/messages.ts': { en: { x: 'A' }, da: { x: 'A' } }, 'b/messages.ts': { en: { x: 'B' }, da: { x: 'B' } } })).toThrow(/"x" is defined in both a\/messages.ts and b\/messages.ts/);
  });
});

describe('the language a user starts in', () => {
  it('is Danish for any Danish browser, English for English, and English for languages we do not have', () => {
    expect(browserLanguage(['da-DK', 'en-US'])).toBe('da');
    expect(browserLanguage(['en-GB', 'da'])).toBe('en');
    expect(browserLanguage(['de-DE', 'da'])).toBe('da');
    expect(browserLanguage(['fr-FR'])).toBe('en');
    expect(browserLanguage([])).toBe('en');
  });
});

describe('numbers, dates and money follow the language', () => {
  it('writes the issue\'s Danish examples, and English as before', () => {
    try {
      setFormatLanguage('da');
      expect(formatMoney(10_900_000)).toBe('10,9\u00a0mio.\u00a0kr.');
      expect(formatCount(1_234_567)).toBe('1.234.567');
      expect(formatDate('2026-12-06')).toBe('6. dec. 2026');
      expect(formatShare(0.1234)).toBe('12,3\u00a0%');
      expect(formatSigned(-8.25, 1)).toBe('\u22128,3');
      setFormatLanguage('en');
      expect(formatMoney(10_900_000)).toBe('DKK 10.9m');
      expect(formatCount(1_234_567)).toBe('1,234,567');
      expect(formatDate('2026-12-06')).toBe('6 Dec 2026');
      expect(formatShare(0.1234)).toBe('12.3%');
    } finally {
      setFormatLanguage('en');
    }
  });
});
