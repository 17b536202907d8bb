// `which-container batch` in-process: order, per-line errors with line numbers, odd input,
// the line-size bound, --fail-fast, --explain, exit codes, the summary.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type BatchOutput, runBatch } from '../../src/batch/run-batch.js';
import { compileRuleSet } from '../../src/engine/compile.js';
import { builtinRuleSet } from '../../src/engine/rule-set.js';
import { decide } from '../../src/index.js';
import { runCli } from '../support/cli.js';
import { decideFor } from '../support/decide.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir('batch');
const parse = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('batch', () => {
  it('gives one line per non-blank input line, in order, with line numbers and ids', async () => {
    const input = [
      '{"processes":"many"}',
      '',
      '{"id":"web","answers":{"processes":"single","orchestrator":"kubernetes"}}',
      '   ',
      '{"id":7,"answers":{"kernel":"own"}}',
    ].join('\n');
    const result = await runCli(['batch'], { stdin: input });
    expect(result.code).toBe(0);
    const lines = parse(result.stdout);
    expect(lines.map((l) => [l.line, l.id, l.decision.recommendation])).toEqual([
      [1, undefined, 'os'],
      [3, 'web', 'app'],
      [5, 7, 'vm'],
    ]);
    // The compact decision carries the full Decision's verdict, scores, confidence and rule ids.
    const full = decide({ processes: 'single', orchestrator: 'kubernetes' });
    expect(lines[1].decision).toEqual({
      schemaVersion: 1,
      recommendation: full.recommendation,
      confidence: full.confidence,
      scores: full.scores,
      reasons: full.reasons.map((r) => r.rule),
      caveats: full.caveats.map((c) => c.id),
      unanswered: full.unanswered,
    });
    expect(result.stderr).toBe(
      'which-container: batch: 5 lines from stdin: 3 decided (os 1, app 1, vm 1), 0 failed, 2 blank skipped\n',
    );
  });

  it('reports bad lines as errors for that line only, and exits 4', async () => {
    const input = [
      '{"processes":"lots"}',
      'not json',
      '{"id":"x","answers":{"colour":"red"},"extra":1}',
      '{"id":"y","answers":{"init":"maybe"}}',
      '[1,2]',
      '{"id":{"a":1},"answers":{}}',
      '{"processes":"few"}',
    ].join('\n');
    const result = await runCli(['batch', '-'], { stdin: input });
    expect(result.code).toBe(4);
    const lines = parse(result.stdout);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(lines[0].error).toEqual({
      message: 'processes: "lots" is not allowed; expected one of: single, few, many, unsure',
      path: 'processes',
    });
    expect(lines[1].error.message).toMatch(/^the line is not valid JSON: /);
    expect(lines[2].error).toEqual({
      message: expect.stringContaining('unknown key'),
      path: 'extra',
    });
    expect(lines[3]).toEqual({
      line: 4,
      id: 'y',
      error: {
        message: 'answers.init: "maybe" is not allowed; expected one of: yes, no, unsure',
        path: 'answers.init',
      },
    });
    expect(lines[4].error.message).toBe('expected a mapping of question id to answer');
    expect(lines[5].error).toEqual({ message: 'id: must be a string or a number', path: 'id' });
    expect(lines[6].decision.recommendation).toBe('os');
    expect(result.stderr).toContain('1 decided (os 1, app 0, vm 0), 6 failed');
  });

  it('accepts a BOM, CRLF line ends and no final newline', async () => {
    const result = await runCli(['batch'], {
      stdin: '\uFEFF{"processes":"many"}\r\n{"processes":"single"}',
    });
    expect(result.code).toBe(0);
    expect(parse(result.stdout).map((l) => l.decision.recommendation)).toEqual(['os', 'app']);
  });

  it('rejects invalid UTF-8 for that line only', async () => {
    const file = join(dir, 'latin1.jsonl');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('{"processes":"many"}\n{"id":"caf'),
        Buffer.from([0xe9]),
        Buffer.from('","answers":{}}\n{}\n'),
      ]),
    );
    const result = await runCli(['batch', file]);
    expect(result.code).toBe(4);
    expect(parse(result.stdout)).toEqual([
      expect.objectContaining({ line: 1 }),
      { line: 2, error: { message: 'the line is not valid UTF-8' } },
      expect.objectContaining({ line: 3 }),
    ]);
  });

  it('bounds a line by --max-line-bytes and goes on with the next', async () => {
    const long = JSON.stringify({ id: 'x'.repeat(300), answers: {} });
    const result = await runCli(['batch', '--max-line-bytes', '100'], {
      stdin: `{"processes":"many"}\n${long}\n{"processes":"few"}\n`,
    });
    expect(result.code).toBe(4);
    const lines = parse(result.stdout);
    expect(lines[1]).toEqual({
      line: 2,
      error: {
        message: `the line is ${long.length} bytes or more; at most 100 are allowed (--max-line-bytes)`,
      },
    });
    expect(lines[2].decision.recommendation).toBe('os');
  });

  it('stops at the first bad line with --fail-fast, after writing it', async () => {
    const result = await runCli(['batch', '--fail-fast'], {
      stdin: '{"processes":"many"}\n{"processes":"lots"}\n{"processes":"few"}\n',
    });
    expect(result.code).toBe(4);
    expect(parse(result.stdout).map((l) => l.line)).toEqual([1, 2]);
    expect(result.stderr).toContain('stopped at the first failed line (--fail-fast)');
  });

  it('writes full Decisions with every rule under --explain', async () => {
    const result = await runCli(['batch', '--explain'], { stdin: '{"processes":"many"}\n' });
    const [line] = parse(result.stdout);
    expect(line.decision).toEqual(decideExplained({ processes: 'many' }));
  });

  it('exits 3 when the file cannot be read, 2 for usage errors', async () => {
    expect(await runCli(['batch', join(dir, 'missing.jsonl')])).toMatchObject({
      code: 3,
      stdout: '',
      stderr: expect.stringContaining('missing.jsonl: cannot be read: no such file'),
    });
    expect(await runCli(['batch', dir])).toMatchObject({
      code: 3,
      stderr: expect.stringContaining('is a directory'),
    });
    expect(await runCli(['batch', '--max-line-bytes', 'lots'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--max-line-bytes: "lots" is not allowed'),
    });
    expect(await runCli(['batch'], { terminal: true })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('batch reads JSON Lines from a file or stdin'),
    });
  });

  it('waits for a slow reader: no more input is read while the output is full', async () => {
    const compiled = compileRuleSet(builtinRuleSet);
    let pulled = 0;
    async function* input() {
      for (let i = 0; i < 50; i++) {
        pulled += 1;
        yield Buffer.from('{"processes":"many"}\n'.repeat(5000)); // about 1.5 MiB of output each
      }
    }
    const listeners: (() => void)[] = [];
    let writes = 0;
    const output: BatchOutput = {
      write: () => {
        writes += 1;
        return false; // always full: every write waits for 'drain'
      },
      once: (_event, listener) => listeners.push(listener),
      off: () => undefined,
    };
    const run = runBatch(compiled, input(), output, {
      maxLineBytes: 1 << 20,
      failFast: false,
      explain: false,
      flips: false,
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(pulled).toBe(1); // stuck on the first chunk's first write
    expect(writes).toBe(1);
    // Drain until done: each drain lets exactly one more write through.
    while (pulled < 50 || listeners.length > 0) {
      const next = listeners.splice(0);
      for (const l of next) l();
      await new Promise((r) => setImmediate(r));
      if (next.length === 0) break;
    }
    const summary = await run;
    expect(summary.decided.os).toBe(250_000);
  });
});

function decideExplained(answers: Record<string, string>) {
  const compiled = compileRuleSet(builtinRuleSet);
  return JSON.parse(JSON.stringify(decideFor(compiled, answers, 'file', { explain: true })));
}

describe('batch progress', () => {
  it('shows a progress line on a terminal, and clears it before the summary', async () => {
    const file = join(dir, 'many.jsonl');
    writeFileSync(file, '{"processes":"many"}\n'.repeat(400_000));
    const result = await runCli(['batch', file], { terminal: true });
    expect(result.code).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the progress line's terminal escapes
    expect(result.stderr).toMatch(/\r\u001b\[2Kbatch: \d+ lines, \d+ lines\/s/);
    expect(result.stderr).toMatch(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the progress line's terminal escapes
      /\r\u001b\[2Kwhich-container: batch: 400000 lines from .*many\.jsonl: 400000 decided/,
    );
  });

  it('shows none when stderr is not a terminal', async () => {
    const result = await runCli(['batch'], { stdin: '{"processes":"many"}\n' });
    expect(result.stderr).not.toContain('\r');
  });
});
