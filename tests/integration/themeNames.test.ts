/**
 * Default comment themes read in the reader's language until the company changes them (issue 23):
 * a Danish page shows "Ventetid", not "Waiting time"; a name the company wrote is shown as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLanguage } from '../../analytics/i18n/index.js';
import { openStore, type Store } from '../../analytics/store.js';
import { ensureDictionaries, listThemes } from '../../analytics/verbatims/dictionary.js';

let store: Store;

beforeAll(async () => {
  store = await openStore(':memory:');
  await store.ensureSchema();
  await ensureDictionaries(store);
});
afterAll(async () => {
  await store.close();
});

const byId = async (language: 'en' | 'da') => new Map((await withLanguage(language, () => listThemes(store))).map((t) => [t.id, t]));

describe('default theme names', () => {
  it('are Danish for a Danish reader and English for an English one, from the same stored row', async () => {
    const [da, en] = [await byId('da'), await byId('en')];
    expect(da.get('WAITING_TIME')).toMatchObject({ name: 'Ventetid', description: 'Køer, langsomme svar og sager, der tager lang tid.' });
    expect(da.get('INFORMATION')!.name).toBe('Information og kommunikation');
    expect(en.get('WAITING_TIME')).toMatchObject({ name: 'Waiting time', description: 'Queues, slow answers and cases that take long.' });
    expect([...da.keys()]).toEqual([...en.keys()]);
    // Outside any request (scripts, e-mails without a recipient language) the stored English is read.
    expect((await listThemes(store)).find((t) => t.id === 'PRICE')!.name).toBe('Price');
  });

  it('show a name the company changed as written, in both languages; the untouched description still follows the reader', async () => {
    await store.run(`UPDATE text_themes SET name = 'Kø i telefonen' WHERE theme_id = 'WAITING_TIME'`);
    const [da, en] = [await byId('da'), await byId('en')];
    expect(da.get('WAITING_TIME')!.name).toBe('Kø i telefonen');
    expect(en.get('WAITING_TIME')!.name).toBe('Kø i telefonen');
    expect(da.get('WAITING_TIME')!.description).toBe('Køer, langsomme svar og sager, der tager lang tid.');
    expect(en.get('WAITING_TIME')!.description).toBe('Queues, slow answers and cases that take long.');
  });
});
