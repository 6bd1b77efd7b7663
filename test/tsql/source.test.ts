import { describe, expect, it } from 'vitest';
import { decodeSqlBytes, parseScript } from '../../src/tsql/index.js';

const sql = "SELECT N'Müller' AS name;\r\nSELECT 2;";

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  if (bigEndian) for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return new Uint8Array([...(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), ...le]);
}

describe('decoding script bytes', () => {
  it.each([
    ['utf-8', Buffer.from(sql, 'utf8'), 'utf-8'],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sql, 'utf8')]), 'utf-8-bom'],
    ['utf-16 LE with BOM', utf16(sql, false), 'utf-16le'],
    ['utf-16 BE with BOM', utf16(sql, true), 'utf-16be'],
    ['utf-16 LE without BOM', Buffer.from(sql, 'utf16le'), 'utf-16le'],
  ])('%s decodes to the same text and parses the same', (_name, bytes, encoding) => {
    const d = decodeSqlBytes(bytes, 'f.sql');
    expect(d.encoding).toBe(encoding);
    expect(d.text).toBe(sql);
    expect(d.diagnostics).toEqual([]);
    const r = parseScript(d.text, { file: 'f.sql' });
    expect(r.diagnostics).toEqual([]);
    const second = r.script.batches[0]!.statements[1]!;
    expect([second.span.line, second.span.col]).toEqual([2, 1]);
  });

  it('replaces invalid UTF-8 (a Windows-1252 file) and says so, without losing the file', () => {
    const cp1252 = Buffer.from([...Buffer.from("SELECT 'M"), 0xfc, ...Buffer.from("ller';")]);
    const d = decodeSqlBytes(cp1252, 'latin.sql');
    expect(d.diagnostics.map((x) => [x.code, x.span?.line, x.span?.col])).toEqual([['MD1002', 1, 10]]);
    expect(d.text).toBe("SELECT 'M\uFFFDller';");
    expect(parseScript(d.text).diagnostics).toEqual([]);
  });

  it('refuses a binary file with a diagnostic', () => {
    const d = decodeSqlBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0x01, 0x02]), 'x.zip');
    expect(d.diagnostics.map((x) => x.code)).toEqual(['MD1003']);
    expect(d.text).toBe('');
  });

  it('decodes an empty file to an empty script', () => {
    const d = decodeSqlBytes(new Uint8Array(), 'empty.sql');
    expect(d.text).toBe('');
    const r = parseScript(d.text);
    expect(r.script.batches).toEqual([]);
    expect(r.diagnostics).toEqual([]);
  });
});
