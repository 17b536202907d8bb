// The report's reading and sums: batch result lines in, counts out; and the page's escaping.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { builtinRuleSet } from '../../src/engine/rule-set.js';
import { InputFileError } from '../../src/errors.js';
import {
  countFlips,
  countIds,
  countVerdicts,
  customRules,
  describeRules,
  spreadConfidence,
  summarise,
} from '../../src/report/aggregate.js';
import type { BatchResults, WorkloadResult } from '../../src/report/read-results.js';
import { readResults } from '../../src/report/read-results.js';
import { buildReport } from '../../src/report/report.js';

const read = (text: string | string[]) =>
  readResults(
    Readable.from((Array.isArray(text) ? text : [text]).map((t) => Buffer.from(t))),
    'results.jsonl',
  );

function workload(extra: Partial<WorkloadResult>): WorkloadResult {
  return {
    line: 1,
    verdict: 'os',
    level: 'medium',
    value: 0.5,
    tie: false,
    reasons: [],
    caveats: [],
    unanswered: [],
    ...extra,
  };
}

const compact = (line: number, recommendation: string, reasons: string[], extra = '') =>
  `{"line":${line}${extra},"decision":{"schemaVersion":1,"recommendation":"${recommendation}",${recommendation === 'vm' ? '"closest":"app",' : ''}"confidence":{"level":"high","value":0.81},"scores":{"os":3,"app":0},"reasons":${JSON.stringify(reasons)},"caveats":["kernel-unknown"],"unanswered":["cron"]}}`;

describe('readResults', () => {
  it('reads compact decisions and error lines, skipping blank lines, with CRLF and a BOM', async () => {
    const results = await read(
      `\uFEFF${compact(1, 'os', ['many-services'], ',"id":"web-01"')}\r\n\r\n{"line":2,"error":{"message":"bad","path":"processes"}}\r\n${compact(3, 'vm', ['own-kernel'], ',"id":7')}`,
    );
    expect(results.workloads.map((w) => [w.line, w.id, w.verdict, w.reasons])).toEqual([
      [1, 'web-01', 'os', ['many-services']],
      [3, 7, 'vm', ['own-kernel']],
    ]);
    expect(results.errors).toEqual([{ line: 2, message: 'bad', path: 'processes' }]);
  });

  it('reads a line split across chunks', async () => {
    const line = `${compact(1, 'app', ['single-service'])}\n`;
    const results = await read([line.slice(0, 40), line.slice(40)]);
    expect(results.workloads).toHaveLength(1);
  });

  it('keeps what full Decisions (batch --explain) say: rule texts, origins and flips', async () => {
    const { decide } = await import('../../src/index.js');
    const decision = decide({ processes: 'many', init: 'yes' });
    const results = await read(`${JSON.stringify({ line: 4, id: 'db', decision })}\n`);
    expect(results.workloads[0]).toMatchObject({
      line: 4,
      verdict: 'os',
      reasons: ['many-services', 'needs-init'],
      flips: decision.flips,
    });
    expect(results.rules.get('needs-init')).toMatchObject({
      effect: 'favor',
      favors: 'os',
      weight: 3,
    });
    expect(results.rules.get('kernel-unknown')?.effect).toBe('caveat');
  });

  it('keeps the flips of compact decisions (batch --flips)', async () => {
    const flip = { question: 'processes', from: 'many', to: 'single', recommendation: 'app' };
    const line = compact(1, 'os', ['many-services']).replace(
      '"unanswered":["cron"]}',
      `"unanswered":["cron"],"flips":[${JSON.stringify(flip)}]}`,
    );
    const results = await read(line);
    expect(results.workloads[0]?.flips).toEqual([flip]);
    expect(countFlips(results.workloads)).toEqual([
      { question: 'processes', to: 'single', recommendation: 'app', count: 1 },
    ]);
  });

  it('fails naming the file and line for a line that is not a batch result', async () => {
    const bad = [
      '{"line":1,"decision":{"schemaVersion":1}}',
      'not json',
      '{"processes":"many"}',
      '[1,2]',
      '{"line":0,"error":{"message":"x"}}',
    ];
    for (const line of bad) {
      const error = await read(`${compact(1, 'os', [])}\n\n${line}\n`).catch((e) => e);
      expect(error, line).toBeInstanceOf(InputFileError);
      expect((error as InputFileError).message).toMatch(/^results\.jsonl:3: /);
    }
    const inventory = await read('{"processes":"many"}\n').catch((e) => e);
    expect(inventory.message).toContain('not its input');
  });

  it('fails when the input holds no results', async () => {
    for (const text of ['', '\n\n  \r\n']) {
      const error = await read(text).catch((e) => e);
      expect(error).toBeInstanceOf(InputFileError);
      expect(error.message).toBe(
        'results.jsonl: holds no batch results; give the output of `which-container batch` (JSON Lines)',
      );
    }
  });
});

describe('aggregate', () => {
  const fleet = [
    workload({
      verdict: 'os',
      level: 'high',
      value: 0.9,
      reasons: ['a', 'b'],
      unanswered: ['cron', 'kernel'],
    }),
    workload({
      verdict: 'os',
      level: 'low',
      value: 0.05,
      tie: true,
      reasons: ['b'],
      unanswered: ['kernel'],
    }),
    workload({ verdict: 'app', level: 'medium', value: 1, reasons: ['c', 'b'], caveats: ['k'] }),
    workload({
      verdict: 'vm',
      level: 'medium',
      value: 0.5,
      reasons: ['d'],
      unanswered: ['cron', 'kernel'],
    }),
  ];

  it('counts verdicts', () => {
    expect(countVerdicts(fleet)).toEqual({ os: 2, app: 1, vm: 1 });
    expect(countVerdicts([])).toEqual({ os: 0, app: 0, vm: 0 });
  });

  it('spreads confidence by verdict, in levels and ten bins (1.0 in the last)', () => {
    const spread = spreadConfidence(fleet);
    expect(spread.os.levels).toEqual({ high: 1, medium: 0, low: 1 });
    expect(spread.os.ties).toBe(1);
    expect(spread.os.bins).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(spread.app.bins[9]).toBe(1);
    expect(spread.vm.bins[5]).toBe(1);
  });

  it('counts the rules that fired and the questions left open, most often first, then by id', () => {
    expect(countIds(fleet, (w) => w.reasons)).toEqual([
      { id: 'b', count: 3 },
      { id: 'a', count: 1 },
      { id: 'c', count: 1 },
      { id: 'd', count: 1 },
    ]);
    expect(countIds(fleet, (w) => w.unanswered)).toEqual([
      { id: 'kernel', count: 3 },
      { id: 'cron', count: 2 },
    ]);
  });

  it('counts flips by question, answer and verdict', () => {
    const flips = [
      workload({
        flips: [{ question: 'processes', from: 'many', to: 'single', recommendation: 'app' }],
      }),
      workload({
        flips: [
          { question: 'processes', from: null, to: 'single', recommendation: 'app' },
          { question: 'kernel', from: null, to: 'own', recommendation: 'vm' },
        ],
      }),
      workload({ flips: [{ question: 'kernel', from: null, to: 'own', recommendation: 'vm' }] }),
      workload({
        flips: [{ question: 'processes', from: null, to: 'single', recommendation: 'vm' }],
      }),
      workload({}),
    ];
    expect(countFlips(flips)).toEqual([
      { question: 'kernel', to: 'own', recommendation: 'vm', count: 2 },
      { question: 'processes', to: 'single', recommendation: 'app', count: 2 },
      { question: 'processes', to: 'single', recommendation: 'vm', count: 1 },
    ]);
  });

  it('describes rules from the rule set, and finds the ones that are not built in', () => {
    const results: BatchResults = { workloads: [], errors: [], rules: new Map() };
    const rules = describeRules(results, builtinRuleSet, ['needs-init', 'our-policy']);
    expect(rules.get('needs-init')).toMatchObject({
      favors: 'os',
      weight: 3,
      section: 'Full system virtualization',
    });
    const builtin = new Set(builtinRuleSet.rules.map((r) => r.id));
    expect(customRules(rules, builtin).map((r) => r.id)).toEqual(['our-policy']);
  });

  it('sums up results and errors', () => {
    const results: BatchResults = {
      workloads: fleet,
      errors: [{ line: 9, message: 'bad' }],
      rules: new Map(),
    };
    const summary = summarise(results, new Map(), new Set());
    expect(summary).toMatchObject({
      results: 5,
      errors: 1,
      decided: { os: 2, app: 1, vm: 1 },
      withFlips: 0,
    });
  });
});

describe('the page', () => {
  it('escapes ids and messages, and keeps the data block closed', async () => {
    const hostile = '</script><img src=x onerror=alert(1)>';
    const page = await buildReport(
      Readable.from([
        Buffer.from(
          `${compact(1, 'os', ['many-services'], `,"id":${JSON.stringify(hostile)}`)}\n{"line":2,"id":${JSON.stringify(hostile)},"error":{"message":${JSON.stringify(hostile)}}}\n`,
        ),
      ]),
      'r.jsonl',
      builtinRuleSet,
      { date: '2026-01-02', version: '9.9.9' },
    );
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('\\u003c/script>\\u003cimg');
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    // Nothing is loaded: no external script, style, font or image, and the policy forbids them.
    expect(page).not.toMatch(/<(link|img|iframe|object|embed)\b|<script[^>]+src=|@import|url\(/i);
    expect(page).toMatch(/Content-Security-Policy" content="default-src 'none';/);
    expect(page).toContain('<time datetime="2026-01-02">');
    expect(page).toContain('which-container 9.9.9');
  });

  it('says how many of a verdict were ties', async () => {
    const tie = compact(1, 'app', []).replace('"value":0.81}', '"value":0,"tie":true}');
    const page = await buildReport(
      Readable.from([Buffer.from(`${tie}\n${compact(2, 'app', ['single-service'])}\n`)]),
      'r.jsonl',
      builtinRuleSet,
      { date: '2026-01-02', version: '9.9.9' },
    );
    expect(page).toMatch(
      /data-verdict="app">.*?<span class="tile-count">2<\/span>.*?<span class="tile-ties">incl\. 1 tie<\/span>/,
    );
    expect(page).not.toMatch(/data-verdict="os">[^\n]*tile-ties/);
  });

  it('writes no control character from the results: the page may go to a terminal', async () => {
    const id = 'evil\u001b]0;PWNED\u0007x';
    const page = await buildReport(
      Readable.from([
        Buffer.from(
          `${JSON.stringify({ line: 1, id, error: { message: 'bad \u001b[2J thing\u202e' } })}\n${compact(2, 'os', ['many-services'])}\n`,
        ),
      ]),
      'r.jsonl',
      builtinRuleSet,
      { date: '2026-01-02', version: '9.9.9' },
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
    expect(page).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(page).toContain('evil\\x1b]0;PWNED\\x07x');
  });
});
