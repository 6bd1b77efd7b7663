/**
 * Text → the canonical value a column of each kind is loaded with (see `Cell`). Shared by data
 * files (BULK INSERT, CSV, Parquet read as text) and script literals. Returns undefined when the
 * text is not a valid value of the kind, so the caller can report it with its position.
 */
import { readDate, type DateFormat } from '../translate/index.js';
import type { LoadColumn, ValueKind } from './columns.js';
import type { Cell } from './model.js';

const INT = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const UUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;
const ISO_DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[T ](.*))?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*([AaPp][Mm])?$/;

const pad = (n: number | string, w = 2) => String(n).padStart(w, '0');

/** Fraction digits kept: DuckDB and PostgreSQL store microseconds (datetime2's 7th digit is cut). */
function fraction(f: string | undefined): string {
  if (!f) return '';
  const six = f.slice(0, 6).replace(/0+$/, '');
  return six ? `.${six}` : '';
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

/** A date/datetime string in ISO, `yyyymmdd` or DATEFORMAT order (`7/4/1996`, `06/12/91`). */
function readDateTime(text: string, withTime: boolean, dateFormat: DateFormat): string | undefined {
  let s = text.trim();
  const slashed = readDate(s, dateFormat);
  if (slashed !== undefined) s = slashed;
  const compact = COMPACT.exec(s);
  if (compact) s = `${compact[1]}-${compact[2]}-${compact[3]}${compact[4] ? ` ${compact[4]}` : ''}`;
  // '1996-07-04 10:00AM' style times after a date.
  const m = ISO_DATETIME.exec(s) ?? ISO_DATETIME.exec(s.replace(/\s*([AaPp][Mm])$/, ''));
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDate(y, mo, d)) return undefined;
  const date = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  if (!withTime) return date;
  let h = Number(m[4] ?? 0);
  const ampm = /([AaPp])[Mm]$/.exec(s)?.[1]?.toLowerCase();
  if (ampm === 'p' && h < 12) h += 12;
  if (ampm === 'a' && h === 12) h = 0;
  const mi = Number(m[5] ?? 0);
  const se = Number(m[6] ?? 0);
  if (h > 23 || mi > 59 || se > 59) return undefined;
  const tz = m[8] ? (m[8] === 'Z' ? '+00:00' : m[8].length === 5 ? `${m[8].slice(0, 3)}:${m[8].slice(3)}` : m[8]) : '';
  return `${date} ${pad(h)}:${pad(mi)}:${pad(se)}${fraction(m[7])}${tz}`;
}

function readTime(text: string): string | undefined {
  const m = TIME.exec(text.trim());
  if (!m) return undefined;
  let h = Number(m[1]);
  const ampm = m[5]?.[0]?.toLowerCase();
  if (ampm === 'p' && h < 12) h += 12;
  if (ampm === 'a' && h === 12) h = 0;
  if (h > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return undefined;
  return `${pad(h)}:${m[2]}:${pad(m[3] ?? 0)}${fraction(m[4])}`;
}

export function hexToBytes(hex: string): Uint8Array | undefined {
  const h = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) return undefined;
  return Buffer.from(h, 'hex');
}

export interface ReadContext {
  readonly dateFormat: DateFormat;
}

const DEFAULT_CONTEXT: ReadContext = { dateFormat: 'mdy' };

/**
 * Reads `text` as a value of `kind`. Binary text is hex (with or without 0x), as bcp writes it in
 * character mode; bit accepts 0/1/true/false. Undefined: not a valid value.
 */
/** Text already in canonical form, the common case in data files: no normalising needed. */
const CANON_INT = /^-?\d+$/;
const CANON_DECIMAL = /^-?\d+(\.\d+)?$/;
const CANON_DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
const CANON_DATETIME = /^(\d{4})-(\d\d)-(\d\d) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?$/;

function canonical(text: string, kind: ValueKind): boolean {
  switch (kind) {
    case 'int': return CANON_INT.test(text);
    case 'decimal': case 'float': return CANON_DECIMAL.test(text);
    case 'date': case 'datetime': {
      const m = (kind === 'date' ? CANON_DATE : CANON_DATETIME).exec(text);
      return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    }
    default: return false;
  }
}

export function readText(text: string, kind: ValueKind, ctx: ReadContext = DEFAULT_CONTEXT): Cell | undefined {
  if (canonical(text, kind)) return text;
  switch (kind) {
    case 'string': case 'opaque':
      return text;
    case 'int': {
      const t = text.trim();
      return INT.test(t) ? t.replace(/^\+/, '') : undefined;
    }
    case 'decimal': {
      // money literals and files may carry a currency sign or thousands separators.
      const t = text.trim().replace(/^([+-]?)\$/, '$1').replace(/,/g, '');
      return DECIMAL.test(t) ? t.replace(/^\+/, '') : undefined;
    }
    case 'float': {
      const t = text.trim();
      return FLOAT.test(t) ? t.replace(/^\+/, '') : undefined;
    }
    case 'bit': {
      const t = text.trim().toLowerCase();
      if (t === 'true') return '1';
      if (t === 'false') return '0';
      return INT.test(t) ? (Number(t) !== 0 ? '1' : '0') : undefined;
    }
    case 'date':
      return readDateTime(text, false, ctx.dateFormat);
    case 'datetime': {
      const v = readDateTime(text, true, ctx.dateFormat);
      // A zone on a datetime column: SQL Server rejects it; keep the local part.
      return v?.replace(/[+-]\d{2}:\d{2}$/, '');
    }
    case 'datetimeoffset': {
      const v = readDateTime(text, true, ctx.dateFormat);
      return v === undefined ? undefined : /[+-]\d{2}:\d{2}$/.test(v) ? v : `${v}+00:00`;
    }
    case 'time':
      return readTime(text);
    case 'uuid': {
      const m = UUID.exec(text.trim());
      return m ? m[1]!.toLowerCase() : undefined;
    }
    case 'binary':
      return hexToBytes(text.trim());
  }
}

/** Short form of a value for a message. */
export function shown(text: string): string {
  const t = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `'${t}'`;
}

export type { LoadColumn };
