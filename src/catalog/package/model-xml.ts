/**
 * Parses a DacFx `model.xml` into a small typed tree: elements with their properties,
 * relationships (entries that are either nested elements or references by name) and annotations.
 * This is the only module that looks at XML; the mapping to the catalog reads this tree.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface ModelReference {
  /** `[dbo].[Orders].[Id]`; absent for references by disambiguator (database-level objects). */
  readonly name?: string;
  /** `BuiltIns` for system types and schemas, otherwise a referenced package or unset. */
  readonly externalSource?: string;
}

export type RelationshipEntry = { readonly element: ModelElement } | { readonly reference: ModelReference };

export interface ModelElement {
  readonly type: string;
  readonly name?: string;
  readonly properties: ReadonlyMap<string, string>;
  readonly relationships: ReadonlyMap<string, readonly RelationshipEntry[]>;
  readonly annotations: readonly ModelElement[];
}

export interface ModelDocument {
  readonly fileFormatVersion?: string;
  readonly schemaVersion?: string;
  readonly dspName?: string;
  readonly collationCaseSensitive?: boolean;
  readonly elements: readonly ModelElement[];
}

export type ModelXmlResult = { readonly ok: true; readonly model: ModelDocument } | { readonly ok: false; readonly reason: string; readonly line?: number; readonly col?: number };

type XmlNode = Record<string, unknown>;

const ALWAYS_ARRAYS = new Set(['Element', 'Property', 'Relationship', 'Entry', 'References', 'Annotation', 'Value', 'Metadata']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  // Script text inside CDATA must stay byte for byte; whitespace-only text between tags is ignored below.
  trimValues: false,
  cdataPropName: '#cdata',
  htmlEntities: true,
  isArray: (name) => ALWAYS_ARRAYS.has(name),
});

export function parseModelXml(text: string): ModelXmlResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const valid = XMLValidator.validate(body);
  if (valid !== true) return { ok: false, reason: valid.err.msg, line: valid.err.line, col: valid.err.col };
  const doc = parser.parse(body) as XmlNode;
  const root = doc['DataSchemaModel'] as XmlNode | undefined;
  if (!root || typeof root !== 'object') return { ok: false, reason: 'the root element is not DataSchemaModel' };
  const models = asArray(root['Model']) as XmlNode[];
  const elements = models.flatMap((m) => asArray(m['Element']) as XmlNode[]).map(toElement);
  const caseSensitive = attr(root, 'CollationCaseSensitive');
  return {
    ok: true,
    model: {
      ...optional('fileFormatVersion', attr(root, 'FileFormatVersion')),
      ...optional('schemaVersion', attr(root, 'SchemaVersion')),
      ...optional('dspName', attr(root, 'DspName')),
      ...(caseSensitive !== undefined ? { collationCaseSensitive: caseSensitive.toLowerCase() === 'true' } : {}),
      elements,
    },
  };
}

function toElement(node: XmlNode): ModelElement {
  const properties = new Map<string, string>();
  for (const p of asArray(node['Property']) as XmlNode[]) {
    const name = attr(p, 'Name');
    if (name === undefined) continue;
    const value = attr(p, 'Value') ?? valueText(p);
    if (value !== undefined) properties.set(name, value);
  }
  const relationships = new Map<string, RelationshipEntry[]>();
  for (const r of asArray(node['Relationship']) as XmlNode[]) {
    const name = attr(r, 'Name');
    if (name === undefined) continue;
    const entries: RelationshipEntry[] = [];
    for (const entry of asArray(r['Entry']) as XmlNode[]) {
      for (const e of asArray(entry['Element']) as XmlNode[]) entries.push({ element: toElement(e) });
      for (const ref of asArray(entry['References']) as XmlNode[]) {
        entries.push({ reference: { ...optional('name', attr(ref, 'Name')), ...optional('externalSource', attr(ref, 'ExternalSource')) } });
      }
    }
    relationships.set(name, [...(relationships.get(name) ?? []), ...entries]);
  }
  const annotations = (asArray(node['Annotation']) as XmlNode[]).map((a) => toElement({ ...a, '@Type': attr(a, 'Type') ?? 'Annotation' }));
  return { type: attr(node, 'Type') ?? '', ...optional('name', attr(node, 'Name')), properties, relationships, annotations };
}

/** `<Value><![CDATA[...]]></Value>`: CDATA sections are joined (a `]]>` in the script splits them). */
function valueText(property: XmlNode): string | undefined {
  const values = asArray(property['Value']);
  if (values.length === 0) return undefined;
  const v = values[0];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const node = v as XmlNode;
    const cdata = node['#cdata'];
    if (cdata !== undefined) return asArray(cdata).map(String).join('');
    const text = node['#text'];
    if (text !== undefined) return String(text);
  }
  return '';
}

function attr(node: XmlNode, name: string): string | undefined {
  const v = node[`@${name}`];
  return v === undefined ? undefined : String(v);
}

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
