import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { computed, ref } from 'vue';
import { SessionKey, type Session } from '../../client/src/features/auth/composables/useSession';
import CaseReport from '../../client/src/features/business-case/components/CaseReport.vue';
import FormulaDisclosure from '../../client/src/shared/formula/FormulaDisclosure.vue';
import { applyLanguage } from '../../client/src/shared/i18n';
import { makeBusinessCase } from './support/businessCase';

afterEach(() => applyLanguage('en'));

/** The case report as an executive of a company whose minimum cell is 5 customers. */
function mountCase(bc = makeBusinessCase()) {
  const user = ref({ id: 'u1', name: 'Exec', email: 'e@x', role: 'EXECUTIVE' as const, department: null, minCellCustomers: 5 });
  const session = { user, ready: ref(true), signedIn: computed(() => true) } as unknown as Session;
  return mount(CaseReport, { props: { bc, filename: 'case' }, global: { provide: { [SessionKey as symbol]: session } }, attachTo: document.body });
}

describe('formulas one click away on the business case (issue 18)', () => {
  it('opens the net present value formula with its inputs and currency from a button, and closes it again', async () => {
    const wrapper = mountCase();
    const npv = wrapper.find('[data-testid="formula"][data-figure="NET_PRESENT_VALUE"]');
    const toggle = npv.find('button[data-testid="formula-toggle"]');
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(toggle.text()).toContain('How is this computed?');
    expect(npv.find('[data-testid="formula-panel"]').exists()).toBe(false);

    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    const panel = npv.find('[data-testid="formula-panel"]');
    expect(toggle.attributes('aria-controls')).toBe(panel.attributes('id'));
    // The words are on the page, not in a tooltip.
    expect(panel.text()).toContain('Net present value = present value of the margin uplift');
    const rows = panel.findAll('[data-testid="formula-input"]').map((r) => r.text());
    expect(rows).toEqual([
      'Margin uplift (present value)DKK 1,000',
      'Margin kept by lower churn (present value)DKK 500',
      'One-off costDKK 500',
      'Yearly costs (present value)DKK 0',
    ]);
    expect(panel.find('[data-testid="formula-result"]').text()).toBe('DKK 1,000');

    await toggle.trigger('click');
    expect(npv.find('[data-testid="formula-panel"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('names per-year inputs with their year and the payback as a month, in Danish too', async () => {
    applyLanguage('da');
    const wrapper = mountCase();
    const payback = wrapper.find('[data-testid="formula"][data-figure="PAYBACK_MONTH"]');
    expect(payback.find('button').text()).toContain('Hvordan er tallet beregnet?');
    await payback.find('button').trigger('click');
    const panel = payback.find('[data-testid="formula-panel"]');
    expect(panel.text()).toContain('Tilbagebetaling = den første måned');
    const rows = panel.findAll('[data-testid="formula-input"]').map((r) => r.text().replace(/\s+/g, ' '));
    expect(rows[1]).toBe('Gevinst minus årlig omkostning, år 1750 kr. om året');
    expect(panel.find('[data-testid="formula-result"]').text()).toBe('måned 9');
    wrapper.unmount();
  });

  it('shows one short word in a narrow column while screen readers hear the whole question, in both languages', async () => {
    const formula = makeBusinessCase().formulas.find((f) => f.figure === 'PAYBACK_MONTH');
    const wrapper = mount(FormulaDisclosure, { props: { formula, short: true }, attachTo: document.body });
    const toggle = wrapper.find('button[data-testid="formula-toggle"]');
    /** What is drawn: the button's text without the screen-reader-only parts. */
    const drawn = () => {
      const copy = toggle.element.cloneNode(true);
      if (!(copy instanceof HTMLElement)) throw new Error('no button');
      copy.querySelectorAll('.visually-hidden, [aria-hidden="true"]').forEach((n) => n.remove());
      return copy.textContent?.trim();
    };
    expect(drawn()).toBe('Formula');
    // The accessible name starts with the visible word (label in name) and keeps the full question.
    expect(toggle.text()).toBe('ƒFormula: how is this computed? (Payback)');
    await toggle.trigger('click');
    expect(drawn()).toBe('Hide the formula');
    await toggle.trigger('click');
    applyLanguage('da');
    await wrapper.vm.$nextTick();
    expect(drawn()).toBe('Formel');
    expect(toggle.text()).toBe('ƒFormel: hvordan er tallet beregnet? (Tilbagebetaling)');
    wrapper.unmount();
  });

  it('shows no formula button for a figure the server gave no formula for', () => {
    const wrapper = mountCase(makeBusinessCase({ formulas: [] }));
    expect(wrapper.findAll('[data-testid="formula"]')).toHaveLength(0);
    wrapper.unmount();
  });
});

describe('hidden to protect privacy on the business case (issue 15)', () => {
  it('says why a suppressed assumption and a suppressed translation step have no figures', () => {
    const bc = makeBusinessCase({
      assumptions: [{ group: 'PROMOTER', input: 'CHURN_12M', value: null, low: null, high: null, n: null, source: 'internal', overridden: false, suppressed: true }],
      translation: [
        {
          touchpointCode: 'TP_WEB', touchpointName: 'Web quote', customersAtTouchpoint: null, from: 'DETRACTOR', to: 'PASSIVE', share: 0.4,
          satisfactionChange: null, ltrPerSatisfactionPoint: 0.8, ltrShift: null, movers: null, explanation: 'TP_WEB: hidden', suppressed: true,
        },
      ],
    });
    const wrapper = mountCase(bc);
    expect(wrapper.find('[data-testid="assumption-hidden"]').text()).toBe('fewer than 5 customers: hidden to protect privacy');
    const step = wrapper.find('[data-testid="translation-step"]');
    expect(step.find('[data-testid="translation-hidden"]').text()).toBe('fewer than 5 customers: hidden to protect privacy');
    // No code for an executive, the name only; no counts.
    expect(step.text()).not.toContain('TP_WEB');
    expect(step.findAll('td.num').map((c) => c.text())).toEqual(['—', '—', '0.80', '—', '—']);
    wrapper.unmount();
  });
});
