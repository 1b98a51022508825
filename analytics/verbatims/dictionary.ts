/**
 * The theme dictionary and the feeling-word list: seeding the defaults once, reading, editing, and the
 * stemmed forms the tagging joins on (every keyword stemmed by both languages' stemmers, so a keyword
 * matches the comments of either language it belongs to).
 */
import { randomUUID } from 'node:crypto';
import type { Queryable, Store } from '../store.js';
import { literal } from '../sql.js';
import { DEFAULT_FEELING_WORDS, DEFAULT_THEMES, FEELING_FAMILIES, type FeelingFamily } from './defaults.js';
import { readerLanguage } from '../i18n/index.js';
import { LANGUAGES, stemPhrase, type Language } from './lexicon.js';

export type TextMetaKey = 'default_language' | 'dictionaries_seeded' | 'analysed_data_version' | 'analyser_version';

export async function getMeta(q: Queryable, key: TextMetaKey): Promise<string | null> {
  const [row] = await q.all<{ value: string }>('SELECT value FROM text_meta WHERE key = $key', { key });
  return row?.value ?? null;
}

export async function setMeta(q: Queryable, key: TextMetaKey, value: string): Promise<void> {
  await q.run('INSERT INTO text_meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value', { key, value });
}

export interface ThemeDef {
  id: string;
  name: string;
  description: string;
  position: number;
  keywords: string[];
}

export interface FeelingWordDef {
  word: string;
  language: Language;
  family: FeelingFamily;
}

/** Writes the default dictionaries the first time a store is used (never again, even if emptied). */
export async function ensureDictionaries(store: Store): Promise<void> {
  if ((await getMeta(store, 'dictionaries_seeded')) === 'yes') return;
  await store.transaction(async (tx) => {
    if ((await getMeta(tx, 'dictionaries_seeded')) === 'yes') return;
    let position = 0;
    for (const theme of DEFAULT_THEMES) {
      const id = theme.code;
      await tx.run('INSERT INTO text_themes VALUES ($id, $name, $description, $position)', { id, name: theme.name, description: theme.description, position: position++ });
      for (const keyword of new Set(theme.keywords.map(normalizeKeyword))) {
        await tx.run('INSERT INTO text_theme_keywords VALUES ($id, $keyword)', { id, keyword });
      }
    }
    for (const family of FEELING_FAMILIES) {
      for (const language of LANGUAGES) {
        for (const word of new Set(DEFAULT_FEELING_WORDS[family][language].map(normalizeKeyword))) {
          await tx.run('INSERT INTO text_feeling_words VALUES ($word, $language, $family) ON CONFLICT DO NOTHING', { word, language, family });
        }
      }
    }
    await rebuildStems(tx);
    await setMeta(tx, 'dictionaries_seeded', 'yes');
  });
}

/** Keywords are compared in lower case with single spaces. */
export function normalizeKeyword(keyword: string): string {
  return keyword.trim().toLowerCase().replaceAll('’', "'").replace(/\s+/g, ' ');
}

/** Stem rows for keywords: one per language, dropping keywords that stem to nothing. */
export function keywordStemRows(keyword: string): { language: Language; stems: string; nStems: number }[] {
  return LANGUAGES.flatMap((language) => {
    const stems = stemPhrase(language, keyword);
    return stems.length ? [{ language, stems: stems.join(' '), nStems: stems.length }] : [];
  });
}

/** Recomputes text_keyword_stems and text_feeling_stems from the dictionaries (small: hundreds of rows). */
export async function rebuildStems(tx: Queryable): Promise<void> {
  const keywords = await tx.all<{ theme_id: string; keyword: string }>('SELECT theme_id, keyword FROM text_theme_keywords');
  await tx.run('DELETE FROM text_keyword_stems');
  await insertRows(tx, 'text_keyword_stems', keywords.flatMap((k) => keywordStemRows(k.keyword).map((s) => [k.theme_id, k.keyword, s.language, s.stems, s.nStems])));
  const words = await tx.all<{ word: string; language: string; family: string }>('SELECT word, language, family FROM text_feeling_words');
  await tx.run('DELETE FROM text_feeling_stems');
  await insertRows(
    tx,
    'text_feeling_stems',
    // Words of one family with the same stems (frustrated, frustrating) count once, as the first of them.
    [...new Map(
      words
        .slice()
        .sort((a, b) => a.word.localeCompare(b.word))
        .flatMap((w) => {
          const language = LANGUAGES.find((l) => l === w.language);
          if (!language) return [];
          const stems = stemPhrase(language, w.word);
          return stems.length ? [[`${language}|${w.family}|${stems.join(' ')}`, [w.word, language, w.family, stems.join(' '), stems.length]] as const] : [];
        })
        .reverse(),
    ).values()],
  );
}

/** Inserts small row sets in statements of 500 rows (literals through the one quoting helper). */
async function insertRows(tx: Queryable, table: string, rows: readonly (readonly (string | number)[])[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const values = chunk.map((row) => `(${row.map(literal).join(', ')})`).join(', ');
    await tx.run(`INSERT INTO ${table} VALUES ${values}`);
  }
}

export async function listThemes(q: Queryable): Promise<ThemeDef[]> {
  const rows = await q.all<{ theme_id: string; name: string; description: string; position: number; keywords: string[] | null }>(
    `SELECT t.theme_id, t.name, t.description, t.position, list(k.keyword ORDER BY k.keyword) FILTER (WHERE k.keyword IS NOT NULL) AS keywords
     FROM text_themes t LEFT JOIN text_theme_keywords k USING (theme_id) GROUP BY ALL ORDER BY t.position, t.name`,
  );
  return rows.map((r) => {
    const { name, description } = inReadersLanguage(r.theme_id, r.name, r.description);
    return { id: r.theme_id, name, description, position: Number(r.position), keywords: r.keywords ?? [] };
  });
}

/**
 * A default theme's name and description as the product wrote them are product text, shown in the
 * reader's language (analytics/i18n); once the company changes one, it is the company's own words,
 * shown as written in every language.
 */
function inReadersLanguage(id: string, name: string, description: string): { name: string; description: string } {
  const seed = DEFAULT_THEMES.find((theme) => theme.code === id);
  if (!seed || readerLanguage() !== 'da') return { name, description };
  return { name: name === seed.name ? seed.da.name : name, description: description === seed.description ? seed.da.description : description };
}

export async function listFeelingWords(q: Queryable): Promise<FeelingWordDef[]> {
  const rows = await q.all<{ word: string; language: string; family: string }>('SELECT word, language, family FROM text_feeling_words ORDER BY family, language, word');
  return rows.flatMap((r) => {
    const language = LANGUAGES.find((l) => l === r.language);
    const family = FEELING_FAMILIES.find((f) => f === r.family);
    return language && family ? [{ word: r.word, language, family }] : [];
  });
}

export function newThemeId(): string {
  return randomUUID();
}
