/**
 * Edits of the theme dictionary and the feeling-word list, each followed by re-tagging every comment in
 * the same transaction; and the preview of a keyword change, which tags nothing.
 */
import { listValue } from '@duckdb/node-api';
import type { Queryable, Store } from '../store.js';
import { AnalyticsInputError } from '../queries/errors.js';
import { literal } from '../sql.js';
import { isFeelingFamily } from './defaults.js';
import { ensureDictionaries, keywordStemRows, listThemes, newThemeId, normalizeKeyword, rebuildStems, type FeelingWordDef, type ThemeDef } from './dictionary.js';
import { isLanguage } from './lexicon.js';
import { matchSql, rebuildVocabMatches, retagFeelings, retagTheme } from './pipeline.js';

export interface ThemeInput {
  name: string;
  description: string;
  keywords: readonly string[];
}

const MAX_KEYWORDS = 200;

/** Validated keywords: trimmed, lower case, unique; names the offending one. */
export function cleanKeywords(keywords: readonly string[], field = 'keywords'): string[] {
  if (keywords.length > MAX_KEYWORDS) throw new AnalyticsInputError(field, `at most ${MAX_KEYWORDS} keywords per theme, got ${keywords.length}`);
  const clean = [...new Set(keywords.map(normalizeKeyword))];
  clean.forEach((k) => {
    if (k.length === 0) throw new AnalyticsInputError(field, 'a keyword is empty; remove it or type a word');
    if (k.length > 60) throw new AnalyticsInputError(field, `"${k.slice(0, 20)}…" is longer than 60 characters`);
    if (keywordStemRows(k).length === 0) throw new AnalyticsInputError(field, `"${k}" has no letters or digits to match`);
  });
  return clean;
}

function cleanTheme(input: ThemeInput): ThemeInput {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 80) throw new AnalyticsInputError('name', 'must be 1-80 characters');
  const description = input.description.trim();
  if (description.length > 500) throw new AnalyticsInputError('description', 'must be at most 500 characters');
  return { name, description, keywords: cleanKeywords(input.keywords) };
}

async function checkUniqueName(tx: Queryable, name: string, exceptId: string | null): Promise<void> {
  const [row] = await tx.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM text_themes WHERE lower(name) = lower($name) AND theme_id IS DISTINCT FROM $id', { name, id: exceptId });
  if (row?.n) throw new AnalyticsInputError('name', `a theme called "${name}" exists already; choose another name or edit that theme`);
}

async function writeKeywords(tx: Queryable, id: string, keywords: readonly string[]): Promise<void> {
  await tx.run('DELETE FROM text_theme_keywords WHERE theme_id = $id', { id });
  if (keywords.length) await tx.run(`INSERT INTO text_theme_keywords SELECT $id, unnest($keywords)`, { id, keywords: listValue([...keywords]) });
}

export async function createTheme(store: Store, input: ThemeInput): Promise<ThemeDef> {
  await ensureDictionaries(store);
  const theme = cleanTheme(input);
  const id = newThemeId();
  await store.transaction(async (tx) => {
    await checkUniqueName(tx, theme.name, null);
    await tx.run('INSERT INTO text_themes SELECT $id, $name, $description, coalesce(max(position) + 1, 0) FROM text_themes', { id, name: theme.name, description: theme.description });
    await writeKeywords(tx, id, theme.keywords);
    await retagTheme(tx, id);
  });
  return requireTheme(store, id);
}

export async function updateTheme(store: Store, id: string, input: ThemeInput): Promise<ThemeDef> {
  await ensureDictionaries(store);
  const theme = cleanTheme(input);
  await requireTheme(store, id);
  await store.transaction(async (tx) => {
    await checkUniqueName(tx, theme.name, id);
    await tx.run('UPDATE text_themes SET name = $name, description = $description WHERE theme_id = $id', { id, name: theme.name, description: theme.description });
    await writeKeywords(tx, id, theme.keywords);
    await retagTheme(tx, id);
  });
  return requireTheme(store, id);
}

export async function deleteTheme(store: Store, id: string): Promise<void> {
  await requireTheme(store, id);
  await store.transaction(async (tx) => {
    await tx.run('DELETE FROM text_theme_keywords WHERE theme_id = $id', { id });
    await tx.run('DELETE FROM text_themes WHERE theme_id = $id', { id });
    await tx.run('DELETE FROM text_comment_themes WHERE theme_id = $id', { id });
    await rebuildStems(tx);
    await rebuildVocabMatches(tx);
  });
}

export async function requireTheme(q: Queryable, id: string): Promise<ThemeDef> {
  const theme = (await listThemes(q)).find((t) => t.id === id);
  if (!theme) throw new AnalyticsInputError('id', `no theme with id "${id}"; list them with the themes query`);
  return theme;
}

export function cleanFeelingWord(input: { word: string; language: string; family: string }): FeelingWordDef {
  const word = normalizeKeyword(input.word);
  if (word.length < 1 || word.length > 40) throw new AnalyticsInputError('word', 'must be 1-40 characters');
  if (!isLanguage(input.language)) throw new AnalyticsInputError('language', `must be da or en, got "${input.language}"`);
  if (!isFeelingFamily(input.family)) throw new AnalyticsInputError('family', `unknown family "${input.family}"`);
  if (keywordStemRows(word).length === 0) throw new AnalyticsInputError('word', `"${word}" has no letters or digits to match`);
  return { word, language: input.language, family: input.family };
}

/** Adds a feeling word (or moves it to another family) and re-tags. */
export async function setFeelingWord(store: Store, input: { word: string; language: string; family: string }): Promise<FeelingWordDef> {
  await ensureDictionaries(store);
  const word = cleanFeelingWord(input);
  await store.transaction(async (tx) => {
    await tx.run(
      'INSERT INTO text_feeling_words VALUES ($word, $language, $family) ON CONFLICT (word, language) DO UPDATE SET family = excluded.family',
      { word: word.word, language: word.language, family: word.family },
    );
    await retagFeelings(tx);
  });
  return word;
}

/** Removes a feeling word and re-tags; false when the list did not have it. */
export async function removeFeelingWord(store: Store, input: { word: string; language: string }): Promise<boolean> {
  await ensureDictionaries(store);
  const word = normalizeKeyword(input.word);
  if (!isLanguage(input.language)) throw new AnalyticsInputError('language', `must be da or en, got "${input.language}"`);
  return store.transaction(async (tx) => {
    const [row] = await tx.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM text_feeling_words WHERE word = $word AND language = $language', { word, language: input.language });
    if (!row?.n) return false;
    await tx.run('DELETE FROM text_feeling_words WHERE word = $word AND language = $language', { word, language: input.language });
    await retagFeelings(tx);
    return true;
  });
}

export interface ThemePreview {
  /** Comments the theme matches now (all comments, not a cut). */
  current: number;
  /** Comments the proposed keywords would match. */
  proposed: number;
  /** Matched by the proposal but not now, and the other way round. */
  added: number;
  removed: number;
  /** Up to `examples` response ids of added comments, newest first. */
  addedIds: string[];
  removedIds: string[];
}

/**
 * What a theme with `keywords` would match, against what theme `themeId` (if any) matches now; nothing
 * is written outside this transaction's temp tables.
 */
export async function previewTheme(store: Store, themeId: string | null, keywords: readonly string[], examples = 5): Promise<ThemePreview> {
  await ensureDictionaries(store);
  if (themeId) await requireTheme(store, themeId);
  const clean = cleanKeywords(keywords);
  return store.transaction(async (tx) => {
    await tx.run('CREATE OR REPLACE TEMP TABLE vx_preview_kw AS SELECT * FROM text_keyword_stems WHERE FALSE');
    await tx.run('CREATE OR REPLACE TEMP TABLE vx_preview_matches AS SELECT * FROM text_vocab_matches WHERE FALSE');
    const rows = clean.flatMap((k) => keywordStemRows(k).map((s) => `('PREVIEW', ${literal(k)}, ${literal(s.language)}, ${literal(s.stems)}, ${s.nStems})`));
    if (rows.length) await tx.run(`INSERT INTO vx_preview_kw VALUES ${rows.join(', ')}`);
    await rebuildVocabMatches(tx, 'vx_preview_kw', 'vx_preview_matches');
    await tx.run(`CREATE OR REPLACE TEMP TABLE vx_preview AS SELECT DISTINCT response_id FROM (${matchSql('THEME', null, 'vx_preview_matches')})`);
    await tx.run('CREATE OR REPLACE TEMP TABLE vx_now AS SELECT response_id FROM text_comment_themes WHERE theme_id = $id', { id: themeId ?? '' });
    const [counts] = await tx.all<{ current: number; proposed: number; added: number; removed: number }>(
      `SELECT (SELECT count(*) FROM vx_now)::INTEGER AS current, (SELECT count(*) FROM vx_preview)::INTEGER AS proposed,
        (SELECT count(*) FROM vx_preview ANTI JOIN vx_now USING (response_id))::INTEGER AS added,
        (SELECT count(*) FROM vx_now ANTI JOIN vx_preview USING (response_id))::INTEGER AS removed`,
    );
    const ids = async (sql: string) =>
      (await tx.all<{ response_id: string }>(`${sql} ORDER BY r.responded_at DESC, r.response_id DESC LIMIT ${Number(examples)}`)).map((r) => r.response_id);
    const addedIds = await ids('SELECT p.response_id FROM (SELECT * FROM vx_preview ANTI JOIN vx_now USING (response_id)) p JOIN responses r USING (response_id)');
    const removedIds = await ids('SELECT p.response_id FROM (SELECT * FROM vx_now ANTI JOIN vx_preview USING (response_id)) p JOIN responses r USING (response_id)');
    await tx.run('DROP TABLE vx_preview_kw; DROP TABLE vx_preview_matches; DROP TABLE vx_preview; DROP TABLE vx_now');
    return { current: counts?.current ?? 0, proposed: counts?.proposed ?? 0, added: counts?.added ?? 0, removed: counts?.removed ?? 0, addedIds, removedIds };
  });
}
