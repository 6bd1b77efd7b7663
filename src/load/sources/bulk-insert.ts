/**
 * BULK INSERT as SQL Server runs it: the data file (sqlcmd variables already substituted), its
 * options (FIELDTERMINATOR / ROWTERMINATOR incl. multi-character and escaped ones, CODEPAGE,
 * DATAFILETYPE char | widechar | widenative, FIRSTROW, LASTROW, KEEPIDENTITY, FORMAT = 'CSV',
 * FIELDQUOTE). Windows paths from the script are looked up by file name beside the script and in
 * the data folder, since the loader runs elsewhere than the server the script was written for.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic, type Span } from '../../diagnostics/index.js';
import type { BulkInsert, Expression } from '../../tsql/index.js';
import type { Row } from '../model.js';
import { bcpFileRows } from './bcp-file.js';
import { readDelimited } from './delimited.js';
import { textRows } from './text-rows.js';
import type { SourceContext } from './source.js';

export interface BulkSpec {
  /** The path as written in the script (after sqlcmd substitution). */
  readonly written: string;
  /** Where the file was found, or undefined when missing. */
  readonly file?: string;
  readonly fieldTerminator: string;
  readonly rowTerminator: string;
  readonly encoding: string;
  readonly dataFileType: 'char' | 'widechar' | 'widenative' | 'native';
  readonly firstRow: number;
  readonly lastRow?: number;
  readonly keepIdentity: boolean;
  readonly quote?: string;
  readonly span: Span;
}

/** Options that change nothing about the data loaded. */
const IGNORED = new Set(['TABLOCK', 'CHECK_CONSTRAINTS', 'FIRE_TRIGGERS', 'BATCHSIZE', 'ROWS_PER_BATCH', 'KILOBYTES_PER_BATCH', 'ORDER', 'MAXERRORS', 'ERRORFILE', 'ERRORFILE_DATA_SOURCE', 'KEEPNULLS', 'DATA_SOURCE']);

/** `'\n'`, `'\t'`, `'0x0a'`, `'|\n'` … → the characters they stand for. */
export function terminator(text: string): string {
  if (/^0x([0-9a-f]{2})+$/i.test(text)) return Buffer.from(text.slice(2), 'hex').toString('latin1');
  return text.replace(/\\([ntr0\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c === '0' ? '\0' : '\\'));
}

function literal(e: Expression | undefined): string | undefined {
  if (!e) return undefined;
  if (e.kind === 'Literal' && e.type !== 'null') return e.value;
  if (e.kind === 'Paren') return literal(e.expr);
  return undefined;
}

/** A code page as a TextDecoder label, or undefined when Node cannot decode it. */
function codePage(cp: string): string | undefined {
  const c = cp.toUpperCase();
  const label = c === '65001' ? 'utf-8' : c === 'ACP' || c === 'RAW' || c === 'OEM' ? 'windows-1252' : c === '1200' ? 'utf-16le' : /^\d+$/.test(c) ? `windows-${c}` : c.toLowerCase();
  for (const l of [label, /^\d+$/.test(c) ? `ibm${c}` : label]) {
    try {
      new TextDecoder(l);
      return l;
    } catch {
      // try the next spelling
    }
  }
  return undefined;
}

/** Where the file is: as written (absolute or relative to the script), else by its name in the data folder or beside the script. */
export function resolveDataFile(written: string, scriptFile: string, dataDir: string | undefined): string | undefined {
  const isFile = (p: string) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  const windowsLike = /^[A-Za-z]:[\\/]|^\\\\/.test(written) || written.includes('\\');
  const base = written.split(/[\\/]/).pop() ?? written;
  const candidates = [
    ...(dataDir ? [path.join(dataDir, base)] : []),
    ...(!windowsLike ? [path.resolve(path.dirname(scriptFile), written)] : []),
    path.join(path.dirname(scriptFile), base),
  ];
  for (const c of candidates) if (isFile(c)) return c;
  // Case-insensitive match, as on the Windows server the script was written for.
  for (const dir of [...(dataDir ? [dataDir] : []), path.dirname(scriptFile)]) {
    if (!existsSync(dir)) continue;
    const hit = safeList(dir).find((n) => n.toLowerCase() === base.toLowerCase());
    if (hit && isFile(path.join(dir, hit))) return path.join(dir, hit);
  }
  return undefined;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

export function bulkSpec(stmt: BulkInsert, span: Span, scriptFile: string, dataDir: string | undefined, report: (d: Diagnostic) => void): BulkSpec | undefined {
  const written = literal(stmt.file);
  if (written === undefined) {
    report(diagnostic('MD5106', { option: 'FROM', reason: 'the file name is not a string constant' }, span));
    return undefined;
  }
  let fieldTerminator = '\t';
  let rowTerminator = '\n';
  let encoding = 'windows-1252';
  let dataFileType: BulkSpec['dataFileType'] = 'char';
  let firstRow = 1;
  let lastRow: number | undefined;
  let keepIdentity = false;
  let quote: string | undefined;
  let csv = false;
  for (const o of stmt.options) {
    const name = o.name.toUpperCase();
    const value = literal(o.value);
    switch (name) {
      case 'FIELDTERMINATOR': if (value !== undefined) fieldTerminator = terminator(value); break;
      case 'ROWTERMINATOR': if (value !== undefined) rowTerminator = terminator(value); break;
      case 'CODEPAGE': {
        const enc = value !== undefined ? codePage(value) : undefined;
        if (enc) encoding = enc;
        else report(diagnostic('MD5106', { option: `CODEPAGE = '${value ?? '?'}'`, reason: 'this code page cannot be decoded here; read as Windows-1252' }, span));
        break;
      }
      case 'DATAFILETYPE': {
        const t = (value ?? '').toLowerCase();
        if (t === 'char' || t === 'widechar' || t === 'widenative' || t === 'native') dataFileType = t;
        else report(diagnostic('MD5106', { option: `DATAFILETYPE = '${value ?? '?'}'`, reason: 'unknown data file type; read as char' }, span));
        break;
      }
      case 'FIRSTROW': firstRow = Math.max(1, Number(value ?? 1)); break;
      case 'LASTROW': if (Number(value) > 0) lastRow = Number(value); break;
      case 'KEEPIDENTITY': keepIdentity = true; break;
      case 'FORMAT': csv = (value ?? '').toUpperCase() === 'CSV'; break;
      case 'FIELDQUOTE': quote = value; break;
      default:
        if (!IGNORED.has(name)) report(diagnostic('MD5106', { option: name, reason: 'ignored' }, span));
    }
  }
  if (dataFileType === 'widechar') encoding = 'utf-16le';
  if (csv) quote ??= '"';
  const file = resolveDataFile(written, scriptFile, dataDir);
  return { written, ...(file ? { file } : {}), fieldTerminator, rowTerminator, encoding, dataFileType, firstRow, ...(lastRow ? { lastRow } : {}), keepIdentity, ...(quote ? { quote } : {}), span };
}

/** The rows of one BULK INSERT's file. */
export async function* bulkRows(spec: BulkSpec, ctx: SourceContext): AsyncGenerator<Row[]> {
  if (!spec.file) return;
  const file = spec.file;
  if (spec.dataFileType === 'native') {
    ctx.report(diagnostic('MD5106', { option: "DATAFILETYPE = 'native'", reason: 'non-Unicode native files are not decoded (widenative is); file skipped' }, spec.span));
    return;
  }
  if (spec.dataFileType === 'widenative') {
    yield* bcpFileRows(file, ctx);
    return;
  }
  const records = readDelimited(file, {
    fieldTerminator: spec.fieldTerminator,
    rowTerminator: spec.rowTerminator,
    encoding: spec.encoding,
    firstRow: spec.firstRow,
    lfMatchesCrLf: true,
    ...(spec.quote ? { quote: spec.quote } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const limited = spec.lastRow !== undefined ? takeRecords(records, spec.lastRow - spec.firstRow + 1) : records;
  yield* textRows(limited, ctx, {
    fieldOf: ctx.columns.map((_, i) => i),
    expectedFields: ctx.columns.length,
    file,
    fieldTerminatorLength: spec.fieldTerminator.length,
    generateIdentity: !spec.keepIdentity,
  });
}

async function* takeRecords<T>(it: AsyncIterable<T>, n: number): AsyncGenerator<T> {
  if (n <= 0) return;
  let i = 0;
  for await (const x of it) {
    yield x;
    if (++i >= n) return;
  }
}
