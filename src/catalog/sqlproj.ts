/**
 * Reads an SSDT database project (.sqlproj): which scripts make up the database, in which order,
 * and the sqlcmd variables with their defaults. Both classic projects (explicit `<Build Include>`
 * items) and SDK-style projects (Microsoft.Build.Sql: every .sql file under the project folder
 * unless removed) are understood. MSBuild conditions are not evaluated.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { resolveCaseInsensitive } from './sqlcmd.js';

export type ScriptRole = 'pre-deploy' | 'build' | 'post-deploy';

export interface ProjectScript {
  /** Absolute path on disk. */
  readonly file: string;
  readonly role: ScriptRole;
}

export interface SqlProject {
  readonly path: string;
  readonly name: string;
  /** Target platform, e.g. `Microsoft.Data.Tools.Schema.Sql.Sql130DatabaseSchemaProvider`. */
  readonly dsp?: string;
  readonly sdkStyle: boolean;
  /** Pre-deployment script first, then the model's scripts in project order, then post-deployment. */
  readonly scripts: readonly ProjectScript[];
  /** SqlCmdVariable defaults plus SSDT's built-in variables (DatabaseName …). */
  readonly variables: Readonly<Record<string, string>>;
  readonly diagnostics: readonly Diagnostic[];
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => ['PropertyGroup', 'ItemGroup', 'Build', 'PreDeploy', 'PostDeploy', 'SqlCmdVariable', 'None', 'Content', 'Sdk'].includes(name),
});

export function readSqlProject(projectPath: string): SqlProject {
  const abs = path.resolve(projectPath);
  const dir = path.dirname(abs);
  const diagnostics: Diagnostic[] = [];
  const fallbackName = path.basename(abs, path.extname(abs));
  const failed = (reason: string): SqlProject => {
    diagnostics.push(diagnostic('MD2010', { path: projectPath, reason }));
    return { path: abs, name: fallbackName, sdkStyle: false, scripts: [], variables: {}, diagnostics };
  };

  let project: XmlNode;
  try {
    const text = fs.readFileSync(abs, 'utf8').replace(/^\uFEFF/, '');
    // The parser is lenient with unclosed tags; a damaged project must not pass for an empty one.
    const valid = XMLValidator.validate(text);
    if (valid !== true) return failed(`${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
    const doc = parser.parse(text) as XmlNode;
    if (!doc['Project'] || typeof doc['Project'] !== 'object') return failed('the root element is not <Project>');
    project = doc['Project'] as XmlNode;
  } catch (err) {
    return failed(err instanceof Error ? err.message : String(err));
  }

  const properties = new Map<string, string>();
  for (const group of asNodes(project['PropertyGroup'])) {
    for (const [k, v] of Object.entries(group)) {
      if (k.startsWith('@')) continue;
      const value = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as XmlNode)['#text'] : undefined;
      // The first unconditional value wins, as in the classic project templates.
      if (typeof value === 'string' && !properties.has(k)) properties.set(k, value);
    }
  }
  const sdkAttr = project['@Sdk'];
  const sdkStyle = (typeof sdkAttr === 'string' && /Microsoft\.Build\.Sql/i.test(sdkAttr)) || asNodes(project['Sdk']).some((s) => /Microsoft\.Build\.Sql/i.test(String(s['@Name'] ?? '')));

  const items = (tag: string, attribute = '@Include') =>
    asNodes(project['ItemGroup']).flatMap((g) => asNodes(g[tag])).flatMap((item) => {
      const raw = item[attribute];
      if (typeof raw !== 'string') return [];
      if (item['@Condition'] !== undefined) diagnostics.push(diagnostic('MD2015', { detail: `${tag} ${raw} Condition=${String(item['@Condition'])}` }));
      return raw.split(';').map((s) => s.trim()).filter(Boolean);
    });

  const resolveItems = (patterns: string[]) => patterns.flatMap((p) => expandPattern(dir, p, diagnostics));
  const pre = resolveItems(items('PreDeploy'));
  const post = resolveItems(items('PostDeploy'));
  const excluded = new Set([...pre, ...post, ...resolveItems(items('Build', '@Remove')), ...resolveItems(items('None')), ...resolveItems(items('Content'))].map((f) => f.toLowerCase()));

  let build = resolveItems(items('Build'));
  const defaultItems = (properties.get('EnableDefaultSqlItems') ?? 'true').toLowerCase() !== 'false';
  if (sdkStyle && defaultItems) {
    // Microsoft.Build.Sql includes **/*.sql by default; bin/ and obj/ hold build output.
    const globbed = walkSqlFiles(dir).filter((f) => !/[\\/](bin|obj)[\\/]/i.test(path.relative(dir, f).replace(/^/, path.sep)));
    const seen = new Set(build.map((f) => f.toLowerCase()));
    build = [...build, ...globbed.filter((f) => !seen.has(f.toLowerCase()))];
  }
  build = dedupe(build.filter((f) => !excluded.has(f.toLowerCase())));

  const variables: Record<string, string> = {
    DatabaseName: properties.get('TargetDatabaseName') ?? properties.get('Name') ?? fallbackName,
    DefaultDataPath: '',
    DefaultLogPath: '',
    DefaultFilePrefix: properties.get('TargetDatabaseName') ?? properties.get('Name') ?? fallbackName,
  };
  for (const group of asNodes(project['ItemGroup'])) {
    for (const v of asNodes(group['SqlCmdVariable'])) {
      const name = v['@Include'];
      if (typeof name !== 'string') continue;
      const def = v['DefaultValue'];
      const value = v['Value'];
      // `Value` is usually `$(SqlCmdVar__1)`, a placeholder the deploy step fills; the default is what we can use.
      if (typeof def === 'string') variables[name] = def;
      else if (typeof value === 'string' && !/^\$\(.*\)$/.test(value)) variables[name] = value;
    }
  }

  const dsp = properties.get('DSP');
  return {
    path: abs,
    name: properties.get('Name') ?? fallbackName,
    ...(dsp ? { dsp } : {}),
    sdkStyle,
    scripts: [
      ...pre.map((file) => ({ file, role: 'pre-deploy' as const })),
      ...build.map((file) => ({ file, role: 'build' as const })),
      ...post.map((file) => ({ file, role: 'post-deploy' as const })),
    ],
    variables,
    diagnostics,
  };
}

/** One item spec: a file path (Windows separators), or a wildcard pattern with `*` and `**`. */
function expandPattern(dir: string, spec: string, diagnostics: Diagnostic[]): string[] {
  const rel = spec.replace(/\\/g, '/');
  if (!/[*?]/.test(rel)) {
    const file = resolveCaseInsensitive(path.resolve(dir, rel));
    if (!fs.existsSync(file)) {
      diagnostics.push(diagnostic('MD2011', { item: spec }));
      return [];
    }
    return [file];
  }
  const matcher = globToRegExp(rel);
  return walkSqlFiles(dir, () => true).filter((f) => matcher.test(path.relative(dir, f).split(path.sep).join('/')));
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/** Every file under `dir` (sorted, so projects read the same on every machine); `.sql` only by default. */
function walkSqlFiles(dir: string, accept: (file: string) => boolean = (f) => f.toLowerCase().endsWith('.sql')): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) visit(full);
      else if (e.isFile() && accept(full)) out.push(full);
    }
  };
  visit(dir);
  return out;
}

function dedupe(files: string[]): string[] {
  const seen = new Set<string>();
  return files.filter((f) => {
    const k = f.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function asNodes(v: unknown): XmlNode[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is XmlNode => typeof x === 'object' && x !== null);
}
