import urql from '@urql/vue';
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { SessionKey, type Session, type SessionUser } from '../../client/src/features/auth/composables/useSession';
import JourneyMap from '../../client/src/features/journeys/components/JourneyMap.vue';
import TouchpointDetail from '../../client/src/features/journeys/components/TouchpointDetail.vue';
import { CHANNEL_LABELS, STATE_LABELS } from '../../client/src/features/journeys/model/labels';
import { buildJourneyMap } from '../../client/src/features/journeys/model/journeyMap';
import type { NpsBadgeData } from '../../client/src/features/journeys/model/measures';
import type { Role } from '../../client/src/graphql/generated';
import { resetShowCodes } from '../../client/src/shared/composables/useShowCodes';
import { applyLanguage } from '../../client/src/shared/i18n';
import { hiddenForPrivacy } from '../../client/src/shared/privacy';
import { makeJourney, makePhase, makeTouchpoint } from './support/factories';
import { fakeClient } from './support/fakeClient';

const badge = (nps: number, n: number): NpsBadgeData => ({ nps, n, low: nps - 5, high: nps + 5, lowSample: n < 30 });

function sessionFor(role: Role, showCodes?: boolean): Session {
  const user = ref<SessionUser>({ id: 'u', name: 'U', email: 'u@x', role, language: null, department: null, showCodes, minCellCustomers: 5 });
  return { user, ensureLoaded: async () => user.value, signIn: async () => ({ ok: false, message: '' }), signOut: async () => {}, forget: () => {} };
}

const journey = makeJourney({
  phases: [
    makePhase({
      id: 'ph1',
      name: 'Skade',
      touchpoints: [
        makeTouchpoint({ id: 'many', name: 'Anmelder skade', code: 'TP_CLAIM', channel: 'PHONE', online: false, critical: true, position: 0 }),
        makeTouchpoint({ id: 'few', name: 'Rådgivermøde', code: 'TP_ADVISOR', position: 1 }),
        makeTouchpoint({ id: 'quiet', name: 'Brev', code: 'TP_LETTER', position: 2 }),
      ],
    }),
    makePhase({ id: 'ph2', name: 'Fornyelse', position: 1, touchpoints: [makeTouchpoint({ id: 'renew', code: 'TP_RENEW' })] }),
  ],
});

/** The map with numbers for one cut: one touchpoint measured, one hidden for privacy, one without answers; phase 2 hidden. */
function mountMap(options: { session?: Session; editable?: boolean; codes?: boolean } = {}) {
  return mount(JourneyMap, {
    props: {
      phases: buildJourneyMap(journey, options.codes ?? false).phases,
      measured: true,
      editable: options.editable ?? false,
      codes: options.codes ?? false,
      npsByTouchpoint: new Map([['many', badge(12, 240)]]),
      npsByPhase: new Map([['ph1', badge(10, 300)]]),
      hidden: { touchpoints: new Set(['few']), phases: new Set(['ph2']), words: hiddenForPrivacy(5) },
    },
    global: options.session ? { provide: { [SessionKey]: options.session } } : {},
  });
}
const card = (w: ReturnType<typeof mountMap>, id: string) => w.get(`[data-touchpoint-id="${id}"]`);

afterEach(() => {
  applyLanguage('en');
  resetShowCodes();
});

describe('the journey map in Danish', () => {
  it('writes its words, labels and numbers in Danish', () => {
    applyLanguage('da');
    const w = mountMap();
    expect(w.text()).toContain('Kontaktpunkter');
    expect(w.text()).toContain('Handlinger');
    expect(w.get('[data-testid="phase-column"]').text()).toContain('3 kontaktpunkter');
    expect(w.findAll('[data-testid="phase-column"]')[1]!.text()).toContain('1 kontaktpunkt');
    const first = card(w, 'many');
    expect(first.text()).toContain('Telefon');
    expect(first.text()).toContain('Offline');
    expect(first.text()).toContain('Kritisk');
    expect(first.attributes('aria-label')).toBe('Skade 1: Anmelder skade. Telefon, offline; kritisk; ejet af Customer Service; ansvarlig Pia Holm.');
    // The tooltip gives the interval; screen readers hear the badge in words (issue 23).
    expect(first.get('[data-testid="nps-badge"]').attributes('title')).toBe('NPS +12, 95 %-konfidensinterval +7 til +17, n = 240');
    expect(first.get('[data-testid="nps-badge"]').attributes('aria-label')).toBe('NPS plus 12, plus/minus 5, 240 svar');
    expect(w.get('[data-testid="journey-map"]').attributes('aria-label')).toBe('Kunderejsekort: faserne som kolonner');
  });

  it('follows a change of language without being rebuilt (labels read when shown)', () => {
    expect(CHANNEL_LABELS.FACE_TO_FACE).toBe('Face to face');
    expect(STATE_LABELS.AS_IS).toBe('As-is');
    applyLanguage('da');
    expect(CHANNEL_LABELS.FACE_TO_FACE).toBe('Personligt møde');
    expect(STATE_LABELS.AS_IS).toBe('Nuværende');
    expect(Object.keys(CHANNEL_LABELS)).toHaveLength(12);
  });
});

describe('numbers hidden to protect privacy (small-cell suppression)', () => {
  it('says why on the card and in the phase header instead of "no answers", in both languages', () => {
    const w = mountMap();
    expect(card(w, 'few').get('[data-testid="nps-hidden"]').text()).toBe('fewer than 5 customers: hidden to protect privacy');
    expect(card(w, 'few').find('[data-testid="nps-none"]').exists()).toBe(false);
    expect(card(w, 'quiet').get('[data-testid="nps-none"]').text()).toBe('no answers');
    expect(card(w, 'quiet').find('[data-testid="nps-hidden"]').exists()).toBe(false);
    const heads = w.findAll('[data-testid="phase-nps"]');
    expect(heads[1]!.get('[data-testid="phase-hidden"]').text()).toBe('fewer than 5 customers: hidden to protect privacy');
    expect(heads[0]!.find('[data-testid="phase-hidden"]').exists()).toBe(false);

    applyLanguage('da');
    const da = mountMap({ session: sessionFor('EXECUTIVE') });
    expect(card(da, 'few').get('[data-testid="nps-hidden"]').text()).toBe('færre end 5 kunder: skjult af hensyn til privatlivet');
    expect(card(da, 'quiet').get('[data-testid="nps-none"]').text()).toBe('ingen svar');
  });

  it('says it in the touchpoint detail too', () => {
    const tp = buildJourneyMap(journey).phases[0]!.touchpoints[1]!;
    const w = mount(TouchpointDetail, {
      props: { tp, phaseName: 'Skade', measure: { nps: undefined, csat: null, measured: true, suppressed: true }, filter: null, hiddenWords: hiddenForPrivacy(5) },
      global: { plugins: [[urql, fakeClient({})]], stubs: { EmotionalFactors: true, TouchpointCommentThemes: true, RouterLink: true, StatusMessage: true } },
    });
    expect(w.get('[data-testid="detail-hidden"]').text()).toBe('fewer than 5 customers: hidden to protect privacy');
    expect(w.text()).not.toContain('Nobody in this cut answered here.');
  });
});

describe('"Show codes" on the journey map', () => {
  it('shows names only by default: no survey code on the cards or in what a screen reader hears', () => {
    const w = mountMap({ session: sessionFor('EXECUTIVE') });
    expect(w.find('[data-testid="code-tag"]').exists()).toBe(false);
    expect(w.text()).not.toMatch(/TP_/);
    expect(card(w, 'many').attributes('aria-label')).not.toContain('TP_CLAIM');
  });

  it('puts the code beside each touchpoint name for an analyst who switched it on', () => {
    const w = mountMap({ session: sessionFor('ANALYST', true), codes: true });
    expect(card(w, 'many').get('[data-testid="code-tag"]').text()).toBe('TP_CLAIM');
    expect(card(w, 'many').get('h4').text()).toBe('Anmelder skadeTP_CLAIM');
    expect(card(w, 'many').attributes('aria-label')).toContain('code TP_CLAIM');
  });

  it('shows the survey code while editing, where it is set', () => {
    const w = mountMap({ session: sessionFor('STRATEGIST'), editable: true });
    expect(card(w, 'many').get('[data-testid="touchpoint-code"]').text()).toBe('TP_CLAIM');
  });
});
