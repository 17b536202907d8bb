// The built bin, spawned as a user runs it: every exit code, every format, a closed pipe.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, runBin, STOP_SIGNALS, spawnBin, spawnShell } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir('e2e');

describe('the built bin', () => {
  it('exit 0: decides from flags in each format', () => {
    const text = runBin(['--processes', 'many', '--init', 'yes']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Recommendation: OS \(system\) container/);
    const json = runBin(['--processes', 'many', '--init', 'yes', '--format', 'json']);
    expect(JSON.parse(json.stdout).recommendation).toBe('os');
    const markdown = runBin(['--processes', 'many', '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/^---\nstatus: proposed\n/);
    for (const r of [text, json, markdown]) expect(r.stderr).toBe('');
  });

  it('exit 0: reads a YAML answers file (the YAML parser loads on demand)', () => {
    const file = join(dir, 'answers.yaml');
    writeFileSync(
      file,
      'processes: single\narchitecture: microservices\norchestrator: kubernetes\n',
    );
    const result = runBin(['--answers', file, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).tools).toEqual(['Docker', 'Podman', 'Kubernetes']);
  });

  it('exit 2: usage errors, with one clear message and no stack trace', () => {
    for (const argv of [
      [],
      ['--processes', 'lots'],
      ['--nope'],
      ['--processes', 'many', '--strict'],
    ]) {
      const result = runBin(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^which-container: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('exit 3: a bad answers file, named with its line', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{\n  "processes": "many",\n  "kernel": "linux"\n}\n');
    const result = runBin(['--answers', file]);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `which-container: ${file}:3: kernel: "linux" is not allowed; expected one of: shared, own, unsure\n`,
    );
  });

  it('--help and --version go to stdout and exit 0', () => {
    expect(runBin(['--help'])).toMatchObject({ code: 0, stderr: '' });
    expect(runBin(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('ends quietly when the reader has closed the pipe before it writes (EPIPE)', async () => {
    // The reader is gone before the first write: the write fails with EPIPE.
    const result = await spawnBin(['rules', '--format', 'mermaid'], 'ignore', (child) =>
      child.stdout.destroy(),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  for (const [signal, code] of STOP_SIGNALS) {
    it(`exit ${code}: ${signal} while it waits for answers on stdin`, async () => {
      // stdin stays open: the run is waiting for `--answers -` when the signal arrives, well
      // after start-up, so the handlers are in place even on a loaded machine.
      const result = await spawnBin(['--answers', '-', '--json'], 'pipe', (child) =>
        setTimeout(() => child.kill(signal), 1500),
      );
      expect(result).toEqual({ code, stdout: '', stderr: '' });
    });
  }

  it('never prompts and never hangs on a piped stdin (echo |, yes |)', () => {
    for (const producer of ['echo', 'yes']) {
      const result = spawnShell(`${producer} | "${process.execPath}" "${bin}"`);
      expect(result.code, producer).toBe(2);
      expect(result.stderr).toMatch(/^which-container: no answers given, and no terminal/);
      expect(result.stdout).toBe('');
    }
    // With some answers, a piped stdin is simply not read.
    const partial = spawnShell(`yes | "${process.execPath}" "${bin}" --processes many --json`);
    expect(partial.code).toBe(0);
    expect(JSON.parse(partial.stdout).recommendation).toBe('os');
  });

  it('does the same through a real shell pipe', () => {
    const result = spawnShell(`"${process.execPath}" "${bin}" questions | head -1`, 0);
    expect(result).toMatchObject({
      code: 0,
      stdout: '1. processes  --processes single|few|many|unsure\n',
      stderr: '',
    });
  });
});
