import type { Operation } from '@urql/core';
import urql from '@urql/vue';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { SessionKey, type Session, type SessionUser } from '../../client/src/features/auth/composables/useSession';
import CommentsView from '../../client/src/features/verbatims/views/CommentsView.vue';
import { placeFilter, placeQuery, touchpointGroups, withJourney } from '../../client/src/features/verbatims/model/places';
import type { CommentPlacesQuery } from '../../client/src/graphql/generated';
import { fakeClient, type Answer } from './support/fakeClient';
import { appRouterWithStubPages } from './support/router';

/** Issue 21: the Comments page filters by journey, touchpoint and unit, in the address and in every query. */
const claims: CommentPlacesQuery['journeys'][number] = {
  id: 'j-claim',
  name: 'Making a claim',
  phases: [
    { id: 'p1', name: 'Report', touchpoints: [{ id: 't1', code: 'TP_CLAIM_FORM', name: 'Claim form' }, { id: 't2', code: null, name: 'Chat idea (to-be)' }] },
    { id: 'p2', name: 'Settle', touchpoints: [{ id: 't3', code: 'TP_CLAIM_HANDLING', name: 'Claim handling' }] },
  ],
};
const pension: CommentPlacesQuery['journeys'][number] = {
  id: 'j-pension',
  name: 'Moving a pension',
  phases: [{ id: 'p3', name: 'Transfer', touchpoints: [{ id: 't4', code: 'TP_PENSION_TRANSFER', name: 'Pension transfer' }] }],
};
const places: CommentPlacesQuery = { journeys: [claims, pension], unitList: [{ code: 'U_AARHUS', name: 'Aarhus' }, { code: 'U_ODENSE', name: 'Odense' }] };

describe('places model', () => {
  it('groups a chosen journey’s touchpoints by phase, all journeys’ by journey, and leaves out touchpoints without a code', () => {
    expect(touchpointGroups(places.journeys, 'j-claim')).toEqual([
      { label: 'Report', touchpoints: [{ code: 'TP_CLAIM_FORM', name: 'Claim form' }] },
      { label: 'Settle', touchpoints: [{ code: 'TP_CLAIM_HANDLING', name: 'Claim handling' }] },
    ]);
    expect(touchpointGroups(places.journeys, null).map((g) => [g.label, g.touchpoints.map((t) => t.code)])).toEqual([
      ['Making a claim', ['TP_CLAIM_FORM', 'TP_CLAIM_HANDLING']],
      ['Moving a pension', ['TP_PENSION_TRANSFER']],
    ]);
  });

  it('drops the touchpoint when the journey changes to one without it, keeps it otherwise', () => {
    const at = { journey: null, touchpoint: 'TP_CLAIM_HANDLING', unit: 'U_AARHUS' };
    expect(withJourney(at, 'j-pension', places.journeys)).toEqual({ journey: 'j-pension', touchpoint: null, unit: 'U_AARHUS' });
    expect(withJourney(at, 'j-claim', places.journeys)).toEqual({ journey: 'j-claim', touchpoint: 'TP_CLAIM_HANDLING', unit: 'U_AARHUS' });
  });

  it('writes the place into the address beside the other keys and into the server filter', () => {
    expect(placeQuery({ journey: 'j-claim', touchpoint: null, unit: 'U_ODENSE' }, { period: '6m', touchpoint: 'OLD' })).toEqual({ period: '6m', journey: 'j-claim', unit: 'U_ODENSE' });
    expect(placeFilter({ journey: 'j-claim', touchpoint: 'TP_CLAIM_FORM', unit: 'U_ODENSE' })).toEqual({ journeyId: 'j-claim', touchpointCodes: ['TP_CLAIM_FORM'], unitCodes: ['U_ODENSE'] });
    expect(placeFilter({ journey: null, touchpoint: null, unit: null })).toEqual({});
  });
});

function session(showCodes: boolean): Session {
  const user = ref<SessionUser | null>({ id: 'u1', name: 'Ana Lyst', email: 'a@touchpoint.local', role: 'ANALYST', department: null, showCodes });
  return { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false, message: '' }), signOut: async () => {}, forget: () => {} };
}

async function mountPage(path: string, showCodes = false) {
  const asked: { name: string; filter: Record<string, unknown> }[] = [];
  const record = (name: string) => (op: Operation) => asked.push({ name, filter: { ...((op.variables as { filter?: Record<string, unknown> }).filter ?? {}) } });
  const answers: Record<string, (op: Operation) => Answer> = {
    Personas: () => ({ data: { personas: [] } }),
    CommentPlaces: () => ({ data: places }),
    CommentThemes: (op) => {
      record('CommentThemes')(op);
      return { data: { themes: { responses: 40, commented: 1, commentedDetractors: 1, commentedPromoters: 0, themes: [], sentiment: [] } } };
    },
    SuggestedThemes: (op) => {
      record('SuggestedThemes')(op);
      return { data: { suggestedThemes: [] } };
    },
    Comments: (op) => {
      record('Comments')(op);
      const item = {
        responseId: 'r1',
        personaCode: 'YOUNG',
        touchpointCode: 'TP_CLAIM_HANDLING',
        touchpointName: 'Claim handling',
        respondedAt: '2026-05-04T10:00:00',
        ltr: 2,
        comment: 'Ventede længe',
        analysis: { language: 'DA', score: -1, label: 'NEGATIVE', themes: [], feelings: [], highlights: [] },
      };
      return { data: { comments: { total: 1, endCursor: null, items: [item] } } };
    },
    FeelingWords: () => ({ data: { feelingWords: [] } }),
  };
  const s = session(showCodes);
  const router = appRouterWithStubPages(s);
  await router.push(path);
  const wrapper = mount(CommentsView, { global: { plugins: [router, [urql, fakeClient(answers)]], provide: { [SessionKey]: s } } });
  await flushPromises();
  return { wrapper, router, asked };
}

const lastFilter = (asked: { name: string; filter: Record<string, unknown> }[], name: string) => asked.filter((a) => a.name === name).at(-1)?.filter;

describe('Comments page: journey, touchpoint and unit', () => {
  it('narrows the aggregates, the suggestions and the list to the chosen touchpoint and unit, through the address', async () => {
    const { wrapper, router, asked } = await mountPage('/comments?period=all');
    expect(lastFilter(asked, 'CommentThemes')).toEqual({});
    const journey = wrapper.get('[data-testid="comments-journey"]');
    expect(journey.findAll('option').map((o) => o.text())).toEqual(['All journeys', 'Making a claim', 'Moving a pension']);

    await journey.setValue('j-claim');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ period: 'all', journey: 'j-claim' });
    // Only the chosen journey's touchpoints, under their phases.
    const touchpoint = wrapper.get('[data-testid="comments-touchpoint"]');
    expect(touchpoint.findAll('optgroup').map((g) => g.attributes('label'))).toEqual(['Report', 'Settle']);
    expect(touchpoint.findAll('option').map((o) => o.text())).toEqual(['All touchpoints', 'Claim form', 'Claim handling']);

    await touchpoint.setValue('TP_CLAIM_HANDLING');
    await flushPromises();
    await wrapper.get('[data-testid="comments-unit"]').setValue('U_ODENSE');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ period: 'all', journey: 'j-claim', touchpoint: 'TP_CLAIM_HANDLING', unit: 'U_ODENSE' });
    const expected = { journeyId: 'j-claim', touchpointCodes: ['TP_CLAIM_HANDLING'], unitCodes: ['U_ODENSE'] };
    for (const name of ['CommentThemes', 'SuggestedThemes', 'Comments']) expect(lastFilter(asked, name)).toEqual(expected);
    // The download asks the server for the same cut.
    const params = new URL(wrapper.get('[data-testid="comments-csv"]').attributes('href') ?? '', 'http://x').searchParams;
    expect([params.get('journey'), params.get('touchpoint'), params.get('unit')]).toEqual(['j-claim', 'TP_CLAIM_HANDLING', 'U_ODENSE']);

    // Another journey: the touchpoint of the first one goes, the unit stays.
    await wrapper.get('[data-testid="comments-journey"]').setValue('j-pension');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ period: 'all', journey: 'j-pension', unit: 'U_ODENSE' });
  });

  it('opens on the place named in a link', async () => {
    const { wrapper, asked } = await mountPage('/comments?touchpoint=TP_PENSION_TRANSFER');
    expect((wrapper.get('[data-testid="comments-touchpoint"]').element as HTMLSelectElement).value).toBe('TP_PENSION_TRANSFER');
    expect(lastFilter(asked, 'Comments')).toMatchObject({ touchpointCodes: ['TP_PENSION_TRANSFER'] });
  });

  it('shows codes beside names only when the analyst has "Show codes" on (issue 18)', async () => {
    const off = await mountPage('/comments?period=all');
    expect(off.wrapper.find('[data-testid="code-tag"]').exists()).toBe(false);
    expect(off.wrapper.get('[data-testid="comments-unit"]').findAll('option').map((o) => o.text())).toEqual(['All units', 'Aarhus', 'Odense']);
    const on = await mountPage('/comments?period=all', true);
    expect(on.wrapper.get('[data-testid="comment-item"]').get('[data-testid="code-tag"]').text()).toBe('TP_CLAIM_HANDLING');
    expect(on.wrapper.get('[data-testid="comments-unit"]').findAll('option').map((o) => o.text())).toEqual(['All units', 'Aarhus (U_AARHUS)', 'Odense (U_ODENSE)']);
  });
});
