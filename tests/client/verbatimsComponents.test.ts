import type { Operation } from '@urql/core';
import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ref, type Component } from 'vue';
import { SessionKey, type Session, type SessionUser } from '../../client/src/features/auth/composables/useSession';
import CommentText from '../../client/src/features/verbatims/components/CommentText.vue';
import DetractorThemes from '../../client/src/features/verbatims/components/DetractorThemes.vue';
import FeelingWords from '../../client/src/features/verbatims/components/FeelingWords.vue';
import { commentsCsvHref } from '../../client/src/features/verbatims/model/commentsCsv';
import type { FeelingWordsQuery, Role, TouchpointThemesQuery } from '../../client/src/graphql/generated';
import { graphqlError } from './support/factories';
import { fakeClient, type Answer } from './support/fakeClient';
import { appRouterWithStubPages } from './support/router';

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
  const router = appRouterWithStubPages(session);
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
      // Each fix-first touchpoint opens the comments of that touchpoint.
      expect(wrapper.get('[data-testid="read-comments-CLAIM"]').attributes('href')).toBe('/comments?touchpoint=CLAIM');
    }
  });

  it('shows executives and strategists the themes but no link to a page that refuses them', async () => {
    for (const role of ['EXECUTIVE', 'STRATEGIST'] as const) {
      const wrapper = await mountWithApp(DetractorThemes, role, answers, props);
      expect(wrapper.text()).toContain('Waiting time: 42% of commenting detractors');
      expect(wrapper.find('[data-testid="read-comments"]').exists()).toBe(false);
      expect(wrapper.find('[data-testid="read-comments-CLAIM"]').exists()).toBe(false);
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

describe('comments CSV link', () => {
  it('asks the server for the page’s cut, search and filters, in the language the page shows', () => {
    const href = commentsCsvHref(
      { from: '2026-01-01', to: '2026-06-30', personaCodes: ['YOUNG_FAMILY'], journeyId: 'j1', touchpointCodes: ['TP_CLAIM_HANDLING'], unitCodes: ['U1'] },
      { search: ' queue ', theme: 'WAITING_TIME', sentiment: 'NEGATIVE', feeling: 'ANGER', language: 'DA' },
      'da',
    );
    const url = new URL(href, 'http://touchpoint.local');
    expect(url.pathname).toBe('/export/comments.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: '2026-01-01', to: '2026-06-30', persona: 'YOUNG_FAMILY', journey: 'j1', touchpoint: 'TP_CLAIM_HANDLING', unit: 'U1',
      search: 'queue', theme: 'WAITING_TIME', sentiment: 'NEGATIVE', feeling: 'ANGER', language: 'DA', lang: 'da',
    });
    expect(commentsCsvHref({}, { search: '', theme: null, sentiment: null, feeling: null, language: null }, 'en')).toBe('/export/comments.csv?lang=en');
  });
});

describe('CommentText (a customer comment with its matches)', () => {
  it('marks the comment with the language the analysis found, so a Danish comment is read as Danish on an English page', async () => {
    const highlights = [{ start: 0, end: 6, kind: 'THEME' as const, label: 'PRICE' }];
    const danish = mount(CommentText, { props: { text: 'Prisen steg igen, jeg føler mig snydt.', language: 'DA', highlights, themeNames: { PRICE: 'Price' } } });
    expect(danish.get('[data-testid="comment-text"]').attributes('lang')).toBe('da');
    expect(danish.get('mark').text()).toBe('Prisen');
    expect(danish.text()).toBe('Prisen steg igen, jeg føler mig snydt.');
    const english = mount(CommentText, { props: { text: 'The price went up again.', language: 'EN', highlights: [] } });
    expect(english.get('[data-testid="comment-text"]').attributes('lang')).toBe('en');
  });
});
