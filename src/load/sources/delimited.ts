/**
 * A streaming reader of delimited text files (BULK INSERT data files, CSV folders): any field and row
 * terminator, multi-character ones included, in UTF-8, UTF-16LE or a Windows code page, decoded
 * chunk by chunk so a file of any size is read in bounded memory. Each record carries the physical
 * line it starts on, for file:line diagnostics.
 */
import { createReadStream } from 'node:fs';

export interface DelimitedOptions {
  readonly fieldTerminator: string;
  readonly rowTerminator: string;
  /** A TextDecoder label: utf-8, utf-16le, windows-1252 … A byte order mark overrides it. */
  readonly encoding: string;
  /** 1-based first record to return (BULK INSERT FIRSTROW; 2 skips a header). */
  readonly firstRow?: number;
  /** CSV quoting (`"a|b"`, `""` inside): off for classic BULK INSERT files. */
  readonly quote?: string;
  /** A `\n` row terminator also ends at `\r\n` (SQL Server reads `\n` as CR LF; files from git have LF). */
  readonly lfMatchesCrLf?: boolean;
  readonly signal?: AbortSignal;
  /** Read chunk size (bytes). */
  readonly chunkBytes?: number;
}

export interface DelimitedRecord {
  /** Field texts; null for an empty unquoted field (BULK INSERT loads those as NULL). */
  readonly fields: (string | null)[];
  /** 1-based physical line the record starts on. */
  readonly line: number;
}

function countNewlines(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function sniffEncoding(first: Buffer, declared: string): { encoding: string; skip: number } {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (first[0] === 0xff && first[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (first[0] === 0xfe && first[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return { encoding: declared, skip: 0 };
}

export async function* readDelimited(file: string, options: DelimitedOptions): AsyncGenerator<DelimitedRecord> {
  const { fieldTerminator: ft, quote } = options;
  const rt = options.rowTerminator;
  const crlf = options.lfMatchesCrLf === true && rt === '\n';
  const firstRow = options.firstRow ?? 1;
  let decoder: TextDecoder | undefined;
  let buf = '';
  let line = 1;
  let recordNo = 0;
  const split = (record: string): (string | null)[] => record.split(ft).map((f) => (f === '' ? null : f));

  // One record from buf at `pos`, or undefined when the record is not complete yet (and !eof).
  const next = (pos: number, eof: boolean): { fields: (string | null)[]; end: number } | undefined => {
    let end = buf.indexOf(rt, pos);
    // The next quote is looked up once and reused until passed: searching the rest of the buffer on
    // every record would make a quote-free file quadratic in the chunk size.
    if (quote && quoteAt !== -1 && quoteAt < pos) quoteAt = buf.indexOf(quote, pos);
    const q = quote ? quoteAt : -1;
    if (q === -1 || (end !== -1 && q > end)) {
      // Fast path: no quote in the record.
      if (end === -1) {
        if (!eof) return undefined;
        end = buf.length;
      }
      let record = buf.slice(pos, end);
      if (crlf && record.endsWith('\r')) record = record.slice(0, -1);
      return { fields: split(record), end: Math.min(end + rt.length, buf.length) };
    }
    // Quoted fields: a field starting with the quote runs to the closing quote ("" is a quote).
    const mark = quote!;
    const fields: (string | null)[] = [];
    let i = pos;
    for (;;) {
      if (buf.startsWith(mark, i)) {
        let j = i + mark.length;
        let text = '';
        for (;;) {
          const q = buf.indexOf(mark, j);
          if (q === -1) {
            if (!eof) return undefined;
            text += buf.slice(j);
            j = buf.length;
            break;
          }
          if (buf.startsWith(mark, q + mark.length)) {
            text += buf.slice(j, q) + mark;
            j = q + 2 * mark.length;
            continue;
          }
          if (q + mark.length === buf.length && !eof) return undefined;
          text += buf.slice(j, q);
          j = q + mark.length;
          break;
        }
        fields.push(text);
        i = j;
      } else {
        const f = buf.indexOf(ft, i);
        let r = buf.indexOf(rt, i);
        if (r === -1 && !eof) return undefined;
        if (r === -1) r = buf.length;
        const stop = f !== -1 && f < r ? f : r;
        let text = buf.slice(i, stop);
        if (stop === r && crlf && text.endsWith('\r')) text = text.slice(0, -1);
        fields.push(text === '' ? null : text);
        i = stop;
      }
      if (i >= buf.length) return { fields, end: buf.length };
      if (buf.startsWith(ft, i)) {
        i += ft.length;
        continue;
      }
      if (crlf && buf.startsWith('\r\n', i)) return { fields, end: i + 2 };
      if (buf.startsWith(rt, i)) return { fields, end: i + rt.length };
      // Text after a closing quote: keep it with the field, as lenient CSV readers do.
      const stop = [buf.indexOf(ft, i), buf.indexOf(rt, i)].filter((x) => x !== -1);
      const to = stop.length ? Math.min(...stop) : buf.length;
      fields[fields.length - 1] = (fields[fields.length - 1] ?? '') + buf.slice(i, to);
      i = to;
      if (i >= buf.length) return { fields, end: buf.length };
    }
  };

  let quoteAt = -1;
  function* drain(eof: boolean): Generator<DelimitedRecord> {
    let pos = 0;
    quoteAt = quote ? buf.indexOf(quote) : -1;
    while (pos < buf.length) {
      const r = next(pos, eof);
      if (!r) break;
      recordNo++;
      const startLine = line;
      line += countNewlines(buf, pos, r.end);
      pos = r.end;
      if (recordNo >= firstRow) yield { fields: r.fields, line: startLine };
    }
    buf = buf.slice(pos);
  }

  const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (options.signal?.aborted) throw options.signal.reason ?? new Error('aborted');
      let bytes = chunk;
      if (!decoder) {
        const { encoding, skip } = sniffEncoding(chunk, options.encoding);
        decoder = new TextDecoder(encoding);
        bytes = chunk.subarray(skip);
      }
      buf += decoder.decode(bytes, { stream: true });
      yield* drain(false);
    }
    if (decoder) buf += decoder.decode();
    yield* drain(true);
  } finally {
    stream.destroy();
  }
}
