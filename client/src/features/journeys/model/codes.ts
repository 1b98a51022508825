/** Danish letters spelled the way survey codes usually do (codes are ASCII). */
const LETTERS: Record<string, string> = { æ: 'AE', ø: 'OE', å: 'AA', Æ: 'AE', Ø: 'OE', Å: 'AA', ß: 'SS' };

/**
 * A survey code proposed from a touchpoint's name: "Første møde med rådgiver" → "TP_FOERSTE_MOEDE_MED_RAADGIVER".
 * ASCII letters, digits and "_", at most 40 characters; `taken` codes (any case) get a _2, _3... suffix.
 */
export function proposeCode(name: string, taken: ReadonlySet<string> = new Set(), prefix = 'TP_'): string {
  const ascii = name
    .replace(/[æøåÆØÅß]/g, (c) => LETTERS[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const base = `${prefix}${ascii || 'TOUCHPOINT'}`.slice(0, 40).replace(/_+$/, '');
  const upper = new Set([...taken].map((c) => c.toUpperCase()));
  if (!upper.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 40 - String(n).length - 1)}_${n}`;
    if (!upper.has(candidate)) return candidate;
  }
}

/** One touchpoint per non-empty line of a pasted list (bullets, numbering and tabs after the name dropped), each with a proposed code. */
export function parsePastedNames(text: string, taken: ReadonlySet<string>): { name: string; code: string }[] {
  const used = new Set(taken);
  return text
    .split(/\r?\n/)
    .map((line) => line.split('\t')[0]?.replace(/^\s*(?:[-*•·]|\d+[.)])\s*/, '').trim() ?? '')
    .filter(Boolean)
    .map((name) => {
      const code = proposeCode(name, used);
      used.add(code);
      return { name, code };
    });
}
