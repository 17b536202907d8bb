// Outputs that cannot be written, hostile save paths and file names, signals at a prompt: each
// ends with a documented exit code and one line, no stack trace, and nothing overwritten.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.js';
import { bin, runBin, runBinUnprivileged, spawnShell } from '../support/cli.js';
import { tempDir } from '../support/temp.js';
import { Terminal } from '../support/tmux.js';

const dir = tempDir('outputs');
const node = `'${process.execPath}' '${bin}'`;
const oneLine = (stderr: string) => {
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |Error:/);
};

describe('an output that cannot be written', () => {
  it('ends a decision written to a full disk with exit 5 and one line naming the output', () => {
    const r = spawnShell(`${node} --processes many --json > /dev/full`);
    expect(r.code).toBe(EXIT.outputFailed);
    expect(r.stderr).toBe(
      'which-container: cannot write to standard output: no space left on device (ENOSPC)\n',
    );
  });

  it('ends a batch written to a full disk with exit 5 and one line', () => {
    const input = join(dir, 'many.jsonl');
    writeFileSync(input, '{"processes":"many"}\n'.repeat(20_000));
    const r = spawnShell(`${node} batch '${input}' > /dev/full`);
    expect(r.code).toBe(EXIT.outputFailed);
    expect(r.stderr).toContain('cannot write to standard output: no space left on device (ENOSPC)');
    oneLine(r.stderr);
  });

  it('keeps the exit code of a bad flag when stderr cannot be written', () => {
    expect(spawnShell(`${node} --processes lots 2>/dev/full`).code).toBe(EXIT.usage);
    expect(spawnShell(`${node} --processes many --json 2>/dev/full >/dev/null`).code).toBe(EXIT.ok);
  });
});

describe('saving the answers', () => {
  const leftovers = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.tmp'));

  it('refuses a symbolic link, and leaves its target untouched', () => {
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'precious\n');
    const link = join(dir, 'link.yaml');
    symlinkSync(target, link);
    const r = runBin(['--processes', 'many', '--save-answers', link]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('it is a symbolic link, not a regular file');
    oneLine(r.stderr);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('refuses a FIFO (it stays a FIFO), a directory, a device and an empty path, leaving no temporary file', () => {
    const fifo = join(dir, 'pipe.yaml');
    spawnSync('mkfifo', [fifo]);
    const folder = join(dir, 'folder.yaml');
    mkdirSync(folder);
    for (const [path, words] of [
      [fifo, 'a named pipe (FIFO)'],
      [folder, 'a directory'],
      ['/dev/null', 'a device'],
      ['', 'the file name is empty'],
    ] as const) {
      const r = runBin(['--processes', 'many', '--save-answers', path]);
      expect(r.code, path).toBe(EXIT.usage);
      expect(r.stderr).toContain(words);
      oneLine(r.stderr);
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
    expect(leftovers(process.cwd())).toEqual([]);
  });

  it('refuses a folder it may not write to with exit 2, leaving no temporary file', () => {
    // As root, as nobody: root writes whatever the mode bits say.
    const readOnly = tempDir('read-only');
    chmodSync(readOnly, 0o555);
    const r = runBinUnprivileged([
      '--processes',
      'many',
      '--save-answers',
      join(readOnly, 'a.yaml'),
    ]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr).toContain('cannot write it: permission denied (EACCES)');
    oneLine(r.stderr);
    expect(readdirSync(readOnly)).toEqual([]);
  });

  it('writes a path with a newline in its name safely: the replay decides the same', () => {
    const path = join(dir, 'odd\nkernel: own.yaml');
    const saved = runBin([
      '--processes',
      'many',
      '--init',
      'yes',
      '--save-answers',
      path,
      '--json',
    ]);
    expect(saved.code).toBe(EXIT.ok);
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[0]).toMatch(
      /^# which-container answers: replay with .*odd\\nkernel: own\.yaml"$/,
    );
    const replay = runBin(['--answers', path, '--json']);
    expect(replay.code).toBe(EXIT.ok);
    expect(JSON.parse(replay.stdout).recommendation).toBe(JSON.parse(saved.stdout).recommendation);
    expect(JSON.parse(replay.stdout).answers.kernel).toBeUndefined();
  });
});

describe('our own words for what the libraries would say', () => {
  it('names a multi-document YAML file as such', () => {
    const path = join(dir, 'two.yaml');
    writeFileSync(path, 'processes: many\n---\ninit: "yes"\n');
    const r = runBin(['--answers', path]);
    expect(r.code).toBe(EXIT.inputFile);
    expect(r.stderr).toBe(
      `which-container: ${path}:2: holds 2 documents (separated by ---); an answers or rules file is one mapping\n`,
    );
  });

  it('says a number out of range is out of range', () => {
    const path = join(dir, 'huge.yaml');
    writeFileSync(path, 'processes: 1e400\n');
    const r = runBin(['--answers', path]);
    expect(r.stderr).toBe(
      `which-container: ${path}:1: processes: the number 1e400 is out of range\n`,
    );
  });

  it('cuts a huge bad value to a short quote with its length', () => {
    const path = join(dir, 'huge.json');
    writeFileSync(path, JSON.stringify({ processes: 'x'.repeat(1_000_000) }));
    const r = runBin(['--answers', path]);
    expect(r.code).toBe(EXIT.inputFile);
    expect(r.stderr.length).toBeLessThan(400);
    expect(r.stderr).toContain('… (1000002 characters) is not allowed');
  });

  it('prints no warning of the YAML parser while detect reads a Helm template', () => {
    const repo = tempDir('helm');
    mkdirSync(join(repo, 'templates'));
    writeFileSync(join(repo, 'Chart.yaml'), 'apiVersion: v2\nname: web\nversion: 1.0.0\n');
    writeFileSync(
      join(repo, 'templates', 'deploy.yaml'),
      '{{ .Values }}: [a]\n? [x]\n: y\nkind: Deployment\n',
    );
    const r = runBin(['detect', repo]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stderr).toBe('');
  });
});

describe('names from outside, shown on a terminal', () => {
  it('escapes control characters in the file names detect shows', () => {
    const repo = tempDir('names');
    const evil = join(repo, 'evil\n  forged line \u001b]0;title\u0007');
    mkdirSync(evil);
    writeFileSync(join(evil, 'Dockerfile'), 'FROM alpine\nCMD ["nginx"]\n');
    const r = runBin(['detect', repo]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).not.toMatch(/\n {2}forged line/);
    expect(r.stdout).toContain('evil\\n  forged line \\x1b]0;title\\x07/Dockerfile');
  });

  it('escapes them in error messages too', () => {
    const r = runBin(['--answers', join(dir, 'no\u001b[2Jsuch\nfile.yaml')]);
    expect(r.code).toBe(EXIT.inputFile);
    expect(r.stderr).not.toContain('\u001b');
    oneLine(r.stderr);
  });
});

describe('batch and a line that never ends', () => {
  it('reports line 1 as soon as it passes --max-line-bytes', async () => {
    const child = spawn(process.execPath, [bin, 'batch', '/dev/zero', '--max-line-bytes', '1000']);
    const first = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
    });
    child.kill('SIGTERM');
    expect(JSON.parse(first)).toMatchObject({
      line: 1,
      error: { message: expect.stringMatching(/^the line is \d+ bytes or more; at most 1000/) },
    });
  });
});

describe('signals at a prompt', () => {
  let terminal: Terminal | undefined;
  afterEach(() => terminal?.close());

  for (const [signal, code] of [
    ['TERM', EXIT.terminated],
    ['HUP', EXIT.hangup],
    ['INT', EXIT.interrupted],
  ] as const) {
    it(`SIG${signal} shows the cursor again, gives the terminal back and exits ${code}`, async () => {
      terminal = new Terminal(
        `${node}`,
        `stty -a | grep -o -- '-\\?icanon\\|-\\?echo ' | tr '\\n' ' ' | sed 's/^/tty: /';`,
      );
      await terminal.waitFor(/\(1 of 16\)/);
      expect(terminal.cursorVisible()).toBe(false);
      terminal.signal(`SIG${signal}`);
      expect(await terminal.exitCode()).toBe(code);
      expect(await terminal.waitFor(/tty: /)).toMatch(/tty: icanon echo/);
      expect(terminal.cursorVisible()).toBe(true);
      expect(existsSync(join(terminal.dir, 'which-container-answers.yaml'))).toBe(false);
    });
  }
});
