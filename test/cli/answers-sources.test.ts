// Answers from flags, files and stdin: precedence, provenance, formats, replay.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/schema.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir('cli');
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const decideJson = async (argv: string[], stdin?: string) => {
  const result = await runCli([...argv, '--json'], { stdin });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Decision;
};

describe('answer sources', () => {
  it('takes a flag over the answers file, and records each source', async () => {
    const answers = file('a.yaml', 'processes: many\ninit: "yes"\n');
    const decision = await decideJson(['--answers', answers, '--processes', 'single']);
    expect(decision.answers).toEqual({
      processes: { value: 'single', source: 'flag' },
      init: { value: 'yes', source: 'file' },
    });
    expect(decision.reasons.find((r) => r.rule === 'needs-init')!.because).toEqual([
      { question: 'init', answer: 'yes', source: 'file' },
    ]);
  });

  it('reads JSON and YAML files alike, with schemaVersion and unsure', async () => {
    const json = file('a.json', '{"schemaVersion": 1, "processes": "few", "kernel": "unsure"}');
    const yaml = file('a.yml', 'schemaVersion: 1\nprocesses: few\nkernel: unsure\n');
    const a = await decideJson(['--answers', json]);
    const b = await decideJson(['--answers', yaml]);
    expect(a).toEqual(b);
    expect(a.answers).toEqual({ processes: { value: 'few', source: 'file' } });
    expect(a.unanswered).toContain('kernel');
  });

  it('reads answers from stdin with --answers -', async () => {
    const decision = await decideJson(['--answers', '-'], '{"kernel": "own"}');
    expect(decision.recommendation).toBe('vm');
  });

  it('accepts a BOM and CRLF line ends', async () => {
    const decision = await decideJson([
      '--answers',
      file('bom.yaml', '\uFEFFprocesses: many\r\ninit: "yes"\r\n'),
    ]);
    expect(Object.keys(decision.answers)).toEqual(['processes', 'init']);
  });

  it('reports every fault of a file with its line, and exits 3', async () => {
    const bad = file('bad.yaml', 'processes: many\ninit: maybe\nlogin: yes\ncolour: red\n');
    const result = await runCli(['--answers', bad]);
    expect(result.code).toBe(3);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `which-container: ${bad}:2: init: "maybe" is not allowed; expected one of: yes, no, unsure`,
      `which-container: ${bad}:4: colour: unknown question; expected one of: processes, architecture, init, cron, login, isolation, vmLike, configManagement, updates, layers, rollback, imageSource, fleet, orchestrator, nesting, kernel, schemaVersion`,
    ]);
  });

  it('rejects unparsable, non-mapping and directory inputs with exit 3', async () => {
    for (const [input, message] of [
      [file('broken.json', '{"processes": '), /broken\.json:1: /],
      [file('list.yaml', '- many\n'), /list\.yaml: expected a mapping of question id to answer/],
      [dir, /is a directory, not a file/],
      [
        file('latin1.yaml', Buffer.from('processes: many\ninit: \xe9\n', 'latin1')),
        /latin1\.yaml:2: is not valid UTF-8/,
      ],
    ] as const) {
      const result = await runCli(['--answers', input]);
      expect(result.code, input).toBe(3);
      expect(result.stderr).toMatch(message);
    }
  });

  it('saves the merged answers so that replaying them gives the identical Decision', async () => {
    for (const name of ['saved.yaml', 'saved.json']) {
      const saved = join(dir, name);
      const first = await decideJson([
        '--answers',
        file('base.yaml', 'processes: few\ncron: "yes"\n'),
        '--orchestrator',
        'compose',
        '--save-answers',
        saved,
      ]);
      const replayed = await decideJson(['--answers', saved]);
      // The sources differ (flag → file); everything else is identical.
      const strip = (d: Decision) =>
        JSON.stringify({
          ...d,
          answers: Object.fromEntries(Object.entries(d.answers).map(([k, v]) => [k, v.value])),
          reasons: d.reasons.map((r) => ({ ...r, because: r.because.map((b) => b.answer) })),
        });
      expect(strip(replayed)).toBe(strip(first));
      expect(readFileSync(saved, 'utf8')).toContain('schemaVersion');
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('fails with exit 2 and writes nothing when --save-answers cannot be written', async () => {
    const target = join(dir, 'no-such-dir', 'answers.yaml');
    const result = await runCli(['--processes', 'many', '--save-answers', target]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /--save-answers ".*answers\.yaml": cannot write it: no such file or directory \(ENOENT\)/,
    );
    expect(existsSync(target)).toBe(false);
  });
});
