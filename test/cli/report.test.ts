// report in-process: batch results from stdin or a file, the page on stdout or in a file, and
// every way the input or the output can be wrong.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir('report-cli');
const inventory = [
  '{"id":"web-01","answers":{"processes":"single","orchestrator":"kubernetes"}}',
  '{"id":"db-01","answers":{"processes":"many","init":"yes","cron":"yes"}}',
  '{"processes":"lots"}',
  '{"id":"k-01","answers":{"kernel":"own"}}',
].join('\n');

async function batchOutput(args: string[] = []): Promise<string> {
  const result = await runCli(['batch', ...args], { stdin: inventory });
  expect(result.code).toBe(4);
  return result.stdout;
}

describe('report', () => {
  it('reads batch results from stdin and writes one page to stdout', async () => {
    const results = await batchOutput();
    const r = await runCli(['report'], { stdin: results });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^<!doctype html>\n/);
    expect(r.stdout).toContain('<title>Fleet report: 4 workloads</title>');
    expect(r.stdout).toContain('<time datetime="2026-01-02">');
    expect(r.stdout).toMatch(/data-verdict="os">.*?<span class="tile-count">1</);
    expect(r.stdout).toMatch(/data-verdict="error">.*?<span class="tile-count">1</);
    expect(r.stdout).toContain('These results do not list flips');
  });

  it('counts flips from full Decisions (batch --explain)', async () => {
    const r = await runCli(['report', '-'], { stdin: await batchOutput(['--explain']) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/<li><strong>\d+<\/strong> workloads? would become/);
  });

  it('writes the page whole to a file with -o, replacing a file but never a link', async () => {
    const input = join(dir, 'results.jsonl');
    writeFileSync(input, await batchOutput());
    const out = join(dir, 'report.html');
    writeFileSync(out, 'old');
    const r = await runCli(['report', input, '-o', out]);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);

    const link = join(dir, 'link.html');
    symlinkSync(out, link);
    const refused = await runCli(['report', input, '-o', link]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/-o ".*link\.html": it is a symbolic link, not a regular file/);

    const unwritable = await runCli(['report', input, '-o', join(dir, 'missing', 'r.html')]);
    expect(unwritable.code).toBe(5);
    expect(unwritable.stderr).toMatch(
      /^which-container: cannot write to -o ".*r\.html": no such file or directory \(ENOENT\)\n$/,
    );
  });

  it('keeps a replaced file private, takes -o - for stdout, and never writes over its input', async () => {
    const input = join(dir, 'mine.jsonl');
    const results = await batchOutput(['--flips']);
    writeFileSync(input, results);
    const out = join(dir, 'private.html');
    writeFileSync(out, 'old');
    chmodSync(out, 0o600);
    expect((await runCli(['report', input, '-o', out])).code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);

    const toStdout = await runCli(['report', input, '-o', '-']);
    expect(toStdout.code).toBe(0);
    expect(toStdout.stdout).toMatch(/^<!doctype html>/);
    expect(toStdout.stdout).toMatch(/<li><strong>\d+<\/strong> workloads? would become/);

    const link = join(dir, 'mine-link.jsonl');
    symlinkSync(input, link);
    for (const target of [input, link]) {
      const refused = await runCli(['report', link, '-o', target]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(
        /: it is the input file; writing the page there would replace/,
      );
    }
    expect(readFileSync(input, 'utf8')).toBe(results);
  });

  it('exits 3 naming the line that is not a batch result', async () => {
    const results = (await batchOutput()).split('\n');
    results.splice(2, 0, '{"line":3,"decision":{"recommendation":"os"}}');
    const r = await runCli(['report'], { stdin: results.join('\n') });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^which-container: <stdin>:3: decision\.\w+: not a batch result line: /,
    );
  });

  it('exits 3 for batch input given instead of its output, and for no results', async () => {
    const input = join(dir, 'inventory.jsonl');
    writeFileSync(input, inventory);
    const r = await runCli(['report', input]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${input}:1: is not a batch result line`);
    const empty = await runCli(['report'], { stdin: '\n\n' });
    expect(empty.code).toBe(3);
    expect(empty.stderr).toBe(
      'which-container: <stdin>: holds no batch results; give the output of `which-container batch` (JSON Lines)\n',
    );
  });

  it('exits 3 for a missing file or a directory, 2 with a terminal on stdin', async () => {
    expect((await runCli(['report', join(dir, 'none.jsonl')])).code).toBe(3);
    mkdirSync(join(dir, 'folder'), { recursive: true });
    const folder = await runCli(['report', join(dir, 'folder')]);
    expect(folder.code).toBe(3);
    expect(folder.stderr).toContain('is a directory');
    const terminal = await runCli(['report'], { terminal: true });
    expect(terminal.code).toBe(2);
    expect(existsSync(join(dir, 'none.jsonl'))).toBe(false);
  });
});
