/**
 * A .bacpac table's data: its `Data/<schema>.<table>/*.BCP` parts (listed on the catalog table by
 * the package reader), streamed out of the zip one part after another through yauzl, never
 * extracted or read whole.
 */
import yauzl from 'yauzl';
import type { Table } from '../../catalog/model.js';
import type { Row } from '../model.js';
import { bcpRows } from './bcp-file.js';
import type { SourceContext, TableData } from './source.js';

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (err, z) => (err || !z ? reject(err ?? new Error('not a zip')) : resolve(z)));
  });
}

function entries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, yauzl.Entry>();
    zip.on('entry', (e: yauzl.Entry) => {
      out.set(e.fileName, e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(out));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function openStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error('no stream')) : resolve(s))));
}

/** The package a table was read from, when it came from a .bacpac with data parts. */
export function bacpacOf(table: Table): string | undefined {
  const loc = table.location as { package?: string };
  return table.dataParts?.length && typeof loc.package === 'string' ? loc.package : undefined;
}

export function bacpacData(table: Table, pkg: string): TableData {
  const parts = (table.dataParts ?? []).map((p) => p.part);
  return {
    kind: 'bacpac',
    from: parts.map((p) => `${pkg}:${p}`),
    async *batches(ctx: SourceContext): AsyncGenerator<Row[]> {
      const zip = await openZip(pkg);
      try {
        const byName = await entries(zip);
        for (const part of parts) {
          const entry = byName.get(part);
          if (!entry) continue;
          const stream = await openStream(zip, entry);
          try {
            yield* bcpRows(stream as AsyncIterable<Buffer>, `${pkg}:${part}`, ctx);
          } finally {
            (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
          }
        }
      } finally {
        zip.close();
      }
    },
  };
}
