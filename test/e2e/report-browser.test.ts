// report in a real browser: Debian's chromium driven by playwright-core, with no network. A
// 2,000-line inventory with bad lines goes through the built bin's batch, then report (from a
// file and from stdin); the page's counts must equal batch's summary, nothing may be requested
// but the page itself, and the table must filter, open a row and stay paged.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinRuleSet } from '../../src/engine/rule-set.js';
import { bin } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

// CI installs Debian's chromium (.ci/run); without a browser this test fails, it never skips.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dir = tempDir('report-browser');
const LINES = 2000;

/** A seeded inventory: each question answered or left out; every 50th line bad, some blank. */
function inventory(): string {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const lines: string[] = [];
  for (let i = 1; i <= LINES; i++) {
    if (i % 50 === 0) lines.push(i % 100 === 0 ? '{"processes": "lots"}' : 'not json');
    else if (i % 333 === 0) lines.push('');
    else {
      const answers: Record<string, string> = {};
      for (const q of builtinRuleSet.questions) {
        if (random() < 0.45) continue;
        answers[q.id] = q.values[Math.floor(random() * q.values.length)]!.value;
      }
      lines.push(JSON.stringify({ id: `workload-${String(i).padStart(4, '0')}`, answers }));
    }
  }
  return `${lines.join('\n')}\n`;
}

// One fixed day for every run: two reports made either side of midnight would differ in date.
function node(args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, SOURCE_DATE_EPOCH: '1764288000' },
    input: input ?? '',
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 60_000,
  });
}

let browser: Browser;
let summary: { os: number; app: number; vm: number; failed: number };
let reportFile: string;

beforeAll(async () => {
  const batch = node(['batch', '--flips'], inventory());
  expect(batch.status).toBe(4);
  const m = /(\d+) decided \(os (\d+), app (\d+), vm (\d+)\), (\d+) failed/.exec(batch.stderr)!;
  summary = { os: Number(m[2]), app: Number(m[3]), vm: Number(m[4]), failed: Number(m[5]) };
  const results = join(dir, 'results.jsonl');
  writeFileSync(results, batch.stdout);
  reportFile = join(dir, 'report.html');
  const fromFile = node(['report', results, '-o', reportFile]);
  expect(fromFile.stderr).toBe('');
  expect(fromFile.status).toBe(0);
  const fromStdin = node(['report'], batch.stdout);
  expect(fromStdin.status).toBe(0);
  expect(fromStdin.stdout).toBe(readFileSync(reportFile, 'utf8'));
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no browser at ${CHROMIUM}: install Debian's chromium (.ci/run does) or set CHROMIUM_PATH`,
    );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('report in a browser', () => {
  it('shows the batch counts, filters, opens a row, and loads nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const url = pathToFileURL(reportFile).href;
    const requested: string[] = [];
    const blocked: string[] = [];
    context.on('request', (request) => requested.push(request.url()));
    await context.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    await page.goto(url);

    const verdict = page.locator('#workload-filters select[name="verdict"]');
    const tile = (key: string) =>
      page.locator(`.tile[data-verdict="${key}"] .tile-count`).textContent();
    expect(Number(((await tile('os')) ?? '').replace(/,/g, ''))).toBe(summary.os);
    expect(Number(((await tile('app')) ?? '').replace(/,/g, ''))).toBe(summary.app);
    expect(Number(((await tile('vm')) ?? '').replace(/,/g, ''))).toBe(summary.vm);
    expect(Number(((await tile('error')) ?? '').replace(/,/g, ''))).toBe(summary.failed);
    expect(await page.locator('#errors tbody tr').count()).toBe(summary.failed);
    const decided = summary.os + summary.app + summary.vm;
    const status = page.locator('#workload-status');
    await expect
      .poll(() => status.textContent())
      .toBe(`Showing 1–100 of ${decided.toLocaleString('en-US')} workloads.`);
    // The top of the page, as it first shows.
    const shots = { top: join(dir, 'report.png'), table: join(dir, 'report-table.png') };
    await page.screenshot({ path: shots.top });

    // batch --flips: the answers that would change the most verdicts are listed.
    const flips = await page.locator('ol.flips li').allInnerTexts();
    expect(flips.length).toBeGreaterThan(0);
    expect(flips[0]).toMatch(/^[\d,]+ workloads? would become .+ if answered --[a-z-]+ \S+/);
    // Paged: one page of rows in the DOM, never the whole fleet.
    expect(await page.locator('#workloads tbody tr').count()).toBe(100);

    await verdict.selectOption('os');
    await expect
      .poll(() => status.textContent())
      .toMatch(
        new RegExp(
          `^Showing 1–\\d+ of ${summary.os} workloads \\(of ${decided.toLocaleString('en-US')}\\)\\.$`,
        ),
      );
    const badges = await page.locator('#workloads tbody tr .badge').allInnerTexts();
    expect(badges.length).toBe(Math.min(100, summary.os));
    expect(new Set(badges)).toEqual(new Set(['OS (system) container']));

    const first = page.locator('#workloads tbody tr button.toggle').first();
    await first.click();
    await expect.poll(() => first.getAttribute('aria-expanded')).toBe('true');
    const details = page.locator('#workloads tbody tr.details');
    await expect.poll(() => details.count()).toBe(1);
    const text = (await details.textContent()) ?? '';
    expect(text).toContain('Reasons');
    expect(text).toContain('Caveats');
    expect(text).toContain('What would change it');

    // The table with the row opened (the top of the page was taken before filtering).
    // Where the table's section is on the page (a full-page clip counts from the page's top,
    // not from where it is scrolled to).
    const table = await page
      .locator('section[aria-labelledby="workloads-title"]')
      .evaluate((section) => {
        const box = section.getBoundingClientRect();
        return {
          x: box.x,
          y: box.y + section.ownerDocument.documentElement.scrollTop,
          width: box.width,
          height: box.height,
        };
      });
    await page.screenshot({
      path: shots.table,
      fullPage: true,
      clip: { ...table, height: Math.min(table.height, 700) },
    });
    for (const shot of Object.values(shots)) {
      expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
      // A blank page compresses to a few KB; one with tiles, charts and rows does not.
      expect(statSync(shot).size).toBeGreaterThan(40_000);
    }
    // The docs' screenshots come from this run: REPORT_SCREENSHOTS=docs.
    const docs = process.env.REPORT_SCREENSHOTS;
    if (docs)
      for (const shot of Object.values(shots)) copyFileSync(shot, join(docs, basename(shot)));

    await verdict.selectOption('');
    await page.getByRole('searchbox').fill('workload-0007');
    await expect
      .poll(() => status.textContent())
      .toBe(`Showing 1–1 of 1 workloads (of ${decided.toLocaleString('en-US')}).`);

    expect(blocked).toEqual([]);
    expect(requested).toEqual([url]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
