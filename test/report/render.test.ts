/**
 * report.html as a user sees it, in headless Chromium (Debian's `chromium`, driven by
 * puppeteer-core; no browser download): the graph and the models table are visible, a status chip
 * filters the table, a journey opens and its lazy code appears with markers, nothing is fetched and
 * no injected script runs. With MSSQL2DBT_SCREENSHOTS=1 it refreshes docs/screenshots/migration-report.png.
 * Without chromium the test skips locally and FAILS on CI (CI installs it).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeMigrationReport } from '../../src/report/write.js';
import { repoRoot } from '../helpers/paths.js';
import { chromium, useChromium, watchPage } from '../helpers/chromium.js';
import { buildFixture, writeFixture } from './fixture.js';


describe.skipIf(!chromium)('report.html in headless Chromium', () => {
  const session = useChromium('report-render-');

  it('shows the graph and the models, filters by status, opens a journey', async () => {
    const f = await buildFixture();
    const dir = path.join(session.tmp, 'run');
    writeFixture(dir, f);
    const { file } = writeMigrationReport(dir);
    const page = await session.browser.newPage();
    const { requests, errors } = watchPage(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.setViewport({ width: 1400, height: 1000 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    const graph = await page.evaluate(() => {
      const svg = document.getElementById('dep-graph')!.getBoundingClientRect();
      const nodes = [...document.querySelectorAll('#dep-graph g.node')].filter((g) => g.getBoundingClientRect().width > 0).length;
      return { w: svg.width, h: svg.height, nodes };
    });
    expect(graph.w).toBeGreaterThan(0);
    expect(graph.h).toBeGreaterThan(0);
    expect(graph.nodes).toBeGreaterThan(10);

    const visibleRows = (): Promise<string[]> => page.$$eval('#models tbody tr', (trs) => trs.filter((tr) => tr.getBoundingClientRect().height > 0).map((tr) => tr.getAttribute('data-status') ?? ''));
    expect(await visibleRows()).toHaveLength(f.plan.nodes.length);
    expect(await page.$eval('#status-bar', (s) => s.getBoundingClientRect().width)).toBeGreaterThan(0);

    // A click on the FAILED chip leaves the two failed models, in the table and among the journeys.
    await page.click('button.chip[data-status="FAILED"]');
    expect(await visibleRows()).toEqual(['FAILED', 'FAILED']);
    expect(await page.$eval('#f-count', (e) => e.textContent)).toBe(`2 of ${f.plan.nodes.length} models shown`);
    const journeys = await page.$$eval('details.journey', (ds) => ds.filter((d) => d.getBoundingClientRect().height > 0).map((d) => d.getAttribute('data-name')));
    expect(journeys).toHaveLength(2);
    expect(journeys).toContain('dim_customer');

    // Sorting by score keeps the filter.
    await page.click('#models thead th:nth-child(10)');
    expect(await visibleRows()).toEqual(['FAILED', 'FAILED']);

    // The select filter, then back to all.
    await page.select('#f-status', 'COMPLETED');
    expect((await visibleRows()).every((s) => s === 'COMPLETED')).toBe(true);
    await page.click('button.chip[data-status=""]');
    expect(await visibleRows()).toHaveLength(f.plan.nodes.length);

    // Open dim_customer's journey from the table, then its code: the template turns into two code panes.
    await page.click('#models a[href="#m-3"]');
    await page.waitForFunction(() => (document.getElementById('m-3') as HTMLDetailsElement).open);
    await page.waitForSelector('#m-3 details.code-pair > summary');
    await page.click('#m-3 details.code-pair > summary');
    await page.waitForSelector('#m-3 .sbs');
    const panes = await page.$$eval('#m-3 .sbs .code', (cs) => cs.map((c) => c.getBoundingClientRect().width));
    expect(panes).toHaveLength(2);
    expect(panes.every((w) => w > 200)).toBe(true);
    const marks = await page.$$eval('#m-3 mark.md', (ms) => ms.filter((m) => m.getBoundingClientRect().width > 0).map((m) => m.getAttribute('data-code')));
    expect(marks).toEqual(expect.arrayContaining(['MD3012', 'MD3001']));
    expect(await page.$$eval('#m-3 .code mark.stmt', (ms) => ms.length)).toBe(2);

    // The injected model: opened, its text shows as text and no script ran.
    const evil = 'details.journey[data-name^="vw_<script>"]';
    await page.$eval(evil, (d) => { (d as HTMLDetailsElement).open = true; });
    await page.waitForSelector(`${evil} details.code-pair`);
    await page.$eval(`${evil} details.code-pair`, (d) => { (d as HTMLDetailsElement).open = true; });
    await page.waitForSelector('details.journey[data-name^="vw_<script>"] .sbs');
    expect(await page.$$eval('body script', (s) => s.length)).toBe(1);
    expect(dialogs).toEqual([]);

    if (process.env.MSSQL2DBT_SCREENSHOTS) {
      const shots = path.join(repoRoot, 'docs', 'screenshots');
      mkdirSync(shots, { recursive: true });
      // The top of the run and one opened journey with its code: the assessment has its own screenshots.
      await page.select('#f-status', '');
      await page.evaluate(() => {
        document.getElementById('assessment')!.style.display = 'none';
        document.querySelectorAll('details.journey').forEach((d) => { if (d.id !== 'm-2') (d as HTMLElement).style.display = 'none'; });
        (document.getElementById('m-2') as HTMLDetailsElement).open = true;
      });
      await page.waitForSelector('#m-2 details.code-pair');
      await page.$eval('#m-2 details.code-pair', (d) => { (d as HTMLDetailsElement).open = true; });
      await page.waitForSelector('#m-2 .sbs');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.setViewport({ width: 1280, height: 900 });
      await page.screenshot({ path: path.join(shots, 'migration-report.png'), clip: { x: 0, y: 0, width: 1280, height: await page.evaluate(() => Math.min(document.documentElement.scrollHeight, 2700)) }, captureBeyondViewport: true });
    }
    await page.close();
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
