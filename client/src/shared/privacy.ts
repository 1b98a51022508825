/**
 * The words for a group the server hid by small-cell suppression (its `suppressed` flag): how many
 * customers a group needs (the signed-in user's `minCellCustomers`), and why its figures are missing.
 */
export function hiddenForPrivacy(minCellCustomers: number | null | undefined): string {
  return minCellCustomers ? `fewer than ${minCellCustomers} customers: hidden to protect privacy` : 'too few customers: hidden to protect privacy';
}
