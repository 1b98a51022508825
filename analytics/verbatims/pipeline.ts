/**
 * Comment analysis in DuckDB: language, tokens, sentiment with negation and intensifiers, themes and
 * feeling words. Comments never pass through JavaScript one by one: DuckDB splits them into tokens,
 * JavaScript looks at each *distinct* new token once (stem, lexicon), and every per-comment rule is SQL.
 * Incremental: only comments not analysed yet (or changed since) are analysed; analyses of answers that
 * are gone are dropped.
 */
import type { Queryable, Store } from '../store.js';
import { literal, valuesTable } from '../sql.js';
import { francLanguage } from './language.js';
import { isLanguage, languageVotes, TOKEN_PATTERN, wordInfo, type Language } from './lexicon.js';
import { ensureDictionaries, getMeta, rebuildStems, setMeta } from './dictionary.js';

/** A negator turns the sign of the next words (up to this many, within the sentence) and dampens them. */
export const NEGATION_WINDOW = 3;
export const NEGATION_FACTOR = -0.75;
/** |score| at or above this is positive or negative, below it neutral. */
export const LABEL_THRESHOLD = 0.5;
/** Below this many letters a comment with no clear function words takes the company's default language. */
export const MIN_LANGUAGE_CHARS = 20;

export interface AnalysisResult {
  analysed: number;
  removed: number;
  /** Comments whose language franc decided (function words did not). */
  francDecided: number;
  newWords: number;
}

export interface AnalysisOptions {
  /** Score the lexicon sum without negation and intensifiers (for the accuracy benchmark's baseline). */
  rawLexicon?: boolean;
}

/** The SQL for a comment's label from its score. */
export const labelSql = (score: string) =>
  `CASE WHEN ${score} >= ${LABEL_THRESHOLD} THEN 'POSITIVE' WHEN ${score} <= -${LABEL_THRESHOLD} THEN 'NEGATIVE' ELSE 'NEUTRAL' END`;

/**
 * Analyses every comment in `responses` that has no current analysis, and drops analyses of answers
 * that are gone or whose comment changed. Runs in one transaction.
 */
export async function analyseComments(store: Store, options: AnalysisOptions = {}): Promise<AnalysisResult> {
  await ensureDictionaries(store);
  return store.transaction(async (tx) => {
    const defaultLanguage = await getDefaultLanguage(tx);
    await tx.run(`CREATE OR REPLACE TEMP TABLE vx_current AS
      SELECT response_id, hash(comment) AS h, comment FROM responses WHERE comment IS NOT NULL AND trim(comment) <> ''`);
    await tx.run(`CREATE OR REPLACE TEMP TABLE vx_stale AS
      SELECT c.response_id FROM text_comments c ANTI JOIN vx_current r ON r.response_id = c.response_id AND r.h = c.comment_hash`);
    const [stale] = await tx.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM vx_stale');
    const removed = stale?.n ?? 0;
    if (removed > 0) {
      for (const table of ['text_tokens', 'text_comment_themes', 'text_comment_feelings', 'text_comments']) {
        await tx.run(`DELETE FROM ${table} WHERE response_id IN (SELECT response_id FROM vx_stale)`);
      }
    }
    await tx.run(`CREATE OR REPLACE TEMP TABLE vx_new AS
      SELECT r.* FROM vx_current r ANTI JOIN text_comments c ON c.response_id = r.response_id`);
    const result = await analyseNew(store, tx, defaultLanguage, options);
    await tx.run('DROP TABLE IF EXISTS vx_current; DROP TABLE IF EXISTS vx_stale; DROP TABLE IF EXISTS vx_new');
    // Read through tx: store.getMeta() would queue behind this transaction and never run.
    const [version] = await tx.all<{ value: string }>("SELECT value FROM store_meta WHERE key = 'data_version'");
    await setMeta(tx, 'analysed_data_version', version?.value ?? '0');
    return { ...result, removed };
  });
}

async function getDefaultLanguage(tx: Queryable): Promise<Language> {
  const value = await getMeta(tx, 'default_language');
  return value && isLanguage(value) ? value : 'da';
}

/** Analyses the comments in temp table vx_new(response_id, h, comment). */
async function analyseNew(store: Store, tx: Queryable, defaultLanguage: Language, options: AnalysisOptions): Promise<Omit<AnalysisResult, 'removed'>> {
  const [count] = await tx.all<{ n: number }>('SELECT count(*)::INTEGER AS n FROM vx_new');
  const analysed = count?.n ?? 0;
  if (analysed === 0) return { analysed: 0, francDecided: 0, newWords: 0 };

  // 1. Tokens, numbered as tokenize() numbers them (1-based, punctuation included).
  await tx.run(`CREATE OR REPLACE TEMP TABLE vx_tok AS
    SELECT response_id, unnest(toks) AS token, generate_subscripts(toks, 1)::INTEGER AS pos
    FROM (SELECT response_id, regexp_extract_all(replace(lower(comment), '’', ''''), ${literal(TOKEN_PATTERN)}) AS toks FROM vx_new)`);

  // 2. Language: Danish and English function words vote (æ, ø, å count as two Danish votes); a tie goes
  // to franc restricted to the two languages, and a short tie to the company's default.
  const votes = languageVotes().map((v) => [v.language, v.token]);
  await tx.run(`CREATE OR REPLACE TEMP TABLE vx_lang AS
    WITH v AS (SELECT * FROM ${valuesTable('v', ['language', 'token'], votes)}),
    c AS (
      SELECT t.response_id, count(*) FILTER (WHERE v.language = 'da') AS da, count(*) FILTER (WHERE v.language = 'en') AS en
      FROM vx_tok t JOIN v ON v.token = t.token GROUP BY t.response_id
    )
    SELECT n.response_id,
      coalesce(c.da, 0) + CASE WHEN regexp_matches(n.comment, '[æøåÆØÅ]') THEN 2 ELSE 0 END AS da, coalesce(c.en, 0) AS en,
      length(n.comment) AS len,
      CASE WHEN coalesce(c.da, 0) + CASE WHEN regexp_matches(n.comment, '[æøåÆØÅ]') THEN 2 ELSE 0 END > coalesce(c.en, 0) THEN 'da'
           WHEN coalesce(c.en, 0) > coalesce(c.da, 0) + CASE WHEN regexp_matches(n.comment, '[æøåÆØÅ]') THEN 2 ELSE 0 END THEN 'en'
           WHEN length(n.comment) < ${MIN_LANGUAGE_CHARS} THEN ${literal(defaultLanguage)} END AS language
    FROM vx_new n LEFT JOIN c ON c.response_id = n.response_id`);
  const undecided = await tx.all<{ response_id: string; comment: string }>(
    `SELECT l.response_id, n.comment FROM vx_lang l JOIN vx_new n USING (response_id) WHERE l.language IS NULL`,
  );
  if (undecided.length > 0) {
    await tx.run('DELETE FROM text_scratch_language');
    const appender = await store.connection.createAppender('text_scratch_language');
    for (const row of undecided) {
      appender.appendVarchar(row.response_id);
      appender.appendVarchar(francLanguage(row.comment, defaultLanguage));
      appender.endRow();
    }
    appender.closeSync();
    await tx.run(`UPDATE vx_lang SET language = s.language FROM text_scratch_language s WHERE s.response_id = vx_lang.response_id`);
    await tx.run('DELETE FROM text_scratch_language');
  }

  // 3. New words: each distinct (language, token) once through the stemmer and the lexicon.
  const fresh = await tx.all<{ language: string; token: string }>(
    `SELECT DISTINCT l.language, t.token FROM vx_tok t JOIN vx_lang l USING (response_id)
     ANTI JOIN text_vocab v ON v.language = l.language AND v.token = t.token`,
  );
  if (fresh.length > 0) {
    const appender = await store.connection.createAppender('text_vocab');
    for (const { language, token } of fresh) {
      if (!isLanguage(language)) continue;
      const info = wordInfo(language, token);
      appender.appendVarchar(language);
      appender.appendVarchar(token);
      appender.appendVarchar(info.stem);
      appender.appendDouble(info.score);
      appender.appendBoolean(info.negator);
      appender.appendDouble(info.intensity);
      appender.appendBoolean(info.stop);
      appender.appendBoolean(info.boundary);
      appender.endRow();
    }
    appender.closeSync();
  }

  // 4. Sentiment per word: a negator within the previous NEGATION_WINDOW words of the same sentence
  // flips and dampens the word; an intensifier right before it multiplies it.
  const value = options.rawLexicon
    ? 'score'
    : `score * boost * CASE WHEN negated THEN ${NEGATION_FACTOR} ELSE 1 END`;
  await tx.run(`CREATE OR REPLACE TEMP TABLE vx_words AS
    WITH t AS (
      SELECT k.response_id, k.pos, l.language, k.token, v.stem, v.score, v.negator, v.intensity, v.stop, v.boundary,
        sum(v.boundary::INTEGER) OVER (PARTITION BY k.response_id ORDER BY k.pos) AS seg
      FROM vx_tok k JOIN vx_lang l USING (response_id) JOIN text_vocab v ON v.language = l.language AND v.token = k.token
    ), w AS (
      SELECT t.*,
        coalesce(max(CASE WHEN negator THEN seg END) OVER (PARTITION BY response_id ORDER BY pos ROWS BETWEEN ${NEGATION_WINDOW} PRECEDING AND 1 PRECEDING) = seg, false) AS negated,
        coalesce(lag(intensity) OVER (PARTITION BY response_id ORDER BY pos), 1) AS boost
      FROM t
    )
    SELECT response_id, pos, language, token, stem, stop, boundary, score, ${value} AS value, negated FROM w`);
  await tx.run(`INSERT INTO text_tokens
    SELECT response_id, pos, language, token, stem, stop, score, value, negated FROM vx_words WHERE NOT boundary`);
  await tx.run(`INSERT INTO text_comments
    SELECT n.response_id, n.h, l.language,
      coalesce(w.score, 0), coalesce(w.raw, 0), ${labelSql('coalesce(w.score, 0)')}, coalesce(w.words, 0), coalesce(w.stems, ' ')
    FROM vx_new n JOIN vx_lang l USING (response_id)
    LEFT JOIN (
      SELECT response_id, sum(value) AS score, sum(score) AS raw, count(*) FILTER (WHERE NOT boundary)::INTEGER AS words,
        ' ' || string_agg(CASE WHEN boundary THEN '|' ELSE stem END, ' ' ORDER BY pos) || ' ' AS stems
      FROM vx_words GROUP BY response_id
    ) w USING (response_id)`);

  // 5. Themes and feelings of the new comments.
  await rebuildVocabThemes(tx);
  await tagThemes(tx, 'vx_new');
  await tagFeelings(tx, 'vx_new');
  await tx.run('DROP TABLE IF EXISTS vx_tok; DROP TABLE IF EXISTS vx_lang; DROP TABLE IF EXISTS vx_words');
  return { analysed, francDecided: undecided.length, newWords: fresh.length };
}

/**
 * Which stems of the vocabulary stand for which theme: equal stems, and for Danish keywords of four
 * letters or more also compounds ending in them (vandskade → skade), since Danish writes compounds as
 * one word. Computed on the vocabulary (thousands of stems), so tagging is one equi-join on the words.
 */
export async function rebuildVocabThemes(tx: Queryable, keywordTable = 'text_keyword_stems', target = 'text_vocab_themes'): Promise<void> {
  await tx.run(`DELETE FROM ${target}`);
  await tx.run(`INSERT INTO ${target}
    SELECT DISTINCT v.language, v.stem, k.theme_id
    FROM (SELECT DISTINCT language, stem FROM text_vocab WHERE NOT boundary AND NOT stop) v
    JOIN ${keywordTable} k ON k.language = v.language AND k.n_stems = 1
      AND (v.stem = k.stems OR (v.language = 'da' AND length(k.stems) >= 4 AND length(v.stem) > length(k.stems) AND suffix(v.stem, k.stems)))`);
}

/**
 * SELECT response_id, theme_id of the comments in `scope` (a table with response_id, or null for all):
 * single-word keywords through the vocabulary map, phrases as consecutive stems within a sentence.
 */
export function themeMatchSql(scope: string | null, keywordTable = 'text_keyword_stems', vocabThemes = 'text_vocab_themes'): string {
  const inScope = (alias: string) => (scope ? `WHERE ${alias}.response_id IN (SELECT response_id FROM ${scope})` : '');
  return `SELECT t.response_id, vt.theme_id FROM text_tokens t JOIN ${vocabThemes} vt ON vt.language = t.language AND vt.stem = t.stem ${inScope('t')}
    UNION
    SELECT c.response_id, k.theme_id FROM text_comments c JOIN ${keywordTable} k
      ON k.language = c.language AND k.n_stems > 1 AND contains(c.stems, ' ' || k.stems || ' ') ${inScope('c')}`;
}

/** Writes the theme tags of the comments in `scope` (null: all comments, replacing every tag). */
export async function tagThemes(tx: Queryable, scope: string | null): Promise<void> {
  if (scope === null) await tx.run('DELETE FROM text_comment_themes');
  await tx.run(`INSERT INTO text_comment_themes ${themeMatchSql(scope)}`);
}

/** Writes the feeling words of the comments in `scope` (null: all); a negated feeling word ("ikke vred") does not count. */
export async function tagFeelings(tx: Queryable, scope: string | null): Promise<void> {
  if (scope === null) await tx.run('DELETE FROM text_comment_feelings');
  const inScope = (alias: string) => (scope ? `AND ${alias}.response_id IN (SELECT response_id FROM ${scope})` : '');
  await tx.run(`INSERT INTO text_comment_feelings
    SELECT DISTINCT t.response_id, f.family, f.word FROM text_tokens t
      JOIN text_feeling_stems f ON f.language = t.language AND f.n_stems = 1 AND f.stems = t.stem
      WHERE NOT t.negated ${inScope('t')}
    UNION
    SELECT c.response_id, f.family, f.word FROM text_comments c
      JOIN text_feeling_stems f ON f.language = c.language AND f.n_stems > 1 AND contains(c.stems, ' ' || f.stems || ' ')
      WHERE TRUE ${inScope('c')}`);
}

/** After a dictionary edit: new stems, then every comment's themes and feelings again (one transaction). */
export async function retagAll(tx: Queryable): Promise<void> {
  await rebuildStems(tx);
  await rebuildVocabThemes(tx);
  await tagThemes(tx, null);
  await tagFeelings(tx, null);
}
