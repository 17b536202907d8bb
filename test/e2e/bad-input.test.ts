// The bad-input matrix, end to end through the built bin: each case ends with a documented
// exit code and a one-line message, never a stack trace, never a hang (a spawn limit only
// stops a hung run, which would fail; it is not a speed check).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { flagOf } from '../../src/constants.js';
import { builtinRuleSet } from '../../src/engine/rule-set.js';
import { bin, runBinUnprivileged, spawnShell } from '../support/cli.js';
import { root } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir('bad');
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
const runBin = (
  argv: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Run => {
  const r = spawnSync(process.execPath, [bin, ...argv], {
    input: options.input ?? '',
    env: { PATH: process.env.PATH!, ...options.env },
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const noStack = (r: Run) => expect(r.stderr).not.toMatch(/\n\s+at |internal error|Error:/);
const oneLine = (r: Run) => {
  expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  noStack(r);
};

describe('bad input, end to end', () => {
  it('no answers and no terminal: exit 2 at once, naming the ways to give answers', () => {
    const r = runBin([]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toMatch(
      /^which-container: no answers given, and no terminal to ask them in\.\nGive answers as flags .*\nor on stdin \(--answers -\)/,
    );
    noStack(r);
  });

  it('a stdin that never closes: no answers needed from it, so no wait', async () => {
    const result = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [bin, '--processes', 'many', '--json'], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr })); // stdin is never ended
    });
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout).recommendation).toBe('os');
  });

  it('`yes |` and `echo |` never prompt and never hang', () => {
    for (const producer of ['yes', 'echo']) {
      const r = spawnShell(`${producer} | "${process.execPath}" "${bin}"`, 1);
      expect(r.code).toBe(EXIT.usage);
      expect(r.stdout).toBe('');
    }
  });

  it('an answers path that is a directory, a FIFO, missing: exit 3', () => {
    spawnSync('mkfifo', [join(dir, 'fifo')]);
    for (const [path, message] of [
      [dir, 'is a directory, not a file'],
      [join(dir, 'fifo'), 'is not a regular file'],
      [join(dir, 'missing.yaml'), 'cannot be read: no such file'],
    ] as const) {
      const r = runBin(['--answers', path]);
      expect(r.code, path).toBe(EXIT.inputFile);
      expect(r.stderr).toBe(`which-container: ${path}: ${message}\n`);
    }
  });

  // As root the bin runs as nobody, since root reads whatever the mode bits say.
  it('an unreadable answers file: exit 3', () => {
    const open = tempDir('unreadable');
    chmodSync(open, 0o755);
    const path = join(open, 'locked.yaml');
    writeFileSync(path, 'processes: many\n');
    chmodSync(path, 0o000);
    const r = runBinUnprivileged(['--answers', path]);
    expect(r).toMatchObject({
      code: EXIT.inputFile,
      stderr: `which-container: ${path}: cannot be read: permission denied\n`,
    });
  });

  it('invalid UTF-8: exit 3 with its line; a BOM: read as usual', () => {
    const bad = runBin([
      '--answers',
      file('latin1.yaml', Buffer.from('processes: many\ninit: \xe9\n', 'latin1')),
    ]);
    expect(bad.code).toBe(EXIT.inputFile);
    expect(bad.stderr).toMatch(/latin1\.yaml:2: is not valid UTF-8\n$/);
    oneLine(bad);
    const bom = runBin(['--answers', file('bom.yaml', '\uFEFFprocesses: many\n'), '--json']);
    expect(bom.code).toBe(EXIT.ok);
    expect(JSON.parse(bom.stdout).answers.processes.value).toBe('many');
  });

  it('a 20 MB answers file: exit 3 without reading it', () => {
    const r = runBin(['--answers', file('huge.yaml', `# ${'x'.repeat(20 * 1024 * 1024)}\n`)]);
    expect(r.code).toBe(EXIT.inputFile);
    expect(r.stderr).toMatch(
      /is 20971523 bytes; files of at most 1048576 bytes \(1 MiB\) are read\n$/,
    );
    oneLine(r);
  });

  it('every bad value of every question: exit 2 naming the flag and the allowed values', () => {
    for (const q of builtinRuleSet.questions) {
      const r = runBin([`--${flagOf(q.id)}`, 'bogus']);
      expect(r.code, q.id).toBe(EXIT.usage);
      expect(r.stderr).toBe(
        `which-container: a bad flag value:\n  --${flagOf(q.id)}: "bogus" is not allowed; expected one of: ${[...q.values.map((v) => v.value), 'unsure'].join(', ')}\n`,
      );
    }
  });

  it('unknown flags and commands, missing and bad option values: exit 2 with one message', () => {
    for (const argv of [
      ['--bogus'],
      ['-x'],
      ['--processes=lots'],
      ['--processes'],
      ['--format', 'xml'],
      ['--json', '--format', 'markdown'],
      ['frobnicate'],
      ['batch', '--max-line-bytes', '-1'],
      ['schema', 'everything'],
      ['rules', '--format', 'yaml'],
      ['questions', '--bogus'],
    ]) {
      const r = runBin(argv);
      expect(r.code, argv.join(' ')).toBe(EXIT.usage);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^which-container: /);
      noStack(r);
    }
  });

  it('NO_COLOR wins over FORCE_COLOR', () => {
    const r = runBin(['--processes', 'many'], { env: { NO_COLOR: '1', FORCE_COLOR: '3' } });
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).not.toContain('\u001b[');
    expect(runBin(['--processes', 'many'], { env: { FORCE_COLOR: '1' } }).stdout).toContain(
      '\u001b[',
    );
  });

  it('a closed stdout ends a decision and a listing quietly', async () => {
    for (const argv of [
      ['--processes', 'many', '--format', 'markdown'],
      ['rules', '--format', 'json'],
    ]) {
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [bin, ...argv], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout.destroy();
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stderr }));
      });
      expect(result, argv.join(' ')).toEqual({ code: EXIT.ok, stderr: '' });
    }
  });
});

describe('the README exit-code table', () => {
  it('lists exactly the codes the CLI uses, each meaning what the tests above assert', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Exit codes'));
    const rows = [
      ...section
        .slice(0, section.indexOf('\n\n', section.indexOf('| code |') + 20))
        .matchAll(/^\| (\d+) \| (.+) \|$/gm),
    ].map((m) => [Number(m[1]), m[2]!] as const);
    expect(rows.map(([code]) => code)).toEqual(Object.values(EXIT));
    const meaning = new Map(rows);
    expect(meaning.get(EXIT.usage)).toMatch(
      /usage.*unknown flag.*bad value.*conflicting options.*no answers and no terminal.*--strict/,
    );
    expect(meaning.get(EXIT.inputFile)).toMatch(
      /bad input file.*missing.*unreadable.*directory.*over 1 MiB.*not UTF-8.*unparsable.*invalid/,
    );
    expect(meaning.get(EXIT.batchLinesFailed)).toMatch(/batch.*some lines failed/);
    expect(meaning.get(EXIT.outputFailed)).toMatch(/output could not be written/);
    expect(meaning.get(EXIT.interrupted)).toMatch(/SIGINT/);
    expect(meaning.get(EXIT.terminated)).toMatch(/SIGTERM/);
  });
});

describe('thrown at the bin as a new user might', () => {
  const documented = new Set<number>([EXIT.ok, EXIT.usage, EXIT.inputFile]);
  it('a few hundred random argv and answers files end only in documented exit codes, with no stack traces', async () => {
    const flags = [
      ...builtinRuleSet.questions.map((q) => `--${flagOf(q.id)}`),
      '--format',
      '--json',
      '--strict',
      '--no-input',
      '--explain',
      '--no-color',
      '--answers',
      '--save-answers',
      '--rules',
      '--detect',
      '--help',
      '-h',
      '-V',
      '--version',
      '--bogus',
      '-p',
      '--',
    ];
    const words = [
      'many',
      'single',
      'yes',
      'no',
      'own',
      'json',
      'markdown',
      'text',
      'mermaid',
      'unsure',
      '',
      ' ',
      '-',
      'é',
      '{}',
      '/nonexistent',
      dir,
      'questions',
      'rules',
      'schema',
      'decision',
      'check',
      'detect',
      '💥',
      'a'.repeat(300),
    ];
    const files = [
      'processes: many\n',
      '{"kernel": "own"}',
      'processes: [1, 2]\n',
      '- just\n- a\n- list\n',
      '{"processes": "many", "__proto__": {}}',
      'a: &a [1]\nb: [*a, *a]\n',
      'processes: !!binary aGk=\n',
      'schemaVersion: 2\n',
      '',
      '\u0000\u0001\u0002',
      '{"schemaVersion": 1, "rules": [{"id": "x"}]}',
    ].map((content, i) => file(`fuzz-${i}.yaml`, content));
    const arb = fc.array(
      fc.oneof(
        fc.constantFrom(...flags),
        fc.constantFrom(...words),
        fc.constantFrom(...files),
        fc.string({ maxLength: 8 }),
      ),
      { maxLength: 7 },
    );
    const cases = fc.sample(arb, { numRuns: 240, seed: 42 });
    const failures: string[] = [];
    const check = (argv: string[]) =>
      new Promise<void>((resolve) => {
        // No stdin (closed at once), so nothing waits on it; --save-answers writes only in the temp dir.
        const child = spawn(process.execPath, [bin, ...argv], {
          cwd: dir,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { PATH: process.env.PATH! },
        });
        let stderr = '';
        child.stdout.resume();
        child.stderr.on('data', (d) => (stderr += d));
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.on('close', (code) => {
          clearTimeout(timer);
          if (code === null || !documented.has(code) || /\n\s+at |internal error/.test(stderr))
            failures.push(`${JSON.stringify(argv)} → ${code}: ${stderr.slice(0, 300)}`);
          resolve();
        });
      });
    for (let i = 0; i < cases.length; i += 4) await Promise.all(cases.slice(i, i + 4).map(check));
    expect(failures).toEqual([]);
  }, 180_000);
});
