/** A list edited as text, one item a line: blank lines and surrounding spaces do not count. */
export const linesToList = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export const listToLines = (list: readonly string[]): string => list.join('\n');
