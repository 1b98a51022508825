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
      },
      actions: 'Actions',
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
      },
      actions: 'Handlinger',
      editor: { saving: 'Gemmer…', close: 'Luk', unsaved: 'Ikke gemte ændringer', delete: 'Slet' },
      secret: { onlyNow: 'Den vises kun nu.', copy: 'Kopiér', copied: 'Kopieret', done: 'Færdig' },
    },
  },
} satisfies FolderMessages;
