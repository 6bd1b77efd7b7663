/** `assessment.md`: the assessment as GitHub-flavoured Markdown, short enough for a pull request. */
import { LEVELS, type Assessment } from './model.js';

/** Table cells: no pipes or line breaks, Markdown/HTML special characters neutralised. */
export function cell(s: unknown): string {
  return String(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/\r?\n/g, ' ');
}

export function renderMarkdown(a: Assessment, options: { readonly maxObjects?: number } = {}): string {
  const s = a.summary;
  const out: string[] = [];
  out.push(`# Migration assessment`, '');
  out.push(`Sources: ${a.sources.map((x) => `${cell(x.kind)} \`${cell(x.path)}\``).join(', ') || '—'}`, '');
  out.push(`- **${s.objects}** objects, estimated effort **${s.effortHours} h**`);
  out.push(`- expected to convert automatically: **${Math.round(s.automaticShare * 100)} %** of the objects kept (${Math.round(s.automaticEffortShare * 100)} % of their effort)`);
  out.push(`- dispositions: ${Object.entries(s.byDisposition).map(([d, n]) => `${d} ${n}`).join(', ')}`);
  out.push(`- ${s.waves} migration wave(s), ${s.cycles} dependency cycle(s), ${s.externalReferences} external reference(s)`, '');
  out.push('## By kind', '', `| kind | objects | ${LEVELS.join(' | ')} | effort (h) |`, `|---|---:|${LEVELS.map(() => '---:').join('|')}|---:|`);
  for (const [k, b] of Object.entries(s.byKind)) out.push(`| ${cell(k)} | ${b.objects} | ${LEVELS.map((lv) => b.byLevel[lv]).join(' | ')} | ${b.effortHours} |`);
  out.push('', '## By schema', '', `| schema | objects | ${LEVELS.join(' | ')} | effort (h) |`, `|---|---:|${LEVELS.map(() => '---:').join('|')}|---:|`);
  for (const [k, b] of Object.entries(s.bySchema)) out.push(`| ${cell(k)} | ${b.objects} | ${LEVELS.map((lv) => b.byLevel[lv]).join(' | ')} | ${b.effortHours} |`);
  out.push('', '## Waves', '', '| wave | objects | effort (h) |', '|---:|---:|---:|');
  for (const w of a.waves) out.push(`| ${w.number} | ${w.objects.length} | ${w.effortHours} |`);
  if (a.cycles.length) {
    out.push('', '## Cycles', '');
    for (const c of a.cycles) out.push(`- ${c.map(cell).join(' → ')}`);
  }
  if (a.externalReferences.length) {
    out.push('', '## External references', '');
    for (const r of a.externalReferences) out.push(`- ${cell(r.from)} → \`${cell(r.target)}\``);
  }
  const interesting = a.objects
    .filter((o) => o.disposition !== 'migrate')
    .sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
  const max = options.maxObjects ?? 200;
  out.push('', '## Objects needing attention', '', '| object | level (score) | effort (h) | disposition | reasons |', '|---|---|---:|---|---|');
  for (const o of interesting.slice(0, max)) {
    out.push(`| ${cell(o.kind)} ${cell(`${o.schema}.${o.name}`)} | ${o.level} (${o.score}) | ${o.effortHours} | ${o.disposition} | ${o.reasons.map(cell).join('; ')} |`);
  }
  if (interesting.length > max) out.push('', `… and ${interesting.length - max} more (see assessment.json).`);
  out.push('');
  return out.join('\n');
}
