import { diagnostic, type Diagnostic } from '../diagnostics/index.js';

/** What a SQL file's bytes decoded to. */
export interface DecodedSource {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Decodes a script the way SQL Server tools write them: UTF-8 with or without BOM, UTF-16 LE/BE
 * with BOM (SSMS "Unicode"), and UTF-16 LE without BOM when the NUL pattern gives it away.
 * Invalid UTF-8 is replaced (U+FFFD) and reported rather than refused, so one bad byte in a
 * comment does not lose a file; a file that is plainly binary is refused with a diagnostic.
 */
export function decodeSqlBytes(bytes: Uint8Array, file: string): DecodedSource {
  const diags: Diagnostic[] = [];
  const at = { file, line: 1, col: 1, offset: 0, end: 0 };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeUtf8(bytes.subarray(3), diags, at), encoding: 'utf-8-bom', diagnostics: diags };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', diagnostics: diags };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', diagnostics: diags };
  }
  // UTF-16 LE without a BOM: ASCII text then has a NUL in every odd byte.
  const sample = Math.min(bytes.length, 512);
  let oddNuls = 0;
  let evenNuls = 0;
  for (let i = 0; i < sample; i++) if (bytes[i] === 0) (i % 2 ? oddNuls++ : evenNuls++);
  if (sample >= 4 && oddNuls > sample / 4 && evenNuls === 0) {
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le', diagnostics: diags };
  }
  if (evenNuls + oddNuls > 0) {
    diags.push(diagnostic('MD1003', {}, at));
    return { text: '', encoding: 'utf-8', diagnostics: diags };
  }
  return { text: decodeUtf8(bytes, diags, at), encoding: 'utf-8', diagnostics: diags };
}

function decodeUtf8(bytes: Uint8Array, diags: Diagnostic[], at: Diagnostic['span']): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    let count = 0;
    for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) count++;
    // Point at the first bad character so the user can find it.
    const first = text.indexOf('\uFFFD');
    const before = text.slice(0, first);
    const line = before.split('\n').length;
    const col = first - (before.lastIndexOf('\n') + 1) + 1;
    const span = { file: at?.file ?? '<input>', line, col, offset: first, end: first + 1 };
    // Many SSMS exports are Windows-1252; say which encoding we expected so the user can re-save.
    diags.push(diagnostic('MD1002', { encoding: 'UTF-8', count }, span, 'save the file as UTF-8, or as UTF-16 with a byte order mark'));
    return text;
  }
}
