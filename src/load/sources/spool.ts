/**
 * Rows collected from scripts before their table is loaded (a script interleaves tables, a table
 * is loaded in one transaction). Kept in memory up to a limit, then spilled to a temporary JSON-lines
 * file, so a script with millions of INSERTs does not hold them all.
 */
import { appendFileSync, createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Cell, Row } from '../model.js';

const encode = (c: Cell) => (c === null || typeof c === 'string' ? c : { b: Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('hex') });
const decode = (c: unknown): Cell => (c === null || typeof c === 'string' ? c : Buffer.from((c as { b: string }).b, 'hex'));

let spillDir: string | undefined;
let spillSeq = 0;

export class RowSpool {
  private rows: Row[] = [];
  private file: string | undefined;
  count = 0;

  constructor(private readonly memoryRows = 50_000) {}

  push(row: Row): void {
    this.rows.push(row);
    this.count++;
    if (this.rows.length >= this.memoryRows) this.spill();
  }

  private spill(): void {
    if (!this.file) {
      spillDir ??= mkdtempSync(path.join(tmpdir(), 'mssql2dbt-load-'));
      this.file = path.join(spillDir, `${++spillSeq}.jsonl`);
    }
    appendFileSync(this.file, this.rows.map((r) => JSON.stringify(r.map(encode))).join('\n') + '\n');
    this.rows = [];
  }

  async *batches(size: number): AsyncGenerator<Row[]> {
    if (this.file) {
      let batch: Row[] = [];
      const lines = createInterface({ input: createReadStream(this.file), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line) continue;
        batch.push((JSON.parse(line) as unknown[]).map(decode));
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
    }
    for (let i = 0; i < this.rows.length; i += size) yield this.rows.slice(i, i + size);
  }

  dispose(): void {
    if (this.file) rmSync(this.file, { force: true });
    this.rows = [];
  }
}
