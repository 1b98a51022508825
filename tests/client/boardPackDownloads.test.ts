import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import BoardPackDownloads from '../../client/src/features/business-case/components/BoardPackDownloads.vue';
import { applyLanguage } from '../../client/src/shared/i18n';

describe('board pack downloads', () => {
  afterEach(() => applyLanguage('en'));

  it('links both files to the case on screen, with the persona cut of an initiative case, in the language shown', () => {
    const wrapper = mount(BoardPackDownloads, { props: { scenarioId: null, initiativeId: 'i-1', personaCode: 'YOUNG' } });
    expect(wrapper.get('[data-testid="board-pack-xlsx"]').attributes('href')).toBe('/export/board-pack.xlsx?initiative=i-1&persona=YOUNG&lang=en');
    expect(wrapper.get('[data-testid="board-pack-pdf"]').attributes('href')).toBe('/export/board-pack.pdf?initiative=i-1&persona=YOUNG&lang=en');
  });

  it('asks for the Danish files when the page is in Danish', () => {
    applyLanguage('da');
    const wrapper = mount(BoardPackDownloads, { props: { scenarioId: null, initiativeId: 'i-1', personaCode: null } });
    expect(wrapper.get('[data-testid="board-pack-xlsx"]').attributes('href')).toBe('/export/board-pack.xlsx?initiative=i-1&lang=da');
  });

  it('names a saved scenario by its id, and shows nothing without a case', () => {
    expect(mount(BoardPackDownloads, { props: { scenarioId: 's-9', initiativeId: null, personaCode: 'X' } }).get('a').attributes('href')).toBe('/export/board-pack.xlsx?scenario=s-9&lang=en');
    expect(mount(BoardPackDownloads, { props: { scenarioId: null, initiativeId: null, personaCode: null } }).find('a').exists()).toBe(false);
  });
});
