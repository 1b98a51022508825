/**
 * Issue 23: every sentence the server writes for people has English and Danish in one catalogue
 * (analytics/i18n/messages.ts). Fails for a key without either language, a Danish sentence that drops or
 * invents a placeholder, and a key the source asks for that the catalogue lacks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { languageFromHeader, say, sayIn, withLanguage } from '../../analytics/i18n/index.js';
import { catalogue, type MessageKey } from '../../analytics/i18n/messages.js';
import { formatMoney } from '../../client/src/shared/format.js';
import { churnConclusion } from '../../server/modules/follow-ups/loop-metrics.service.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.parentPath.includes('node_modules'))
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'));
}
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the server sentence catalogue', () => {
  const keys = Object.keys(catalogue.en);

  it('has every key in English and Danish, non-empty, with the same placeholders', () => {
    expect(keys.length).toBeGreaterThan(50);
    expect(Object.keys(catalogue.da).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const en = catalogue.en[key as MessageKey];
      const da = catalogue.da[key as MessageKey];
      expect(en.trim(), key).not.toBe('');
      expect(da.trim(), key).not.toBe('');
      expect(placeholders(da), key).toEqual(placeholders(en));
    }
  });

  it('has every key the server and analytics source asks for', () => {
    const text = [...sources('server'), ...sources('analytics')].join('\n');
    // say('key' / sayIn(lang, 'key'; keys built with a template (`case.group.${g}`) are checked by their prefix.
    const literal = [...text.matchAll(/\bsay(?:In\([^,]+,)?\(?\s*'([\w.]+)'/g)].map((m) => m[1] ?? '');
    const prefixes = [...text.matchAll(/\bsay(?:In\([^,]+,)?\(?\s*`([\w.]+)\.\$\{/g)].map((m) => m[1] ?? '');
    expect(literal.length).toBeGreaterThan(30);
    for (const key of literal) expect(keys, key).toContain(key);
    for (const prefix of prefixes) expect(keys.some((k) => k.startsWith(`${prefix}.`)), prefix).toBe(true);
  });

  it('writes in the language of the work in progress, numbers included', async () => {
    expect(say('case.title.scenario')).toBe('Scenario');
    expect(await withLanguage('da', async () => say('case.title.scenario'))).toBe('Scenarie');
    expect(sayIn('da', 'case.line.discount', { rate: '0,08', source: 'x', years: 3 })).toBe('diskonteringsrente 0,08 (x), periode 3 år');
    // Money in a sentence follows the reader too, also after an await, and concurrent readers do not mix.
    const [en, da] = await Promise.all([
      withLanguage('en', async () => { await new Promise((r) => setTimeout(r, 5)); return formatMoney(10_968_979, { currency: 'DKK' }); }),
      withLanguage('da', async () => { await new Promise((r) => setTimeout(r, 1)); return formatMoney(10_968_979, { currency: 'DKK' }); }),
    ]);
    expect(en).toBe('DKK 11.0m');
    expect(da).toMatch(/^11,0\smio\.\skr\.$/);
  });

  it("words the follow-up loop's churn conclusion in the reader's language", async () => {
    const recovered = { n: 120, count: 12, share: 0.1 };
    const notContacted = { n: 300, count: 75, share: 0.25 };
    const test = { pValue: 0.0004, significant: true, difference: -0.15 };
    const args = [{ ...recovered, ciLow: 0, ciHigh: 0 }, { ...notContacted, ciLow: 0, ciHigh: 0 }, test] as unknown as Parameters<typeof churnConclusion>;
    expect(churnConclusion(...args)).toBe(
      '10.0% of customers won back churned, against 25.0% of those not contacted: recovered customers churn significantly less (p < 0.001; observational, not a controlled comparison).',
    );
    expect(await withLanguage('da', async () => churnConclusion(...args))).toBe(
      '10,0 % af de kunder, der blev vundet tilbage, forlod virksomheden, mod 25,0 % af dem, der ikke blev kontaktet: kunder, der blev vundet tilbage, forlader signifikant sjældnere virksomheden (p < 0,001; observationelt, ikke en kontrolleret sammenligning).',
    );
  });

  it('reads the reader language from Accept-Language', () => {
    expect(languageFromHeader('da-DK,da;q=0.9,en;q=0.8')).toBe('da');
    expect(languageFromHeader('en-GB,da;q=0.5')).toBe('en');
    expect(languageFromHeader('de,da;q=0.4,en;q=0.3')).toBe('da');
    expect(languageFromHeader('*')).toBeNull();
    expect(languageFromHeader(undefined)).toBeNull();
  });
});
