import type { FormulaFieldsFragment, FormulaUnit } from '../../graphql/generated';
import { formatCount, formatDecimal, formatMoney, formatShare } from '../format';
import { t } from '../i18n';

/** A formula as the server sends it beside a figure: every query selects it with the FormulaFields fragment (shared/fragments). */
export type FormulaData = FormulaFieldsFragment;

/** Whole numbers as counts ("100"), others with `digits` decimals. */
const plain = (v: number, digits: number) => (Number.isInteger(v) ? formatCount(v) : formatDecimal(v, digits));

/** A value in its unit, money with the currency, through format.ts; '—' when unknown. */
export function formatUnit(value: number | null, unit: FormulaUnit): string {
  if (value === null) return t('formula.notComputed');
  switch (unit) {
    case 'CURRENCY':
      return formatMoney(value);
    case 'CURRENCY_PER_YEAR':
      return t('formula.units.perYear', { value: formatMoney(value) });
    case 'CURRENCY_PER_CUSTOMER_PER_YEAR':
      return t('formula.units.perCustomerYear', { value: formatMoney(value) });
    case 'SHARE':
      return formatShare(value, Math.abs(value) < 0.1 ? 2 : 1);
    case 'CUSTOMERS':
      return t('formula.units.customers', { n: formatCount(value) });
    case 'YEARS':
      return t('formula.units.years', { n: formatCount(value) }, value);
    case 'MONTHS':
      return t('formula.units.month', { n: formatCount(value) });
    case 'NPS_POINTS':
      return t('formula.units.npsPoints', { n: plain(value, 1) });
    case 'CSAT_POINTS':
      return t('formula.units.csatPoints', { n: plain(value, 2) });
    default:
      return plain(value, 4);
  }
}

/** An input's name, with its year for inputs given per year. */
export const termLabel = (input: FormulaData['inputs'][number]): string =>
  input.year === null ? t(`formula.terms.${input.term}`) : t('formula.inYear', { name: t(`formula.terms.${input.term}`), year: input.year });
