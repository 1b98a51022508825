/**
 * The one place where text is pasted into SQL. Values should be bound as `$name` parameters; these
 * helpers are for what cannot be bound: identifiers, and literals inside generated DDL or constant
 * lookup tables (the generator's parameter tables).
 */

/** A double-quoted identifier: `quoteIdent('order')` → `"order"`. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL literal for a string, finite number, boolean or null. */
export function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} as a SQL literal`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

/** A list literal, e.g. `['a', 'b']` → `['a', 'b']` in DuckDB syntax. */
export function listLiteral(values: readonly (string | number)[]): string {
  return `[${values.map(literal).join(', ')}]`;
}

/**
 * An inline table: `(VALUES (...), (...)) AS alias(col1, col2)`. Rows must all have the columns, in order.
 * An empty table still has typed columns (`types` gives the SQL type of each column).
 */
export function valuesTable(
  alias: string,
  columns: readonly string[],
  rows: readonly (readonly (string | number | boolean | null)[])[],
  types?: readonly string[],
): string {
  const header = `${quoteIdent(alias)}(${columns.map(quoteIdent).join(', ')})`;
  if (rows.length === 0) {
    const nulls = columns.map((c, i) => `NULL::${types?.[i] ?? 'VARCHAR'} AS ${quoteIdent(c)}`).join(', ');
    return `(SELECT ${nulls} WHERE FALSE) AS ${quoteIdent(alias)}`;
  }
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`valuesTable ${alias}: row has ${row.length} values for ${columns.length} columns`);
  }
  const body = rows.map((row) => `(${row.map((v, i) => (types?.[i] ? `${literal(v)}::${types[i]}` : literal(v))).join(', ')})`).join(',\n');
  return `(VALUES ${body}) AS ${header}`;
}
