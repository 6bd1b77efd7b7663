/**
 * Decoder of BCP "widenative" data, the format of a .bacpac's `Data/<schema>.<table>/*.BCP` parts
 * (and of `bcp -N` / BULK INSERT DATAFILETYPE = 'widenative'): per row, per column, an optional
 * little-endian length prefix then the value in SQL Server's storage form, strings as UTF-16LE.
 *
 * Prefix widths, as observed in the corpus' bacpacs and in DacFx exports:
 *   fixed-size types (ints, float/real, money, date/time types): none when NOT NULL, 1 byte when nullable;
 *   bit, decimal/numeric, uniqueidentifier: always 1 byte;
 *   char(n) NOT NULL: none (2n bytes); char nullable, nchar, (n)varchar(n), (var)binary(n), rowversion: 2 bytes;
 *   text, ntext, image: 4 bytes; (n)varchar(max), varbinary(max), xml: 8 bytes.
 * NULL is a prefix of all one bits. Fed chunk by chunk: a row split across chunks waits for the next.
 */
import type { LoadColumn } from '../columns.js';
import type { Cell, Row } from '../model.js';

export class BcpFormatError extends Error {
  constructor(readonly offset: number, reason: string) {
    super(reason);
  }
}

interface Field {
  readonly prefix: 0 | 1 | 2 | 4 | 8;
  /** Size when there is no prefix. */
  readonly fixed: number;
  /** Largest valid length (sanity check on prefixes). */
  readonly max: number;
  readonly decode: (b: Buffer, at: number, len: number) => Cell;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const DAY_MS = 86_400_000;
const YEAR1 = (() => {
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  return d.getTime();
})();
const YEAR1900 = Date.UTC(1900, 0, 1);

/** Day texts are memoised: a table's dates repeat, and Date formatting is the decoder's hottest call. */
const dayTexts = new Map<number, string>();
function isoDate(ms: number): string {
  let t = dayTexts.get(ms);
  if (t === undefined) {
    t = new Date(ms).toISOString().slice(0, 10);
    if (dayTexts.size < 200_000) dayTexts.set(ms, t);
  }
  return t;
}

function uint(b: Buffer, at: number, len: number): number {
  let v = 0;
  for (let i = len - 1; i >= 0; i--) v = v * 256 + b[at + i]!;
  return v;
}

/** `units` of 10^-scale seconds since midnight → HH:MM:SS[.ffffff] (microseconds at most). */
function timeText(units: number, scale: number): string {
  const totalSeconds = Math.floor(units / 10 ** scale);
  const frac = units - totalSeconds * 10 ** scale;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  let f = scale > 0 ? String(frac).padStart(scale, '0').slice(0, 6).replace(/0+$/, '') : '';
  if (f) f = `.${f}`;
  return `${pad(h)}:${pad(m)}:${pad(s)}${f}`;
}

export function scaled(v: bigint, scale: number): string {
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return neg ? `-${text}` : text;
}

function realText(v: number): string {
  for (let p = 6; p < 9; p++) {
    const t = Number(v.toPrecision(p));
    if (Math.fround(t) === v) return String(t);
  }
  return String(v);
}

const timeBytes = (scale: number) => (scale <= 2 ? 3 : scale <= 4 ? 4 : 5);
const utf16 = (b: Buffer, at: number, len: number) => b.toString('utf16le', at, at + len);
const bytes = (b: Buffer, at: number, len: number) => Uint8Array.prototype.slice.call(b, at, at + len);

function fixed(size: number, nullable: boolean, decode: Field['decode']): Field {
  return { prefix: nullable ? 1 : 0, fixed: size, max: size, decode };
}

/** How one column is laid out, or a reason it cannot be decoded. */
export function fieldFor(col: LoadColumn): Field | { unsupported: string } {
  const t = col.type;
  const n = col.nullable;
  const arg0 = t.args[0];
  const isMax = arg0 === 'max';
  const scale = typeof arg0 === 'number' ? arg0 : 7;
  switch (t.name) {
    case 'tinyint': return fixed(1, n, (b, at) => String(b[at]));
    case 'smallint': return fixed(2, n, (b, at) => String(b.readInt16LE(at)));
    case 'int': return fixed(4, n, (b, at) => String(b.readInt32LE(at)));
    case 'bigint': return fixed(8, n, (b, at) => b.readBigInt64LE(at).toString());
    case 'real': return fixed(4, n, (b, at) => realText(b.readFloatLE(at)));
    case 'float':
      return typeof arg0 === 'number' && arg0 <= 24 ? fixed(4, n, (b, at) => realText(b.readFloatLE(at))) : fixed(8, n, (b, at) => String(b.readDoubleLE(at)));
    // money: the high 32 bits first, then the low 32 bits (TDS order).
    case 'money': return fixed(8, n, (b, at) => scaled((BigInt(b.readInt32LE(at)) << 32n) + BigInt(b.readUInt32LE(at + 4)), 4));
    case 'smallmoney': return fixed(4, n, (b, at) => scaled(BigInt(b.readInt32LE(at)), 4));
    case 'date': return fixed(3, n, (b, at) => isoDate(YEAR1 + uint(b, at, 3) * DAY_MS));
    case 'datetime':
      return fixed(8, n, (b, at) => {
        const days = b.readInt32LE(at);
        const ticks = b.readUInt32LE(at + 4);
        const ms = Math.round((ticks * 10) / 3);
        return `${isoDate(YEAR1900 + days * DAY_MS)} ${timeText(ms, 3)}`;
      });
    case 'smalldatetime':
      return fixed(4, n, (b, at) => `${isoDate(YEAR1900 + b.readUInt16LE(at) * DAY_MS)} ${timeText(b.readUInt16LE(at + 2) * 60, 0)}`);
    case 'time': {
      const tb = timeBytes(scale);
      return fixed(tb, n, (b, at, len) => timeText(uint(b, at, len), scale));
    }
    case 'datetime2': {
      const tb = timeBytes(scale);
      return fixed(tb + 3, n, (b, at, len) => `${isoDate(YEAR1 + uint(b, at + len - 3, 3) * DAY_MS)} ${timeText(uint(b, at, len - 3), scale)}`);
    }
    case 'datetimeoffset': {
      const tb = timeBytes(scale);
      return fixed(tb + 5, n, (b, at, len) => {
        // Stored as UTC plus the offset in minutes; written as local time with its offset.
        const units = uint(b, at, len - 5);
        const days = uint(b, at + len - 5, 3);
        const offset = b.readInt16LE(at + len - 2);
        const utcMs = YEAR1 + days * DAY_MS + Math.floor(units / 10 ** scale) * 1000;
        const local = new Date(utcMs + offset * 60_000);
        const fracUnits = units % 10 ** scale;
        const sign = offset < 0 ? '-' : '+';
        const a = Math.abs(offset);
        const time = timeText((local.getUTCHours() * 3600 + local.getUTCMinutes() * 60 + local.getUTCSeconds()) * 10 ** scale + fracUnits, scale);
        return `${local.toISOString().slice(0, 10)} ${time}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
      });
    }
    case 'bit': return { prefix: 1, fixed: 1, max: 1, decode: (b, at) => (b[at] ? '1' : '0') };
    case 'decimal':
      return {
        prefix: 1, fixed: 19, max: 19,
        decode: (b, at, len) => {
          const s = b[at + 1]!;
          let v = 0n;
          for (let i = len - 1; i >= 3; i--) v = (v << 8n) + BigInt(b[at + i]!);
          return scaled(b[at + 2] === 1 ? v : -v, s);
        },
      };
    case 'uniqueidentifier':
      return {
        prefix: 1, fixed: 16, max: 16,
        decode: (b, at) => {
          const h = b.toString('hex', at, at + 16);
          const sw = (s: string) => s.match(/../g)!.reverse().join('');
          return `${sw(h.slice(0, 8))}-${sw(h.slice(8, 12))}-${sw(h.slice(12, 16))}-${h.slice(16, 20)}-${h.slice(20)}`;
        },
      };
    case 'char':
      return n ? { prefix: 2, fixed: 0, max: 16_000, decode: utf16 } : { prefix: 0, fixed: 2 * (typeof arg0 === 'number' ? arg0 : 1), max: 16_000, decode: utf16 };
    case 'nchar': return { prefix: 2, fixed: 0, max: 8_000, decode: utf16 };
    case 'varchar': case 'nvarchar': return isMax ? { prefix: 8, fixed: 0, max: 2 ** 31, decode: utf16 } : { prefix: 2, fixed: 0, max: 16_000, decode: utf16 };
    case 'xml': case 'json': return { prefix: 8, fixed: 0, max: 2 ** 31, decode: utf16 };
    case 'text': case 'ntext': return { prefix: 4, fixed: 0, max: 2 ** 31, decode: utf16 };
    case 'image': return { prefix: 4, fixed: 0, max: 2 ** 31, decode: bytes };
    case 'binary': case 'varbinary': return isMax ? { prefix: 8, fixed: 0, max: 2 ** 31, decode: bytes } : { prefix: 2, fixed: 0, max: 8_000, decode: bytes };
    case 'rowversion': return { prefix: 2, fixed: 0, max: 8, decode: bytes };
    default:
      return { unsupported: t.name };
  }
}

const NULL_PREFIX = { 1: 0xff, 2: 0xffff, 4: 0xffffffff, 8: Number.MAX_SAFE_INTEGER } as const;

export class BcpDecoder {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** Bytes consumed before `buf` (for error offsets). */
  private base = 0;
  rows = 0;

  constructor(private readonly fields: readonly Field[]) {}

  /** Decodes every complete row in what has arrived so far. Throws BcpFormatError on damage. */
  push(chunk: Buffer): Row[] {
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
    this.base += this.pos;
    this.pos = 0;
    const out: Row[] = [];
    for (;;) {
      const row = this.row();
      if (!row) break;
      out.push(row);
    }
    return out;
  }

  /** Call at end of input: bytes left over mean a truncated row. */
  end(): { offset: number } | undefined {
    return this.pos < this.buf.length ? { offset: this.base + this.pos } : undefined;
  }

  private row(): Row | undefined {
    const b = this.buf;
    let p = this.pos;
    if (p >= b.length) return undefined;
    const row: Row = new Array(this.fields.length);
    for (let i = 0; i < this.fields.length; i++) {
      const f = this.fields[i]!;
      let len = f.fixed;
      if (f.prefix) {
        if (p + f.prefix > b.length) return undefined;
        len = f.prefix === 1 ? b[p]! : f.prefix === 2 ? b.readUInt16LE(p) : f.prefix === 4 ? b.readUInt32LE(p) : readLength8(b, p);
        p += f.prefix;
        if (len === NULL_PREFIX[f.prefix]) {
          row[i] = null;
          continue;
        }
        if (len > f.max || (f.fixed && f.prefix === 1 && len > f.fixed)) {
          throw new BcpFormatError(this.base + p - f.prefix, `column ${i + 1}: length ${len} is not valid for its type`);
        }
      }
      if (p + len > b.length) return undefined;
      row[i] = f.decode(b, p, len);
      p += len;
    }
    this.pos = p;
    this.rows++;
    return row;
  }
}

/** An 8-byte length; all one bits is NULL (returned as MAX_SAFE_INTEGER). */
function readLength8(b: Buffer, at: number): number {
  const lo = b.readUInt32LE(at);
  const hi = b.readUInt32LE(at + 4);
  if (lo === 0xffffffff && hi === 0xffffffff) return Number.MAX_SAFE_INTEGER;
  return hi * 2 ** 32 + lo;
}

/** The fields of a table, or the first column that cannot be decoded. */
export function bcpFields(columns: readonly LoadColumn[]): Field[] | { column: LoadColumn; type: string } {
  const out: Field[] = [];
  for (const c of columns) {
    const f = fieldFor(c);
    if ('unsupported' in f) return { column: c, type: f.unsupported };
    out.push(f);
  }
  return out;
}
