import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import DataTable from '../../client/src/shared/components/DataTable.vue';
import type { TableColumn } from '../../client/src/shared/model/table';
import { applyLanguage } from '../../client/src/shared/i18n';

type Unit = { code: string; name: string; customers: number; active: boolean };
const columns: TableColumn<Unit>[] = [
  { key: 'name', label: 'Enhed', value: (r) => r.name },
  { key: 'customers', label: 'Kunder', numeric: true, value: (r) => r.customers },
  { key: 'active', label: 'Aktiv', value: (r) => r.active },
];
const rows: Unit[] = [
  { code: 'CPH', name: 'København', customers: 11155, active: true },
  { code: 'AAL', name: 'Aalborg', customers: 4431, active: false },
];

afterEach(() => applyLanguage('en'));

describe('the shared list table in Danish', () => {
  it('says search, count and empty states in Danish, numbers and yes/no in Danish form', async () => {
    applyLanguage('da');
    const wrapper = mount(DataTable<Unit>, { props: { rows, columns, rowKey: (r: Unit) => r.code, filename: 'units', noun: 'enheder' } });
    const search = wrapper.get('[data-testid="table-search"]');
    expect(search.attributes('placeholder')).toBe('Søg i enheder…');
    expect(search.attributes('aria-label')).toBe('Søg i enheder');
    expect(wrapper.get('.data-table__count').text()).toBe('2 enheder');
    const cells = wrapper.findAll('[data-testid="table-row"]')[0]!.findAll('td').map((td) => td.text());
    expect(cells).toEqual(['København', '11.155', 'ja']);

    await search.setValue('Odense');
    expect(wrapper.get('.data-table__count').text()).toBe('0 af 2 enheder');
    expect(wrapper.get('[data-testid="table-empty"]').text()).toBe('Ingen enheder matcher "Odense".');
    wrapper.unmount();
  });
});
