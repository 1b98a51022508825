import type { FolderMessages } from '../i18n';

/** The shared building blocks' words: CSV button, cut controls, tables, editor foot, secrets shown once. */
export default {
  en: {
    ui: {
      downloadCsv: 'Download CSV',
      cut: {
        label: 'Which answers the numbers come from',
        persona: 'Persona',
        allCustomers: 'All customers',
        period: 'Period',
        asOfTitle: 'Periods end at the latest answer in the data',
        from: 'From',
        to: 'To',
        apply: 'Apply',
        updating: 'Updating numbers…',
        periods: { '3m': 'Last 3 months', '6m': 'Last 6 months', '12m': 'Last 12 months', today: 'Last 12 months to today', all: 'All time', custom: 'Custom…' },
        asOf: 'as of {day}',
        range: '{from} to {to}',
        customPeriod: 'custom period',
        describe: '{who}, {when}',
        chooseDays: 'Choose a first and a last day.',
        fromAfterTo: 'The first day is after the last day.',
      },
      actions: 'Actions',
      table: { search: 'Search {noun}…', searchLabel: 'Search {noun}', count: '{n} {noun}', countOf: '{shown} of {total} {noun}', none: 'No {noun} yet.', noMatch: 'No {noun} match "{query}".' },
      editor: { saving: 'Saving…', close: 'Close', unsaved: 'Unsaved changes', delete: 'Delete' },
      secret: { onlyNow: 'It is shown only now.', copy: 'Copy', copied: 'Copied', done: 'Done' },
    },
  },
  da: {
    ui: {
      downloadCsv: 'Hent CSV',
      cut: {
        label: 'Hvilke svar tallene bygger på',
        persona: 'Persona',
        allCustomers: 'Alle kunder',
        period: 'Periode',
        asOfTitle: 'Perioderne slutter ved det seneste svar i data',
        from: 'Fra',
        to: 'Til',
        apply: 'Anvend',
        updating: 'Opdaterer tallene…',
        periods: { '3m': 'Seneste 3 måneder', '6m': 'Seneste 6 måneder', '12m': 'Seneste 12 måneder', today: 'Seneste 12 måneder frem til i dag', all: 'Hele perioden', custom: 'Tilpasset…' },
        asOf: 'til og med {day}',
        range: '{from} til {to}',
        customPeriod: 'tilpasset periode',
        describe: '{who}, {when}',
        chooseDays: 'Vælg en første og en sidste dag.',
        fromAfterTo: 'Den første dag ligger efter den sidste dag.',
      },
      actions: 'Handlinger',
      table: { search: 'Søg i {noun}…', searchLabel: 'Søg i {noun}', count: '{n} {noun}', countOf: '{shown} af {total} {noun}', none: 'Ingen {noun} endnu.', noMatch: 'Ingen {noun} matcher "{query}".' },
      editor: { saving: 'Gemmer…', close: 'Luk', unsaved: 'Ikke gemte ændringer', delete: 'Slet' },
      secret: { onlyNow: 'Den vises kun nu.', copy: 'Kopiér', copied: 'Kopieret', done: 'Færdig' },
    },
  },
} satisfies FolderMessages;
