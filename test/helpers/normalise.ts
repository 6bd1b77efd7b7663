/**
 * The one place where results are normalised before comparison, for representation only:
 * - numbers and bigints become their decimal text;
 * - exact decimals lose trailing fractional zeros ('12.3400' → '12.34'; SQL Server, DuckDB and
 *   PostgreSQL print different scales for the same value);
 * - timestamps lose trailing fractional zeros ('2020-01-01 10:00:00.500' → '2020-01-01 10:00:00.5'),
 *   and a 'T' separator becomes a space;
 * - booleans become '1'/'0' (SQL Server has no boolean results, only bit).
 * Expected values in the tests go through the same function.
 */
export type Cell = string | null;
export type Row = Cell[];

export function normaliseValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number' || typeof v === 'bigint') return normaliseText(String(v));
  return normaliseText(String(v));
}

export function normaliseText(s: string): string {
  if (/^-?\d+\.\d+$/.test(s)) {
    const t = s.replace(/0+$/, '').replace(/\.$/, '');
    return t === '-0' ? '0' : t;
  }
  const ts = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d+)?$/.exec(s);
  if (ts) {
    const frac = (ts[3] ?? '').replace(/0+$/, '').replace(/^\.$/, '');
    return `${ts[1]} ${ts[2]}${frac}`;
  }
  return s;
}

export function normaliseRows(rows: readonly (readonly unknown[])[]): Row[] {
  return rows.map((r) => r.map(normaliseValue));
}

/**
 * A float4 (`real`) value that DuckDB hands back as its double expansion ('0.15000000596046448')
 * becomes the shortest text that reads back as the same float4 ('0.15'), which is what PostgreSQL
 * prints. Only values that are exactly a float4 and printed with 7+ fractional digits are touched:
 * a double, or any other number, stays as it is. Representation only: the value is unchanged.
 */
export function float4Shortest(c: Cell): Cell {
  if (c === null || !/^-?\d+\.\d{7,}$/.test(c)) return c;
  const v = Number(c);
  if (Math.fround(v) !== v) return c;
  for (let p = 1; p <= 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return normaliseText(String(Number(s)));
  }
  return c;
}
