import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import BoardPackDownloads from '../../client/src/features/business-case/components/BoardPackDownloads.vue';

describe('board pack downloads', () => {
  it('links both files to the case on screen, with the persona cut of an initiative case', () => {
    const wrapper = mount(BoardPackDownloads, { props: { scenarioId: null, initiativeId: 'i-1', personaCode: 'YOUNG' } });
    expect(wrapper.get('[data-testid="board-pack-xlsx"]').attributes('href')).toBe('/export/board-pack.xlsx?initiative=i-1&persona=YOUNG');
    expect(wrapper.get('[data-testid="board-pack-pdf"]').attributes('href')).toBe('/export/board-pack.pdf?initiative=i-1&persona=YOUNG');
  });

  it('names a saved scenario by its id, and shows nothing without a case', () => {
    expect(mount(BoardPackDownloads, { props: { scenarioId: 's-9', initiativeId: null, personaCode: 'X' } }).get('a').attributes('href')).toBe('/export/board-pack.xlsx?scenario=s-9');
    expect(mount(BoardPackDownloads, { props: { scenarioId: null, initiativeId: null, personaCode: null } }).find('a').exists()).toBe(false);
  });
});
