/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: their globals (document) need the DOM types.
/**
 * Issue 23: no English on a Danish page, no Danish on an English one. Signed in as the admin in a Danish
 * browser, every page of the app (the list of the axe sweep), the main dialogs and editors and the formula
 * panels ("Hvordan beregnes det?") are read as a person (and a screen reader) gets them: the visible text
 * (`document.body.innerText`) and the aria-label, title, placeholder and alt texts. After the demo company's
 * own data is taken out (its names, descriptions and comments are the company's, written in English, and
 * stay as written), a line holding a common English word that is not also a Danish word fails the test,
 * reported as page, sentence and word.
 *
 * Sentences the server writes that are still English are listed in danish-text.pending.json (page, a piece
 * of the sentence, who owns it); the test reports them as known-pending instead of failing, and reports an
 * entry no page showed any more so the list can be emptied. The English pages are read the same way for
 * Danish words. Each Danish page is photographed (danish-<page>.png in tests/e2e/__screenshots__).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoCompany } from '../../seeds/demo/company.js';
import { DANISH_COMMENTS, PHASE_COMMENTS, RELATIONSHIP_COMMENTS, TAILS } from '../../seeds/generate/comments.js';
import { PLANTED } from '../../seeds/generate/planted.js';
import { DEFAULT_FEELING_WORDS, DEFAULT_THEMES } from '../../analytics/verbatims/defaults.js';
import type { RunningServer } from '../../server/main.js';
import { DeliveryChannel, DeliveryStatus, NotificationEvent, OutboxMessage } from '../../server/modules/notifications/notification.entity.js';
import { User } from '../../server/modules/users/user.entity.js';
import { Role } from '../../server/modules/users/user.enums.js';
import { SHOTS, startE2e, type E2e } from './support/browser.js';
import { DANISH_LETTERS, DANISH_WORDS, ENGLISH_PHRASES, ENGLISH_WORDS } from './support/languageWords.js';
import { appPages, settle, signedIn, type Language } from './support/pages.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** A sentence the server still writes in English, expected to go (owner: the worktree doing it). */
interface Pending {
  page: string;
  /** A piece of the sentence as it shows, e.g. its first words ("*" as page: any page). */
  sentence: string;
  owner: string;
}
const PENDING: Pending[] = JSON.parse(await fs.readFile(path.join(HERE, 'danish-text.pending.json'), 'utf8'));

let e2e: E2e;
let server: RunningServer;
let browser: Browser;
let journeyId: string;

/** One wrong-language line: where, the line, the word that gave it away. */
interface Finding {
  page: string;
  language: Language;
  sentence: string;
  word: string;
}

/**
 * The demo company's own words: every string of its model (names, descriptions, KPIs, initiatives,
 * targets, …), its comments and the accounts' addresses. They are the company's data, not the app's.
 */
function demoStrings(): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') found.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(makeDemoCompany());
  walk([PHASE_COMMENTS, RELATIONSHIP_COMMENTS, TAILS, DANISH_COMMENTS, PLANTED.plantedComments.map((c) => [c.en, c.da])]);
  walk(server.accounts.map((a) => [a.email, a.department]));
  // The words the comment analysis looks for, in each language by design (a Danish and an English list).
  walk([DEFAULT_FEELING_WORDS, DEFAULT_THEMES.map((theme) => theme.keywords)]);
  // Thoughts and quotes are stored with their quotation marks and shown without them.
  for (const s of [...found]) if (/^["“].*["”]$/.test(s)) found.add(s.slice(1, -1));
  // The product's name.
  found.add('Touchpoint');
  // Longest first, so a name is taken out whole before a shorter name inside it.
  return [...found].map((s) => s.trim()).filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
}
let ownData: string[] = [];
const patterns = new Map<string, RegExp>();
/**
 * `own` where it shows. A short one only as a whole word ("info" is not taken out of "Information"); a longer
 * one anywhere, because lists of short items can run together in the text ("UncertainSceptical of the industry").
 */
function ownDataPattern(own: string): RegExp {
  let pattern = patterns.get(own);
  if (!pattern) {
    const escaped = own.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(own.length >= 8 ? escaped : `(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
    patterns.set(own, pattern);
  }
  return pattern;
}

/** What a person or a screen reader gets from the page now: its text, line by line, and its spoken labels. */
async function readPage(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Text marked as another language (lang="en" on a customer's English comment) is read as that language.
    const own = document.documentElement.lang;
    const foreign = Array.from(document.body.querySelectorAll<HTMLElement>('[lang]'))
      .filter((el) => el.lang !== '' && el.lang.slice(0, 2) !== own.slice(0, 2))
      .flatMap((el) => el.innerText.split(/[\n\t]+/))
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const attributes = Array.from(document.querySelectorAll<HTMLElement>('[aria-label], [title], [placeholder], img[alt]'))
      .filter((el) => el.closest('[hidden], [aria-hidden="true"]') === null)
      .flatMap((el) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''));
    const lines = [...document.body.innerText.split(/[\n\t]+/), ...attributes].map((line) => line.trim()).filter((line) => line !== '');
    return lines.map((line) => foreign.reduce((rest, part) => rest.split(part).join(' … '), line));
  });
}

/** The lines with a word of the other language, once each, after the company's own data is taken out. */
function wrongLanguage(pageName: string, lines: string[], pageLanguage: Language): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    if (seen.has(line)) continue;
    seen.add(line);
    let rest = line;
    for (const own of ownData) if (rest.includes(own)) rest = rest.replace(ownDataPattern(own), ' … ');
    // Addresses, file and column names (customers.csv, customers.unit_code), codes (TP_WEB, C0000001),
    // abbreviations in capitals (NPS, CSV) and words quoted from the data (“open”) are not the app's language.
    const words = rest
      .replace(/\S+@\S+|https?:\/\/\S+|\/[\w/-]+|\b\w+\.\w+\b|“[^”]*”/g, ' ')
      .split(/[^\p{L}\p{N}_'’-]+/u)
      .filter((w) => w !== '' && !/[\d_]/.test(w) && w !== w.toUpperCase());
    const lower = words.map((w) => w.toLowerCase());
    let word: string | undefined;
    if (pageLanguage === 'da') {
      word = lower.find((w) => ENGLISH_WORDS.has(w.replace(/['’].*$/, '')));
      const joined = ` ${lower.join(' ')} `;
      word ??= ENGLISH_PHRASES.find((p) => joined.includes(` ${p} `));
    } else {
      word = lower.find((w) => DANISH_WORDS.has(w) || DANISH_LETTERS.test(w));
    }
    if (word) findings.push({ page: pageName, language: pageLanguage, sentence: line.length > 200 ? `${line.slice(0, 200)}…` : line, word });
  }
  return findings;
}

const findings: Record<Language, Finding[]> = { en: [], da: [] };
const pendingSeen = new Set<Pending>();

function isPending(f: Finding): Pending | undefined {
  return PENDING.find((p) => (p.page === '*' || p.page === f.page) && f.sentence.includes(p.sentence));
}

/** Reads the page now under `name`, keeps what is in the wrong language; photographs it when Danish. */
async function sweep(page: Page, name: string, language: Language): Promise<Finding[]> {
  const found = wrongLanguage(name, await readPage(page), language);
  findings[language].push(...found);
  if (language === 'da') await photograph(page, `danish-${name.replace(/[^\w]+/g, '-')}.png`);
  const fresh: Finding[] = [];
  for (const f of found) {
    const known = language === 'da' ? isPending(f) : undefined;
    if (known) pendingSeen.add(known);
    else fresh.push(f);
  }
  return fresh;
}

/** The whole page: the app scrolls in its main area, so grow the window to the content for the shot. */
async function photograph(page: Page, file: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  const height = await page.evaluate(() => (document.querySelector('#main')?.scrollHeight ?? 0) + (document.querySelector('[data-testid="topbar"]')?.clientHeight ?? 0));
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(size.height, height), 5000) });
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(SHOTS, file), fullPage: true });
  await page.setViewportSize(size);
}

/** Opens one formula panel of each kind of figure on the page, so their words are read too. */
async function openFormulaPanels(page: Page): Promise<number> {
  const toggles = page.locator('[data-testid="formula"]');
  const figures = new Set<string>();
  let opened = 0;
  for (let i = 0; i < (await toggles.count()); i++) {
    const formula = toggles.nth(i);
    const figure = (await formula.getAttribute('data-figure')) ?? '';
    if (figures.has(figure) || !(await formula.isVisible())) continue;
    figures.add(figure);
    const toggle = formula.getByTestId('formula-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    opened++;
  }
  return opened;
}

const report = (list: Finding[]) => list.map((f) => `  ${f.language} ${f.page}: "${f.sentence}" (${JSON.stringify(f.word)})`).join('\n');

beforeAll(async () => {
  e2e = await startE2e({ name: 'danish', seedDemo: true });
  ({ server, browser } = e2e);
  const [journey] = await server.analytics.all<{ journey_id: string }>(`SELECT journey_id FROM dim_journeys ORDER BY journey_id LIMIT 1`);
  if (!journey) throw new Error('the demo company has no journey');
  journeyId = journey.journey_id;
  ownData = demoStrings();
  // A message the log keeps as it was sent: an English digest (its recipient reads English). The
  // Danish notifications page shows its subject marked lang="en" (the overdue-case e-mails of a start
  // just after midnight showed the same way in CI on 2026-12-07).
  const em = server.orm.em.fork();
  const [admin] = await em.find(User, { role: Role.ADMIN }, { limit: 1 });
  em.create(OutboxMessage, {
    channel: DeliveryChannel.EMAIL,
    event: NotificationEvent.WEEKLY_DIGEST,
    recipient: admin!.email,
    user: admin,
    subject: 'Touchpoint weekly: 2 open cases, 1 overdue',
    payload: { email: { subject: 'Touchpoint weekly: 2 open cases, 1 overdue', text: 'Your cases: 2 open, 1 overdue', html: '<p>Your cases: 2 open, 1 overdue</p>' }, language: 'en' },
    status: DeliveryStatus.DELIVERED,
  });
  await em.flush();
}, 300_000);

afterAll(async () => {
  const pendingFound = findings.da.filter((f) => isPending(f));
  console.log(`Danish pages, English known-pending (danish-text.pending.json), ${pendingFound.length} lines:\n${report(pendingFound)}`);
  // Everything found, pending or not, for whoever works through it (the screenshots folder is not committed).
  await fs.writeFile(path.join(SHOTS, 'danish-text-findings.json'), JSON.stringify(findings, null, 1));
  const gone = PENDING.filter((p) => !pendingSeen.has(p));
  if (gone.length > 0) console.log(`Pending entries no page showed (remove them from danish-text.pending.json):\n${gone.map((p) => `  ${p.page}: "${p.sentence}" (${p.owner})`).join('\n')}`);
  await e2e?.stop();
});

const PAGES = appPages(() => journeyId);

describe.each(['da', 'en'] as const)('no words of the other language on the %s pages', (language) => {
  let page: Page;
  beforeAll(async () => {
    page = await signedIn(browser, server, language);
  }, 120_000);
  afterAll(async () => page?.context().close());

  it('the sign-in page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, baseURL: server.url, locale: language === 'da' ? 'da-DK' : 'en-GB' });
    const anonymous = await context.newPage();
    await anonymous.goto('/sign-in');
    await anonymous.getByTestId('sign-in-form').waitFor();
    const fresh = await sweep(anonymous, 'sign in', language);
    await context.close();
    expect(report(fresh)).toBe('');
  });

  it.each(PAGES)('$name, with its formula panels open', async ({ name, path: to }) => {
    await page.goto(to());
    await settle(page, { timeout: 45_000, busyNetworkOk: true });
    await openFormulaPanels(page);
    expect(report(await sweep(page, name, language))).toBe('');
  }, 180_000);

  it.each([
    { name: 'new journey dialog', to: () => '/journeys', opener: 'new-journey', shows: 'dialog' },
    { name: 'journey details dialog', to: () => `/journeys/${journeyId}`, opener: 'edit-journey-details', shows: 'dialog' },
    { name: 'target editor', to: () => '/targets', opener: 'new', shows: 'target-form' },
    { name: 'persona editor', to: () => '/setup/personas', opener: 'new', shows: 'persona-form' },
    { name: 'initiative editor', to: () => '/initiatives', opener: 'new-initiative', shows: 'initiative-form' },
    { name: 'department editor', to: () => '/setup/departments', opener: 'new', shows: 'department-form' },
    { name: 'unit editor', to: () => '/setup/units', opener: 'new', shows: 'unit-form' },
    { name: 'alert rule editor', to: () => '/setup/alert-rules', opener: 'new', shows: 'alert-rule-form' },
    { name: 'user editor', to: () => '/setup/users', opener: 'new', shows: 'user-form' },
  ])('the $name', async ({ name, to, opener, shows }) => {
    await page.goto(to());
    await settle(page);
    await page.getByTestId(opener).click();
    await page.getByTestId(shows).first().waitFor();
    expect(report(await sweep(page, name, language))).toBe('');
  });

  it('the import wizard: the mapping and problems steps', async () => {
    await page.goto('/import');
    await settle(page);
    await page.getByTestId('import-kind').selectOption('CUSTOMERS');
    const csv = 'customer_id,persona_code\nDA-1,NO_SUCH_PERSONA\nDA-2,NO_SUCH_PERSONA\n';
    await page.getByTestId('import-file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-preview').waitFor({ timeout: 60_000 });
    const mapping = await sweep(page, 'import mapping', language);
    await page.getByTestId('dry-run').click();
    await page.getByTestId('problem-groups').waitFor({ timeout: 60_000 });
    const problems = await sweep(page, 'import problems', language);
    expect(report([...mapping, ...problems])).toBe('');
  }, 180_000);
});
