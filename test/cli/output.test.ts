// The three formats: golden snapshots of text (colour off) and Markdown, JSON validated
// against `which-container schema decision` by an independent validator (ajv), and colour rules.
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/index.js';
import { loadCases } from '../support/cases.js';
import { runCli } from '../support/cli.js';
import { fixtures } from '../support/paths.js';

const cases = [
  ...loadCases(join(fixtures, 'cases/article')),
  ...loadCases(join(fixtures, 'cases/real-world')),
  ...loadCases(join(fixtures, 'cases/calibration')),
];
const asFlags = (answers: Record<string, string>) =>
  Object.entries(answers).flatMap(([id, v]) => [
    `--${id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    v,
  ]);

describe('JSON output', () => {
  it('validates against the printed decision schema for every case, with and without --explain', async () => {
    const schema = JSON.parse((await runCli(['schema', 'decision'])).stdout);
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    for (const c of cases) {
      for (const extra of [[], ['--explain']]) {
        const { stdout, code } = await runCli([...asFlags(c.answers), '--json', ...extra]);
        expect(code).toBe(0);
        const ok = validate(JSON.parse(stdout));
        expect(ok, `${c.file}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
  });

  it('is rejected by that schema when a required field is missing or a verdict is unknown', async () => {
    const schema = JSON.parse((await runCli(['schema', 'decision'])).stdout);
    const validate = new Ajv2020({ strict: true }).compile(schema);
    const decision = decide({ processes: 'many' });
    const { flips: _omitted, ...withoutFlips } = decision;
    expect(validate(withoutFlips)).toBe(false);
    expect(validate({ ...decision, recommendation: 'lxc' })).toBe(false);
    expect(validate(decision)).toBe(true);
  });

  it('validates answers files and the rules listing against their schemas too', async () => {
    // The rules schema checks addresses with the "uri" format: http(s) ones are what it allows.
    const ajv = new Ajv2020({ strict: true, formats: { uri: /^https?:\/\/\S+$/ } });
    const answers = ajv.compile(JSON.parse((await runCli(['schema', 'answers'])).stdout));
    for (const c of cases) expect(answers(c.answers), c.file).toBe(true);
    expect(answers({ processes: 'lots' })).toBe(false);
    expect(answers({ colour: 'red' })).toBe(false);
    const rules = ajv.compile(JSON.parse((await runCli(['schema', 'rules'])).stdout));
    const listing = JSON.parse((await runCli(['rules', '--format', 'json'])).stdout);
    expect(rules(listing)).toBe(true);
    // The listing names no file of ours, only the article and public pages.
    expect(JSON.stringify(listing)).not.toMatch(/GUIDANCE|\.md\b/);
  });

  it('gives every case the same Decision through --answers as through decide()', async () => {
    for (const c of cases) {
      const { stdout } = await runCli(['--answers', '-', '--json'], {
        stdin: JSON.stringify(c.answers),
      });
      expect(JSON.parse(stdout), c.file).toEqual(decide(c.answers));
    }
  });
});

describe('text output', () => {
  it('matches the golden snapshot for a clear OS case', async () => {
    const { stdout } = await runCli([
      '--processes',
      'many',
      '--login',
      'yes',
      '--config-management',
      'puppet',
      '--vm-like',
      'yes',
      '--updates',
      'in-place',
      '--orchestrator',
      'none',
    ]);
    expect(stdout).toMatchSnapshot();
  });

  it('matches the golden snapshot for a case pulled both ways, with reasons against', async () => {
    const { stdout } = await runCli([
      '--processes',
      'few',
      '--cron',
      'yes',
      '--orchestrator',
      'compose',
      '--updates',
      'replace',
      '--image-source',
      'dockerfile',
    ]);
    expect(stdout).toMatchSnapshot();
  });

  it('matches the golden snapshot for a VM verdict', async () => {
    const { stdout } = await runCli([
      '--processes',
      'few',
      '--kernel',
      'own',
      '--updates',
      'in-place',
    ]);
    expect(stdout).toMatchSnapshot();
  });

  it('lists every rule with --explain, fired or not', async () => {
    const { stdout } = await runCli(['--processes', 'few', '--explain']);
    expect(stdout).toMatch(/Every rule\n {2}· own-kernel +vm \+5 +kernel = own\n/); // strongest first
    expect(stdout).toMatch(/\n {2}· single-service +app \+3 +processes = single\n/);
    expect(stdout).toMatch(/✓ few-services +os \+1 +processes = few/);
    expect(stdout).toMatch(/~ supervisor-pattern +caveat/);
  });
});

describe('colour', () => {
  const ESC = '\u001b[';
  const argv = ['--processes', 'many'];
  it('is off when stdout is not a terminal', async () =>
    expect((await runCli(argv)).stdout).not.toContain(ESC));
  it('is on at a terminal', async () =>
    expect((await runCli(argv, { stdoutIsTTY: true })).stdout).toContain(ESC));
  it('is off at a terminal with NO_COLOR or --no-color', async () => {
    expect(
      (await runCli(argv, { stdoutIsTTY: true, env: { NO_COLOR: '1' } })).stdout,
    ).not.toContain(ESC);
    expect((await runCli([...argv, '--no-color'], { stdoutIsTTY: true })).stdout).not.toContain(
      ESC,
    );
  });
  it('is on in a pipe with FORCE_COLOR', async () =>
    expect((await runCli(argv, { env: { FORCE_COLOR: '1' } })).stdout).toContain(ESC));
  it('is never in JSON or Markdown', async () => {
    for (const format of ['json', 'markdown']) {
      expect(
        (
          await runCli([...argv, '--format', format], {
            stdoutIsTTY: true,
            env: { FORCE_COLOR: '3' },
          })
        ).stdout,
      ).not.toContain(ESC);
    }
  });
});

describe('Markdown output', () => {
  it('matches the golden ADR snapshot (MADR layout)', async () => {
    const { stdout } = await runCli([
      '--processes',
      'many',
      '--init',
      'yes',
      '--orchestrator',
      'kubernetes',
      '--updates',
      'replace',
      '--rollback',
      'yes',
      '--format',
      'markdown',
    ]);
    for (const heading of [
      '## Context and Problem Statement',
      '## Decision Drivers',
      '## Considered Options',
      '## Decision Outcome',
      '### Consequences',
      '## Pros and Cons of the Options',
      '## More Information',
    ]) {
      expect(stdout).toContain(`\n${heading}\n`);
    }
    expect(stdout).toMatchSnapshot();
  });

  it('takes its date from SOURCE_DATE_EPOCH when set', async () => {
    const { stdout } = await runCli(['--processes', 'many', '--format', 'markdown'], {
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });
    expect(stdout).toMatch(/^---\nstatus: proposed\ndate: 2023-11-14\n/);
  });
});

describe('listings', () => {
  it('prints the rules as a Mermaid flowchart from questions through rules to verdicts', async () => {
    const { stdout } = await runCli(['rules', '--format', 'mermaid']);
    expect(stdout).toMatch(/^flowchart LR\n/);
    expect(stdout).toContain('q_processes -->|"single"| r0');
    expect(stdout).toContain('r0 --> v_app');
    expect(stdout).toMatch(/q_kernel -->\|"own"\| r\d+\n {2}r\d+ --> v_vm/);
  });

  it('prints the questions as JSON with flags and the unsure value', async () => {
    const { stdout } = await runCli(['questions', '--format', 'json']);
    const data = JSON.parse(stdout);
    expect(data.questions).toHaveLength(16);
    expect(data.questions.find((q: { id: string }) => q.id === 'vmLike')).toMatchObject({
      flag: '--vm-like',
      values: expect.arrayContaining([{ value: 'unsure', label: 'Not sure' }]),
    });
  });
});
