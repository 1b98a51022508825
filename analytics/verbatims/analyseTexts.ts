/**
 * Analyses loose texts (not imported answers) with the same pipeline, in a throw-away in-memory store:
 * for unit tests, the accuracy benchmark and trying out the lexicon.
 */
import { openStore } from '../store.js';
import { analyseComments, type AnalysisOptions } from './pipeline.js';
import type { Language } from './lexicon.js';
import { setMeta } from './dictionary.js';

export interface TextAnalysis {
  text: string;
  language: Language;
  score: number;
  label: 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE';
  themes: string[];
  feelings: { family: string; word: string }[];
}

export async function analyseTexts(texts: readonly string[], options: AnalysisOptions & { defaultLanguage?: Language } = {}): Promise<TextAnalysis[]> {
  const store = await openStore(':memory:');
  try {
    await store.ensureSchema();
    await setMeta(store, 'default_language', options.defaultLanguage ?? 'da');
    const appender = await store.connection.createAppender('responses');
    texts.forEach((text, i) => {
      appender.appendVarchar(`T${i}`);
      appender.appendVarchar('C');
      appender.appendNull();
      appender.appendVarchar('2026-01-01 00:00:00');
      appender.appendTinyInt(5);
      for (let k = 0; k < 6; k++) appender.appendNull();
      appender.appendVarchar(text);
      appender.endRow();
    });
    appender.closeSync();
    await analyseComments(store, options);
    const rows = await store.all<{ i: number; language: Language; score: number; label: TextAnalysis['label']; themes: string[]; feelings: { family: string; word: string }[] }>(
      `SELECT substr(c.response_id, 2)::INTEGER AS i, c.language, c.score, c.label,
         coalesce((SELECT list(theme_id ORDER BY theme_id) FROM text_comment_themes t WHERE t.response_id = c.response_id), []) AS themes,
         coalesce((SELECT list({family: family, word: word} ORDER BY family, word) FROM text_comment_feelings f WHERE f.response_id = c.response_id), []) AS feelings
       FROM text_comments c`,
    );
    const byIndex = new Map(rows.map((r) => [Number(r.i), r]));
    return texts.map((text, i) => {
      const r = byIndex.get(i);
      // Empty texts have no analysis: neutral, default language.
      if (!r) return { text, language: options.defaultLanguage ?? 'da', score: 0, label: 'NEUTRAL', themes: [], feelings: [] };
      return { text, language: r.language, score: Number(r.score), label: r.label, themes: r.themes, feelings: r.feelings };
    });
  } finally {
    await store.close();
  }
}
