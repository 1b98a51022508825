/**
 * Tables of comment analysis in the analytics store. The dictionaries (themes, their keywords, feeling
 * words) live here beside the tags they produce, so a dictionary edit and the re-tagging it causes are
 * one DuckDB transaction; the text_* tables without a primary key are derived and rebuilt at will.
 */
export const VERBATIM_SCHEMA_SQL: readonly string[] = [
  // Dictionaries (edited by analysts and admins).
  `CREATE TABLE IF NOT EXISTS text_themes (
    theme_id VARCHAR NOT NULL PRIMARY KEY, name VARCHAR NOT NULL, description VARCHAR NOT NULL, position INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS text_theme_keywords (
    theme_id VARCHAR NOT NULL, keyword VARCHAR NOT NULL, PRIMARY KEY (theme_id, keyword))`,
  `CREATE TABLE IF NOT EXISTS text_feeling_words (
    word VARCHAR NOT NULL, language VARCHAR NOT NULL CHECK (language IN ('da', 'en')), family VARCHAR NOT NULL, PRIMARY KEY (word, language))`,
  // Settings and versions of the analysis: default_language, dictionaries_seeded, analysed_data_version.
  `CREATE TABLE IF NOT EXISTS text_meta (key VARCHAR NOT NULL PRIMARY KEY, value VARCHAR NOT NULL)`,
  // Every distinct token met, per language: its stem and lexicon facts (filled in JavaScript, once per token).
  `CREATE TABLE IF NOT EXISTS text_vocab (
    language VARCHAR NOT NULL, token VARCHAR NOT NULL, stem VARCHAR NOT NULL, score DOUBLE NOT NULL,
    negator BOOLEAN NOT NULL, intensity DOUBLE NOT NULL, stop BOOLEAN NOT NULL, boundary BOOLEAN NOT NULL)`,
  // One row per analysed comment; comment_hash tells a changed comment from an analysed one.
  `CREATE TABLE IF NOT EXISTS text_comments (
    response_id VARCHAR NOT NULL, comment_hash UBIGINT NOT NULL, language VARCHAR NOT NULL,
    score DOUBLE NOT NULL, raw_score DOUBLE NOT NULL, label VARCHAR NOT NULL, words INTEGER NOT NULL)`,
  // Words of analysed comments (sentence punctuation left out); pos counts punctuation too, as tokenize() does.
  `CREATE TABLE IF NOT EXISTS text_tokens (
    response_id VARCHAR NOT NULL, pos INTEGER NOT NULL, language VARCHAR NOT NULL, token VARCHAR NOT NULL, stem VARCHAR NOT NULL,
    stop BOOLEAN NOT NULL, score DOUBLE NOT NULL, value DOUBLE NOT NULL, negated BOOLEAN NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS text_keyword_stems (
    theme_id VARCHAR NOT NULL, keyword VARCHAR NOT NULL, language VARCHAR NOT NULL, stems VARCHAR NOT NULL, n_stems INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS text_feeling_stems (
    word VARCHAR NOT NULL, language VARCHAR NOT NULL, family VARCHAR NOT NULL, stems VARCHAR NOT NULL, n_stems INTEGER NOT NULL)`,
  // Vocabulary stem → word w (0-based) of a theme keyword or feeling word of n_stems words.
  `CREATE TABLE IF NOT EXISTS text_vocab_matches (
    language VARCHAR NOT NULL, stem VARCHAR NOT NULL, kind VARCHAR NOT NULL, owner VARCHAR NOT NULL, keyword VARCHAR NOT NULL, w INTEGER NOT NULL, n_stems INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS text_comment_themes (response_id VARCHAR NOT NULL, theme_id VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS text_comment_feelings (response_id VARCHAR NOT NULL, family VARCHAR NOT NULL, word VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS text_scratch_language (response_id VARCHAR NOT NULL, language VARCHAR NOT NULL)`,
];
