import type { FolderMessages } from '../../shared/i18n';

/** The charts' own words: the table alternative of every chart and the loading placeholder. */
export default {
  en: {
    charts: {
      showTable: 'Show as table',
      hideTable: 'Hide table',
      couldNotLoad: 'Chart could not load',
      table: { category: 'Category', value: 'Value', x: 'X', name: 'Name', group: 'Group', period: 'Period', low: 'Low (95% interval)', high: 'High (95% interval)', answers: 'Answers (n)', note: 'Note', phase: 'Phase', documented: 'Documented (workshop)', touchpoint: 'Touchpoint', quadrant: 'Quadrant', importance: 'Importance', item: 'Item', amount: 'Amount' },
    },
  },
  da: {
    charts: {
      showTable: 'Vis som tabel',
      hideTable: 'Skjul tabel',
      couldNotLoad: 'Diagrammet kunne ikke indlæses',
      table: { category: 'Kategori', value: 'Værdi', x: 'X', name: 'Navn', group: 'Gruppe', period: 'Periode', low: 'Nedre grænse (95 %)', high: 'Øvre grænse (95 %)', answers: 'Svar (n)', note: 'Bemærkning', phase: 'Fase', documented: 'Dokumenteret (workshop)', touchpoint: 'Kontaktpunkt', quadrant: 'Kvadrant', importance: 'Vigtighed', item: 'Post', amount: 'Beløb' },
    },
  },
} satisfies FolderMessages;
