/**
 * Issue 23: every chart has a text alternative, its data as a real table (caption, column and row
 * headers) behind a keyboard-operable "Show as table" button, in English and Danish.
 */
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import BaseChart from '../../client/src/components/charts/BaseChart.vue';
import { chartTable, tableFromOption } from '../../client/src/components/charts/table';
import type { ChartOption } from '../../client/src/components/charts/types';
import { applyLanguage } from '../../client/src/shared/i18n';
import { trendOption } from '../../client/src/features/status/model/trend';
import { loyaltyOption, unitsOption } from '../../client/src/features/status/model/status';

// ECharts draws on a canvas happy-dom does not have: the table is what is under test, not the drawing.
vi.mock('vue-echarts', () => ({ default: defineComponent({ setup: () => () => h('canvas') }) }));

afterEach(() => applyLanguage('en'));

const points = [
  { bucket: '2026-01-01', value: -20, ciLow: -24, ciHigh: -16, n: 400, complete: true },
  { bucket: '2026-02-01', value: -12.25, ciLow: -15, ciHigh: -9, n: 1420, complete: true },
  { bucket: '2026-03-01', value: null, ciLow: null, ciHigh: null, n: 0, complete: true },
  { bucket: '2026-04-01', value: -10, ciLow: -20, ciHigh: 0, n: 80, complete: false, days: 30, daysWithData: 6 },
];

describe('BaseChart: the table alternative', () => {
  it('offers "Show as table" as a button that opens a captioned table with column and row headers, and closes it again', async () => {
    const wrapper = mount(BaseChart, { props: { option: trendOption({ points, unit: '' }), label: 'Relationship NPS by month' }, attachTo: document.body });
    const button = wrapper.get('[data-testid="chart-table-toggle"]');
    expect(button.element.tagName).toBe('BUTTON');
    expect(button.text()).toBe('Show as table');
    expect(button.attributes('aria-expanded')).toBe('false');
    const region = wrapper.get(`#${button.attributes('aria-controls')}`);
    expect(region.attributes('hidden')).toBeDefined();
    expect(wrapper.find('table').exists()).toBe(false);

    await button.trigger('click');
    expect(button.attributes('aria-expanded')).toBe('true');
    expect(button.text()).toBe('Hide table');
    expect(region.attributes('hidden')).toBeUndefined();
    const table = region.get('table');
    expect(table.get('caption').text()).toBe('Relationship NPS by month');
    expect(table.findAll('thead th').map((th) => [th.text(), th.attributes('scope')])).toEqual([
      ['Period', 'col'],
      ['Value', 'col'],
      ['Low (95% interval)', 'col'],
      ['High (95% interval)', 'col'],
      ['Answers (n)', 'col'],
      ['Note', 'col'],
    ]);
    // The month without a value is not a row; the partial month says so in words.
    const rows = table.findAll('tbody tr').map((tr) => tr.findAll('th, td').map((c) => c.text()));
    expect(rows).toEqual([
      ['January 2026', '−20', '−24', '−16', '400', ''],
      ['February 2026', '−12.3', '−15', '−9', '1,420', ''],
      ['April 2026', '−10', '−20', '0', '80', 'partial: 6 of 30 days'],
    ]);
    expect(table.findAll('tbody th').every((th) => th.attributes('scope') === 'row')).toBe(true);

    await button.trigger('click');
    expect(button.attributes('aria-expanded')).toBe('false');
    expect(wrapper.find('table').exists()).toBe(false);
    wrapper.unmount();
  });

  it('speaks Danish in Danish: the button, the headers and the numbers', async () => {
    applyLanguage('da');
    const wrapper = mount(BaseChart, { props: { option: trendOption({ points, unit: '' }), label: 'NPS pr. måned' } });
    const button = wrapper.get('[data-testid="chart-table-toggle"]');
    expect(button.text()).toBe('Vis som tabel');
    await button.trigger('click');
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['Periode', 'Værdi', 'Nedre grænse (95 %)', 'Øvre grænse (95 %)', 'Svar (n)', 'Bemærkning']);
    expect(wrapper.findAll('tbody tr')[1]?.findAll('td').map((c) => c.text())).toEqual(['−12,3', '−15', '−9', '1.420', '']);
    expect(button.text()).toBe('Skjul tabel');
  });
});

describe('the table read from an option', () => {
  it('a category chart: one row per category, one column per series, decorations (silent series) left out', () => {
    const option: ChartOption = {
      xAxis: { type: 'category', data: ['Promoters', 'Passives', 'Detractors'] },
      yAxis: { type: 'value' },
      series: [
        { type: 'bar', silent: true, data: [1, 2, 3] },
        { type: 'bar', name: 'Churn', data: [4.5, 9, null] },
        { type: 'line', name: 'Margin', data: [{ value: 12000 }, 9000, 7000.25] },
      ],
    };
    expect(tableFromOption(option)).toEqual({
      columns: ['Category', 'Churn', 'Margin'],
      rows: [
        ['Promoters', '4.5', '12,000'],
        ['Passives', '9', '9,000'],
        ['Detractors', '—', '7,000.25'],
      ],
      numeric: [1, 2],
    });
  });

  it('a scatter chart: one row per point with its name and both axes by their names', () => {
    const unit = (name: string, es: number, nps: number) => ({
      unitCode: name,
      name,
      customers: 100,
      managementQuality: { mean: 3 },
      employeeSatisfaction: { mean: es },
      nps: { nps, n: 50 },
      marginPerCustomer: { mean: 1000 },
    });
    // Only the fields the chart reads; the query type has more.
    const table = chartTable(unitsOption([unit('Aarhus', 71.25, -12), unit('Odense', 64, 8)] as unknown as Parameters<typeof unitsOption>[0]));
    expect(table.columns).toEqual(['Name', 'Employee satisfaction (0–100)', 'Relationship NPS']);
    expect(table.rows).toEqual([
      ['Aarhus', '71.3', '−12'],
      ['Odense', '64', '8'],
    ]);
  });

  it('the loyalty chart reads its groups and both series', () => {
    const group = (g: 'PROMOTER' | 'DETRACTOR', churn: number, margin: number) => ({ group: g, churn: { share: churn }, annualMargin: { mean: margin } });
    const table = chartTable(loyaltyOption([group('PROMOTER', 0.05, 4200), group('DETRACTOR', 0.18, 2100)] as unknown as Parameters<typeof loyaltyOption>[0]));
    expect(table.columns).toEqual(['Category', '12-month churn', 'Annual margin per customer']);
    expect(table.rows.map((r) => r.slice(1))).toEqual([
      ['5', '4,200'],
      ['18', '2,100'],
    ]);
  });
});
