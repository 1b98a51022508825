/**
 * A stored number as a form shows it for editing: `value × factor` (100 for a share shown in per cent),
 * rounded to 6 decimals. That takes away binary noise (0.07 × 100 = 7.000000000000001 shows as 7) and
 * keeps every digit a person could have typed, so a form saved unchanged saves the value it showed.
 */
export function editableNumber(value: number, factor = 1): number {
  return Math.round(value * factor * 1e6) / 1e6;
}
