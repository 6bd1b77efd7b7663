/**
 * Reads a .dacpac or .bacpac into the catalog: model.xml for the schema, DacMetadata.xml and
 * Origin.xml for the database name and server version, and for a .bacpac the list of table data
 * parts with their sizes. Every failure becomes a diagnostic; what could be read is kept.
 */
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { diagnostic } from '../../diagnostics/index.js';
import { emptyCatalog, type Catalog, type CatalogSource, type DataPart, type MutableCatalog, type Table } from '../model.js';
import { nameKey } from '../names.js';
import { modelToCatalog } from './model-to-catalog.js';
import { parseModelXml } from './model-xml.js';
import { openZip, type ZipArchive } from './zip.js';

/** Model formats this reader was written against (DacFx 2012/02 serialization, SSDT 2012 → 2022). */
const KNOWN_FILE_FORMAT = /^1\.\d+$/;
const KNOWN_SCHEMA_VERSION = /^2\.\d+$/;

export async function readPackageCatalog(packagePath: string): Promise<Catalog> {
  const catalog = emptyCatalog();
  await readPackage(packagePath, catalog);
  return catalog;
}

/** Adds what one package holds to `catalog`. Never throws for a bad package. */
export async function readPackage(packagePath: string, catalog: MutableCatalog): Promise<void> {
  let zip: ZipArchive;
  try {
    zip = await openZip(packagePath);
  } catch (err) {
    catalog.diagnostics.push(diagnostic('MD2001', { path: packagePath, reason: reasonOf(err) }));
    return;
  }
  try {
    await readOpenPackage(packagePath, zip, catalog);
  } finally {
    zip.close();
  }
}

async function readOpenPackage(packagePath: string, zip: ZipArchive, catalog: MutableCatalog): Promise<void> {
  const names = new Set(zip.entries.map((e) => e.name));
  const isBacpac = path.extname(packagePath).toLowerCase() === '.bacpac' || zip.entries.some((e) => e.name.startsWith('Data/'));
  const source: { -readonly [K in keyof CatalogSource]: CatalogSource[K] } = { kind: isBacpac ? 'bacpac' : 'dacpac', path: packagePath };
  catalog.sources.push(source);

  const metadata = await readSmallXml(zip, 'DacMetadata.xml');
  const database = textAt(metadata, ['DacType', 'Name']);
  if (database) source.database = database;
  const origin = await readSmallXml(zip, 'Origin.xml');
  const serverVersion = textAt(origin, ['DacOrigin', 'Server', 'ServerVersion']);
  if (serverVersion) source.serverVersion = serverVersion.split('\n')[0]!.trim();

  if (!names.has('model.xml')) {
    catalog.diagnostics.push(diagnostic('MD2002', { path: packagePath }));
    return;
  }
  let text: string;
  try {
    text = (await zip.read('model.xml')).toString('utf8');
  } catch (err) {
    catalog.diagnostics.push(diagnostic('MD2001', { path: `${packagePath}!model.xml`, reason: reasonOf(err) }));
    return;
  }
  const parsed = parseModelXml(text);
  if (!parsed.ok) {
    const where = parsed.line !== undefined ? ` (line ${parsed.line}, column ${parsed.col})` : '';
    catalog.diagnostics.push(diagnostic('MD2004', { path: packagePath, reason: parsed.reason + where }));
    return;
  }
  const { model } = parsed;
  if (model.schemaVersion) source.formatVersion = model.schemaVersion;
  if (!KNOWN_FILE_FORMAT.test(model.fileFormatVersion ?? '') || !KNOWN_SCHEMA_VERSION.test(model.schemaVersion ?? '')) {
    catalog.diagnostics.push(diagnostic('MD2003', { path: packagePath, version: model.schemaVersion ?? '(none)', format: model.fileFormatVersion ?? '(none)' }));
  }
  const tablesBefore = catalog.tables.length;
  modelToCatalog(model, { package: packagePath, part: 'model.xml' }, catalog);
  if (isBacpac) attachDataParts(packagePath, zip, catalog, tablesBefore);
}

/**
 * A .bacpac stores each table's rows as `Data/<schema>.<table>/TableData-NNN-NNNNN.BCP`. A dot may
 * appear inside a schema or table name, so the folder is matched against the known tables rather
 * than split at the first dot.
 */
function attachDataParts(packagePath: string, zip: ZipArchive, catalog: MutableCatalog, firstTable: number): void {
  const tables = catalog.tables.slice(firstTable) as Table[];
  const byFolder = new Map(tables.map((t, i) => [nameKey(`${t.schema}.${t.name}`), firstTable + i]));
  const parts = new Map<number, DataPart[]>();
  for (const entry of zip.entries) {
    const m = /^Data\/([^/]+)\/[^/]+$/.exec(entry.name);
    if (!m) continue;
    const index = byFolder.get(nameKey(m[1]!));
    if (index === undefined) {
      catalog.diagnostics.push(diagnostic('MD2005', { what: 'data part', owner: entry.name, target: m[1]!, part: packagePath }));
      continue;
    }
    const list = parts.get(index) ?? [];
    list.push({ part: entry.name, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize });
    parts.set(index, list);
  }
  for (const [index, list] of parts) {
    list.sort((a, b) => (a.part < b.part ? -1 : a.part > b.part ? 1 : 0));
    catalog.tables[index] = { ...catalog.tables[index]!, dataParts: list };
  }
}

const smallXml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

async function readSmallXml(zip: ZipArchive, name: string): Promise<unknown> {
  if (!zip.entries.some((e) => e.name === name)) return undefined;
  try {
    const text = (await zip.read(name)).toString('utf8').replace(/^\uFEFF/, '');
    return smallXml.parse(text);
  } catch {
    return undefined; // descriptive parts only: the catalog does not depend on them
  }
}

function textAt(doc: unknown, pathParts: string[]): string | undefined {
  let node: unknown = doc;
  for (const p of pathParts) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[p];
  }
  return typeof node === 'string' ? node : undefined;
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
