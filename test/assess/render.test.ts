/**
 * assessment.html as a user sees it: rendered by headless Chromium (Debian's `chromium` package,
 * driven by puppeteer-core; no browser download). Checks that the dependency graph and the objects
 * table are visible, and keeps a screenshot per corpus in docs/screenshots/.
 * Without chromium the test skips locally and FAILS on CI (CI installs it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/assess/assess.js';
import { renderHtml } from '../../src/assess/report-html.js';
import { extractCatalog } from '../../src/catalog/extract.js';
import { corpusRoot, hasCorpus, repoRoot } from '../helpers/paths.js';
import { chromium, useChromium, watchPage } from '../helpers/chromium.js';


const CORPORA = ['northwind', 'pubs', 'adventureworks-dw', 'wwi-dw'] as const;

describe.skipIf(!chromium || !hasCorpus)('assessment.html in headless Chromium', () => {
  const session = useChromium('assess-render-');

  it.each(CORPORA)('%s: the graph and the table are visible', async (corpus) => {
    const { catalog } = await extractCatalog([path.join(corpusRoot, corpus)]);
    const a = assess(catalog);
    const file = path.join(session.tmp, `${corpus}.html`);
    writeFileSync(file, renderHtml(a));
    const page = await session.browser.newPage();
    const { requests, errors } = watchPage(page);
    await page.setViewport({ width: 1400, height: 1000 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    const graph = await page.evaluate(() => {
      const box = (el: Element): { w: number; h: number } => {
        const r = el.getBoundingClientRect();
        return { w: r.width, h: r.height };
      };
      const svg = document.getElementById('dep-graph');
      const nodes = [...document.querySelectorAll('#dep-graph g.node')].map(box);
      const edges = [...document.querySelectorAll('#dep-graph path.edge')].map(box);
      return { svg: svg ? box(svg) : { w: 0, h: 0 }, nodes, edges };
    });
    expect(graph.svg.w).toBeGreaterThan(0);
    expect(graph.svg.h).toBeGreaterThan(0);
    expect(graph.nodes.length).toBe(a.objects.length);
    expect(graph.nodes.every((b) => b.w > 0 && b.h > 0)).toBe(true);
    expect(graph.edges.length).toBeGreaterThan(0);
    // An edge may be a straight horizontal/vertical line (one zero side), never a point.
    expect(graph.edges.every((b) => b.w > 0 || b.h > 0)).toBe(true);

    const rows = await page.$$eval('#objects tbody tr', (trs) => trs.filter((tr) => tr.getBoundingClientRect().height > 0).length);
    expect(rows).toBe(a.objects.length);
    const charts = await page.$$eval('figure.chart svg rect', (rs) => rs.filter((r) => r.getBoundingClientRect().width > 0).length);
    expect(charts).toBeGreaterThan(0);

    // Sorting by score (5th column), descending after two clicks.
    await page.click('#objects thead th:nth-child(5)');
    await page.click('#objects thead th:nth-child(5)');
    const scores = await page.$$eval('#objects tbody tr td:nth-child(5)', (tds) => tds.map((td) => Number(td.textContent)));
    expect(scores).toEqual([...scores].sort((x, y) => y - x));

    const shots = path.join(repoRoot, 'docs', 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    // Back to the top of the report, graph included; the height is capped to keep the PNG small.
    const height = await page.evaluate(() => Math.min(document.documentElement.scrollHeight, 2600));
    await page.screenshot({ path: path.join(shots, `assessment-${corpus}.png`), clip: { x: 0, y: 0, width: 1400, height } });
    await page.close();
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
