/**
 * npm run bench:verbatims [-- --responses 4000000] [--skip-speed] [--skip-accuracy] [--startup [--rounds 3]]
 *
 * Issue 21's benchmark. Not a test: it prints numbers and never fails on them.
 *  - speed: the demo generator's answers (default 4M responses ≈ 1M comments) in an in-memory store;
 *    analyse every comment (language, tokens, sentiment, themes, feelings), then the incremental path
 *    with nothing new, then a dictionary edit (a keyword added to a theme: every comment re-tagged), then
 *    a feeling word added. Where the time goes is printed per statement (the slowest five).
 *  - accuracy: human-labelled sentiment sets, one Danish (bench/data/lcc-sentiment-da.csv, CC BY) and
 *    three English ones (the UCI "Sentiment Labelled Sentences" of Kotzias et al. 2015, 1,000 each from
 *    Amazon, IMDb and Yelp, as shipped inside the npm package `sentiment` 5.0.2 (MIT), fetched with
 *    `npm pack` at run time, never kept in the repository). Accuracy and macro-F1 of the analysis, of the
 *    raw lexicon sum without negation and intensifiers, and of the majority class.
 *  - --startup (alone): the first page view while the start-up analysis runs, in one pass against in
 *    the background (bench/verbatimsStartup.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../analytics/store.js';
import { analyseTexts, type TextAnalysis } from '../analytics/verbatims/analyseTexts.js';
import { listThemes } from '../analytics/verbatims/dictionary.js';
import { setFeelingWord, updateTheme } from '../analytics/verbatims/editing.js';
import { analyseComments } from '../analytics/verbatims/pipeline.js';
import { generate } from '../seeds/generate/index.js';
import { startupBench } from './verbatimsStartup.js';

const { values } = parseArgs({
  options: {
    responses: { type: 'string', default: '4000000' },
    'skip-speed': { type: 'boolean', default: false },
    'skip-accuracy': { type: 'boolean', default: false },
    startup: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '3' },
  },
});

const here = path.dirname(new URL(import.meta.url).pathname);
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Wall time, and the process's CPU time (DuckDB's threads included): on a shared machine the CPU
 * time divided by the cores is what the wall time would be with the machine to itself. */
const cpuNotes: string[] = [];
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  cpuNotes.push(`CPU ${sec(cpuMs)} (${sec(cpuMs / os.cpus().length)} on ${os.cpus().length} idle cores)`);
  return [result, performance.now() - start];
}
const cpu = () => cpuNotes.at(-1) ?? '';

async function speed(): Promise<void> {
  const responses = Number(values.responses);
  const store = await openStore(':memory:');
  await store.ensureSchema();
  const [, genMs] = await timed(() => generate(store, { customers: Math.max(20_000, Math.round(responses / 20)), responses, months: 24, seed: 42, endDate: '2026-06-30' }));
  const [[stats]] = await Promise.all([store.all<{ comments: number; distinct: number }>(`SELECT count(comment)::INTEGER AS comments, count(DISTINCT comment)::INTEGER AS distinct FROM responses`)]);
  console.log(`Generated ${responses.toLocaleString('en')} responses with ${stats!.comments.toLocaleString('en')} comments (${stats!.distinct} distinct texts) in ${sec(genMs)}; ${cpu()}`);
  console.log(`Load average now ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  const statements: { sql: string; ms: number }[] = [];
  const [first, analyseMs] = await timed(() => analyseComments(store, { onStatement: (sql, ms) => statements.push({ sql, ms }) }));
  console.log(`\nAnalyse all: ${first.analysed.toLocaleString('en')} comments in ${sec(analyseMs)} (${Math.round(first.analysed / (analyseMs / 1000)).toLocaleString('en')} comments/s; franc decided ${first.francDecided}, new words ${first.newWords}); ${cpu()}; load average after ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  for (const s of statements.sort((a, b) => b.ms - a.ms).slice(0, 5)) console.log(`  ${sec(s.ms).padStart(7)}  ${s.sql.replace(/\s+/g, ' ').slice(0, 100)}`);

  const [again, againMs] = await timed(() => analyseComments(store));
  console.log(`Incremental, nothing new: ${again.analysed} analysed in ${sec(againMs)}; ${cpu()}`);

  const theme = (await listThemes(store)).find((t) => t.id === 'WAITING_TIME')!;
  const [, editMs] = await timed(() => updateTheme(store, theme.id, { ...theme, keywords: [...theme.keywords, 'forever'] }));
  const [[tags]] = await Promise.all([store.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM text_comment_themes`)]);
  console.log(`Dictionary edit (keyword added to a theme, every comment re-tagged): ${sec(editMs)} (${tags!.n.toLocaleString('en')} theme tags); ${cpu()}`);
  const [, feelMs] = await timed(() => setFeelingWord(store, { word: 'stuck', language: 'en', family: 'FRUSTRATION' }));
  console.log(`Feeling word added (every comment re-tagged): ${sec(feelMs)}; ${cpu()}`);
  await store.close();
}

type Label = TextAnalysis['label'];
interface Labelled {
  text: string;
  gold: Label;
}

/** Accuracy and macro-F1 over the gold classes present (a NEUTRAL guess on a binary set is simply wrong). */
function score(gold: readonly Label[], predicted: readonly Label[]): { accuracy: number; macroF1: number } {
  const classes = [...new Set(gold)];
  const correct = gold.filter((g, i) => g === predicted[i]).length;
  const f1s = classes.map((c) => {
    const tp = gold.filter((g, i) => g === c && predicted[i] === c).length;
    const fp = gold.filter((g, i) => g !== c && predicted[i] === c).length;
    const fn = gold.filter((g, i) => g === c && predicted[i] !== c).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return { accuracy: correct / gold.length, macroF1: f1s.reduce((a, b) => a + b, 0) / f1s.length };
}

async function readLcc(): Promise<Labelled[]> {
  const store = await openStore(':memory:');
  try {
    const rows = await store.all<{ text: string; valence: number }>(`SELECT text, valence::INTEGER AS valence FROM read_csv($file, header = true)`, { file: path.join(here, 'data', 'lcc-sentiment-da.csv') });
    return rows.map((r) => ({ text: r.text, gold: r.valence > 0 ? 'POSITIVE' : r.valence < 0 ? 'NEGATIVE' : 'NEUTRAL' }));
  } finally {
    await store.close();
  }
}

/** The UCI sentences as the npm package `sentiment` ships them (test/fixtures/*.json: [{ text, class }]). */
function readUci(): Record<string, Labelled[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uci-'));
  execFileSync('npm', ['pack', 'sentiment@5.0.2', '--silent'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('tar', ['xzf', 'sentiment-5.0.2.tgz'], { cwd: dir });
  const sets: Record<string, Labelled[]> = {};
  for (const name of ['amazon', 'imdb', 'yelp']) {
    const raw: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'package', 'test', 'fixtures', `${name}.json`), 'utf8'));
    if (!Array.isArray(raw)) throw new Error(`${name}.json is not a list`);
    sets[name] = raw.flatMap((r: { text?: unknown; class?: unknown }) =>
      typeof r.text === 'string' && (r.class === 0 || r.class === 1 || r.class === '0' || r.class === '1')
        ? [{ text: r.text, gold: Number(r.class) === 1 ? 'POSITIVE' : 'NEGATIVE' } satisfies Labelled]
        : [],
    );
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return sets;
}

async function accuracy(): Promise<void> {
  const sets: [string, string, Labelled[]][] = [['Danish', 'LCC sentences (Nielsen), 3 classes', await readLcc()]];
  for (const [name, rows] of Object.entries(readUci())) sets.push(['English', `UCI ${name}, 2 classes`, rows]);
  console.log('\n| language | set | n | majority acc | majority F1 | raw lexicon acc | raw lexicon F1 | analysis acc | analysis F1 |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [language, set, rows] of sets) {
    const gold = rows.map((r) => r.gold);
    const defaultLanguage = language === 'Danish' ? 'da' : 'en';
    const full = await analyseTexts(rows.map((r) => r.text), { defaultLanguage });
    const raw = await analyseTexts(rows.map((r) => r.text), { defaultLanguage, rawLexicon: true });
    const counts = new Map<Label, number>();
    for (const g of gold) counts.set(g, (counts.get(g) ?? 0) + 1);
    const majority = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const m = score(gold, gold.map(() => majority));
    const r = score(gold, raw.map((x) => x.label));
    const f = score(gold, full.map((x) => x.label));
    const pct = (x: number) => (100 * x).toFixed(1);
    console.log(`| ${language} | ${set} | ${rows.length} | ${pct(m.accuracy)} | ${pct(m.macroF1)} | ${pct(r.accuracy)} | ${pct(r.macroF1)} | ${pct(f.accuracy)} | ${pct(f.macroF1)} |`);
  }
}

console.log(`bench:verbatims on ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
if (values.startup) {
  await startupBench(Number(values.rounds));
} else {
  if (!values['skip-accuracy']) await accuracy();
  if (!values['skip-speed']) await speed();
}
