import type { FolderMessages } from '../../shared/i18n';

/** The initiatives page: the list, the editor and the live business case beside it. */
export default {
  en: {
    initiatives: {
      case: {
        title: 'Business case',
        fixTitle: 'Fix the marked fields',
        fixMessage: 'The case is computed once the costs and the effect read as numbers.',
        loading: 'Computing the business case…',
        npv: 'Net present value',
        range: 'range {low} … {high}',
        roi: 'ROI',
        noCosts: 'no costs',
        payback: 'Payback',
        notWithin: 'not within {n} year | not within {n} years',
        month: 'month {n}',
        rank: 'Rank',
        rankOf: '{rank} of {total}',
        ranking: 'ranking…',
        saveToRank: 'of the saved initiatives; save to rank this version',
        horizon: '{n} year at {rate} a year. | {n} years at {rate} a year.',
        notRanked: 'Not ranked by value: {problem}',
      },
      picker: {
        chosen: 'Chosen touchpoints',
        remove: 'Remove {name}',
        placeholder: 'Find a touchpoint by name, code, journey or phase…',
        noCode: 'no code',
        toBe: ' (to-be)',
        none: 'No touchpoint matches "{query}".',
      },
    },
  },
  da: {
    initiatives: {
      case: {
        title: 'Business case',
        fixTitle: 'Ret de markerede felter',
        fixMessage: 'Business casen beregnes, når omkostningerne og effekten er skrevet som tal.',
        loading: 'Beregner business casen…',
        npv: 'Nettonutidsværdi',
        range: 'spænd {low} … {high}',
        roi: 'ROI',
        noCosts: 'ingen omkostninger',
        payback: 'Tilbagebetaling',
        notWithin: 'ikke inden for {n} år | ikke inden for {n} år',
        month: 'måned {n}',
        rank: 'Placering',
        rankOf: '{rank} af {total}',
        ranking: 'rangordner…',
        saveToRank: 'blandt de gemte initiativer; gem for at rangordne denne version',
        horizon: '{n} år med {rate} om året. | {n} år med {rate} om året.',
        notRanked: 'Ikke rangordnet efter værdi: {problem}',
      },
      picker: {
        chosen: 'Valgte kontaktpunkter',
        remove: 'Fjern {name}',
        placeholder: 'Find et kontaktpunkt efter navn, kode, kunderejse eller fase…',
        noCode: 'ingen kode',
        toBe: ' (fremtidig)',
        none: 'Intet kontaktpunkt passer til "{query}".',
      },
    },
  },
} satisfies FolderMessages;
