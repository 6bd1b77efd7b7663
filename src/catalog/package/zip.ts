/**
 * A small promise face on yauzl. yauzl reads the zip's central directory and then only the entries
 * asked for, so a multi-gigabyte .bacpac costs no more than its model.xml to catalog.
 */
import yauzl from 'yauzl';

export interface ZipEntryInfo {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

export interface ZipArchive {
  readonly entries: readonly ZipEntryInfo[];
  /** Reads one entry fully. Rejects when the entry is missing or its data is damaged. */
  read(name: string): Promise<Buffer>;
  close(): void;
}

export async function openZip(path: string): Promise<ZipArchive> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, z) => (err || !z ? reject(err ?? new Error('no zip')) : resolve(z)));
  });
  try {
    const raw = await listEntries(zip);
    const byName = new Map(raw.map((e) => [e.fileName, e]));
    return {
      entries: raw.map((e) => ({ name: e.fileName, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize })),
      read: (name) => {
        const entry = byName.get(name);
        return entry ? readEntry(zip, entry) : Promise.reject(new Error(`no entry ${name}`));
      },
      close: () => zip.close(),
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.once('end', () => resolve(Buffer.concat(chunks)));
      stream.once('error', reject);
    });
  });
}
