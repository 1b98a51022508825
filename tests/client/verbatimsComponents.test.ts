import type { Operation } from '@urql/core';
import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref, type Component } from 'vue';
import { createMemoryHistory } from 'vue-router';
import { createAppRouter } from '../../client/src/app/router';
import { SessionKey, type Session, type SessionUser } from '../../client/src/features/auth/composables/useSession';
import DetractorThemes from '../../client/src/features/verbatims/components/DetractorThemes.vue';
import FeelingWords from '../../client/src/features/verbatims/components/FeelingWords.vue';
import { useCommentsExport } from '../../client/src/features/verbatims/composables/useComments';
import { COMMENT_EXPORT_LIMIT, commentCsvHeader, commentCsvFilename, commentCsvRows, type ExportedComment } from '../../client/src/features/verbatims/model/commentsCsv';
import { toCsv } from '../../client/src/shared/csv';
import { applyLanguage } from '../../client/src/shared/i18n';
import type { FeelingWordsQuery, Role, TouchpointThemesQuery } from '../../client/src/graphql/generated';
import { graphqlError } from './support/factories';
import { fakeClient, type Answer } from './support/fakeClient';

// The browser's download is replaced by a list of what would have been saved.
const downloads = vi.hoisted(() => [] as { filename: string; csv: string }[]);
vi.mock('../../client/src/shared/csv', async (actual) => ({
  ...(await actual<typeof import('../../client/src/shared/csv')>()),
  downloadCsv: (filename: string, csv: string) => downloads.push({ filename, csv }),
}));

function sessionOf(role: Role): Session {
  const user = ref<SessionUser | null>({ id: 'u1', name: `Demo ${role}`, email: 'demo@touchpoint.local', role, department: null });
  return { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false, message: '' }), signOut: async () => {}, forget: () => {} };
}

const claimHandling: TouchpointThemesQuery['touchpointThemes'][number] = {
  touchpointCode: 'CLAIM',
  touchpointName: 'Claim handling',
  commented: 400,
  meanSentiment: -1.2,
  negativeShare: { share: 0.6, ciLow: 0.55, ciHigh: 0.65, n: 400 },
  positiveShare: { share: 0.2 },
  themes: [
    {
      suppressed: false,
      theme: { id: 'WAITING_TIME', name: 'Waiting time' },
      stats: { mentions: 120, npsPointsAtStake: 6.5, detractorShare: { share: 0.42, ciLow: 0.36, ciHigh: 0.48, n: 250 }, difference: { difference: -40, significant: true } },
    },
  ],
};

async function mountWithApp(component: Component, role: Role, answers: Record<string, (op: Operation) => Answer>, props: Record<string, unknown> = {}) {
  const session = sessionOf(role);
  // The app's own router: the link must follow the comments page's real role rule.
  const router = createAppRouter(session, createMemoryHistory());
  await router.push('/priorities');
  const wrapper = mount(component, { props, global: { plugins: [router, [urql, fakeClient(answers)]], provide: { [SessionKey]: session } } });
  await flushPromises();
  return wrapper;
}

describe('DetractorThemes (priorities card)', () => {
  const answers = { TouchpointThemes: () => ({ data: { touchpointThemes: [claimHandling] } }) };
  const props = { codes: ['CLAIM'], filter: {} };

  it('links analysts and admins to the comments', async () => {
    for (const role of ['ANALYST', 'ADMIN'] as const) {
      const wrapper = await mountWithApp(DetractorThemes, role, answers, props);
      expect(wrapper.text()).toContain('Waiting time: 42% of commenting detractors');
      expect(wrapper.get('[data-testid="read-comments"]').attributes('href')).toBe('/comments');
    }
  });

  it('shows executives and strategists the themes but no link to a page that refuses them', async () => {
    for (const role of ['EXECUTIVE', 'STRATEGIST'] as const) {
      const wrapper = await mountWithApp(DetractorThemes, role, answers, props);
      expect(wrapper.text()).toContain('Waiting time: 42% of commenting detractors');
      expect(wrapper.find('[data-testid="read-comments"]').exists()).toBe(false);
      expect(wrapper.text()).not.toContain('Read the comments');
    }
  });
});

type Word = FeelingWordsQuery['feelingWords'][number];

/** A fake server keeping the feeling-word list: the query answers what the mutations left. */
function feelingServer(initial: Word[], refuse?: string) {
  let words = [...initial];
  const calls: { name: string; variables: Record<string, unknown> }[] = [];
  const answers: Record<string, (op: Operation) => Answer> = {
    FeelingWords: () => ({ data: { feelingWords: words } }),
    SetFeelingWord: (op) => {
      const input = (op.variables as { input: Word }).input;
      calls.push({ name: 'SetFeelingWord', variables: { ...input } });
      if (refuse) return { error: graphqlError('BAD_USER_INPUT', { field: 'word' }, refuse) };
      words = [...words.filter((w) => !(w.word === input.word && w.language === input.language)), input];
      return { data: { setFeelingWord: { word: input.word } } };
    },
    RemoveFeelingWord: (op) => {
      const v = op.variables as { word: string; language: string };
      calls.push({ name: 'RemoveFeelingWord', variables: { ...v } });
      words = words.filter((w) => !(w.word === v.word && w.language === v.language));
      return { data: { removeFeelingWord: true } };
    },
  };
  return { answers, calls };
}

const START: Word[] = [
  { word: 'vred', language: 'DA', family: 'ANGER' },
  { word: 'angry', language: 'EN', family: 'ANGER' },
  { word: 'lettet', language: 'DA', family: 'RELIEF' },
];

describe('FeelingWords (the feeling-word list editor)', () => {
  it('lists the words under their family with their language', async () => {
    const wrapper = await mountWithApp(FeelingWords, 'ANALYST', feelingServer(START).answers);
    const families = wrapper.findAll('dt').map((d) => d.text());
    expect(families).toEqual(['Anger', 'Worry', 'Frustration', 'Distrust', 'Relief', 'Trust', 'Joy', 'Gratitude']);
    const anger = wrapper.findAll('dd')[0]!;
    expect(anger.text()).toContain('vred');
    expect(anger.text()).toContain('angry');
    expect(wrapper.findAll('dd')[4]!.text()).toContain('lettet');
  });

  it('adds a word in the chosen language and family, re-lists it and tells the page to reload the comments', async () => {
    const server = feelingServer(START);
    const wrapper = await mountWithApp(FeelingWords, 'ANALYST', server.answers);
    await wrapper.get('input').setValue('stuck');
    const [language, family] = wrapper.findAll('select');
    await language!.setValue('EN');
    await family!.setValue('FRUSTRATION');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(server.calls).toEqual([{ name: 'SetFeelingWord', variables: { word: 'stuck', language: 'EN', family: 'FRUSTRATION' } }]);
    expect(wrapper.findAll('dd')[2]!.text()).toContain('stuck');
    expect(wrapper.emitted('changed')).toHaveLength(1);
    expect(wrapper.get<HTMLInputElement>('input').element.value).toBe('');
  });

  it('removes a word by its button (named for screen readers) and re-lists', async () => {
    const server = feelingServer(START);
    const wrapper = await mountWithApp(FeelingWords, 'ANALYST', server.answers);
    await wrapper.get('button[aria-label="Remove vred (Danish)"]').trigger('click');
    await flushPromises();
    expect(server.calls).toEqual([{ name: 'RemoveFeelingWord', variables: { word: 'vred', language: 'DA' } }]);
    expect(wrapper.findAll('dd')[0]!.text()).not.toContain('vred');
    expect(wrapper.emitted('changed')).toHaveLength(1);
  });

  it("shows the server's reason when a word is refused, keeps what was typed and reloads nothing", async () => {
    const server = feelingServer(START, 'The word must be letters only: remove "1" and try again.');
    const wrapper = await mountWithApp(FeelingWords, 'ANALYST', server.answers);
    await wrapper.get('input').setValue('vred1');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[role="alert"]').text()).toBe('The word must be letters only: remove "1" and try again.');
    expect(wrapper.get<HTMLInputElement>('input').element.value).toBe('vred1');
    expect(wrapper.emitted('changed')).toBeUndefined();
  });

  it('cannot add an empty word', async () => {
    const wrapper = await mountWithApp(FeelingWords, 'ANALYST', feelingServer(START).answers);
    await wrapper.get('input').setValue('   ');
    expect(wrapper.get('button[type="submit"]').attributes('disabled')).toBeDefined();
  });
});

describe('comments CSV', () => {
  const comment = (i: number, fields: Partial<ExportedComment> = {}): ExportedComment => ({
    responseId: `r${i}`,
    personaCode: 'YOUNG_FAMILY',
    touchpointName: 'Claim handling',
    respondedAt: '2026-05-04T10:00:00Z',
    ltr: 2,
    comment: `Comment ${i}`,
    analysis: {
      language: 'DA',
      score: -2.254,
      label: 'NEGATIVE',
      themes: [{ id: 'WAITING_TIME', name: 'Waiting time' }, { id: 'CLAIMS', name: 'Claims handling' }],
      feelings: [{ family: 'ANGER', word: 'vred' }, { family: 'ANGER', word: 'rasende' }, { family: 'WORRY', word: 'bekymret' }],
      highlights: [],
    },
    ...fields,
  });
  const personas = new Map([['YOUNG_FAMILY', 'Young family']]);

  it('reads as the page does: names for codes, themes and feelings once each, the comment as written', () => {
    const rows = commentCsvRows([comment(1, { comment: 'Ventede "evigt", 3 uger', touchpointName: null, personaCode: 'GONE' })], personas);
    expect(rows).toEqual([['4 May 2026', 'Relationship survey', 'Unknown persona', 2, 'Danish', 'Negative', -2.25, 'Waiting time; Claims handling', 'Anger; Worry', 'Ventede "evigt", 3 uger']]);
    // Through the shared CSV helper: quoted, so Excel keeps the comma and quotes inside the comment.
    expect(toCsv(commentCsvHeader(), rows).split('\r\n')[1]).toBe('4 May 2026,Relationship survey,Unknown persona,2,Danish,Negative,-2.25,Waiting time; Claims handling,Anger; Worry,"Ventede ""evigt"", 3 uger"');
    expect(commentCsvFilename({ from: '2026-01-01', to: null })).toBe('comments-2026-01-01-to-latest');
  });

  it('writes the header, names and dates in Danish when the user reads Danish', () => {
    applyLanguage('da');
    try {
      const rows = commentCsvRows([comment(1, { touchpointName: null, personaCode: 'GONE' })], personas);
      expect(commentCsvHeader()).toEqual(['Besvaret', 'Kontaktpunkt', 'Persona', 'Sandsynlighed for at anbefale (0-10)', 'Sprog', 'Stemning', 'Stemningsscore', 'Temaer', 'Følelser', 'Kommentar']);
      expect(rows[0]?.slice(1, 6)).toEqual(['Relationsmåling', 'Ukendt persona', 2, 'Dansk', 'Negativ']);
      expect(rows[0]?.[8]).toBe('Vrede; Bekymring');
      expect(commentCsvFilename({ from: '2026-01-01', to: null })).toBe('kommentarer-2026-01-01-to-latest');
    } finally {
      applyLanguage('en');
    }
  });

  /** Mounts the export with a fake `comments` answer; returns what it asked and what it saved. */
  async function exportWith(answer: (variables: Record<string, unknown>) => Answer) {
    const asked: Record<string, unknown>[] = [];
    const saved: { filename: string; csv: string }[] = [];
    downloads.length = 0;
    const Harness = defineComponent({
      setup() {
        return { csv: useCommentsExport(personas) };
      },
      render: () => h('div'),
    });
    const wrapper = mount(Harness, {
      global: {
        plugins: [
          [
            urql,
            fakeClient({
              Comments: (op) => {
                if (op.kind === 'query') asked.push({ ...op.variables }); // the fake client also sees each teardown
                return answer(op.variables as Record<string, unknown>);
              },
            }),
          ],
        ],
      },
    });
    await wrapper.vm.csv.run({ personaCodes: ['YOUNG_FAMILY'], from: '2026-01-01' }, { search: '  kø ', theme: 'WAITING_TIME', sentiment: 'NEGATIVE', feeling: null, language: 'DA' });
    saved.push(...downloads);
    return { asked, saved, note: wrapper.vm.csv.note };
  }

  it("exports every page of the page's cut and search, then says how many", async () => {
    const pages: Record<string, { items: ExportedComment[]; endCursor: string | null }> = {
      start: { items: [comment(1), comment(2)], endCursor: 'c2' },
      c2: { items: [comment(3)], endCursor: null },
    };
    const { asked, saved, note } = await exportWith((v) => ({ data: { comments: { total: 3, ...pages[typeof v.after === 'string' ? v.after : 'start']! } } }));
    expect(asked).toEqual([
      { filter: { personaCodes: ['YOUNG_FAMILY'], from: '2026-01-01' }, search: 'kø', theme: 'WAITING_TIME', sentiment: 'NEGATIVE', feeling: null, language: 'DA', after: null, first: 200 },
      { filter: { personaCodes: ['YOUNG_FAMILY'], from: '2026-01-01' }, search: 'kø', theme: 'WAITING_TIME', sentiment: 'NEGATIVE', feeling: null, language: 'DA', after: 'c2', first: 200 },
    ]);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.filename).toBe('comments-2026-01-01-to-latest');
    expect(saved[0]!.csv.split('\r\n').filter(Boolean)).toHaveLength(4); // header + 3 comments
    expect(note.value).toEqual({ kind: 'done', text: 'Saved 3 comments.' });
  });

  it('stops at the limit, newest first, and says how many were left out', async () => {
    let n = 0;
    const { asked, saved, note } = await exportWith(() => ({ data: { comments: { total: 6000, items: Array.from({ length: 200 }, () => comment(++n)), endCursor: `c${n}` } } }));
    expect(asked).toHaveLength(COMMENT_EXPORT_LIMIT / 200);
    expect(saved[0]!.csv.split('\r\n').filter(Boolean)).toHaveLength(COMMENT_EXPORT_LIMIT + 1);
    expect(note.value?.text).toBe('Saved the newest 5,000 of 6,000 comments. Narrow the period or filters to export the rest.');
  });

  it('saves nothing when the server refuses the role (an executive never gets a comment)', async () => {
    const { saved, note } = await exportWith(() => ({ error: graphqlError('FORBIDDEN', {}, 'Your role does not include reading individual customers.') }));
    expect(saved).toEqual([]);
    expect(note.value).toEqual({ kind: 'error', text: 'No file was saved. Not available for your role: Your role does not include reading individual customers.' });
  });
});
