// What the advice rests on, as a user meets it: no verdict without evidence, confidence that
// answers firing nothing cannot lift, answers that do not apply dropped, and public sources.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinRuleSet } from '../../src/engine/rule-set.js';
import { decide, NoEvidenceError } from '../../src/index.js';
import type { Decision } from '../../src/schema.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir('evidence');
const NO_EVIDENCE =
  /^which-container: no answer given is evidence for either container type, so there is no verdict\.\nAnswer one of the most decisive questions: --orchestrator, --processes, --architecture/;

describe('no verdict without evidence', () => {
  it('exits 2 naming the questions to answer, for all-unsure answers, an empty file and empty stdin', async () => {
    const allUnsure = Object.fromEntries(builtinRuleSet.questions.map((q) => [q.id, 'unsure']));
    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, '# nothing yet\n');
    for (const [argv, stdin] of [
      [['--answers', '-'], JSON.stringify(allUnsure)],
      [['--answers', empty], undefined],
      [['--answers', '-'], ''],
      [['--processes', 'unsure', '--json'], undefined],
    ] as const) {
      const result = await runCli([...argv], { stdin });
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(NO_EVIDENCE);
      expect(result.stdout).toBe('');
    }
  });

  it('exits 2 when --detect finds nothing that answers a question', async () => {
    const nothing = tempDir('nothing');
    writeFileSync(join(nothing, 'README.txt'), 'just notes\n');
    const result = await runCli(['--detect', nothing, '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(NO_EVIDENCE);
  });

  it('throws a typed error from the library', () => {
    expect(() => decide({ kernel: 'shared', fleet: 'none' })).toThrow(NoEvidenceError);
  });
});

describe('confidence that measures evidence', () => {
  const json = async (...argv: string[]) =>
    JSON.parse((await runCli([...argv, '--json'])).stdout) as Decision;

  it('is not lifted by answers that fire nothing', async () => {
    const alone = await json('--processes', 'single');
    const withNeutral = await json(
      '--processes',
      'single',
      '--kernel',
      'shared',
      '--fleet',
      'none',
      '--orchestrator',
      'none',
      '--config-management',
      'none',
    );
    expect(alone.confidence.level).toBe('low');
    expect(withNeutral.confidence.level).toBe('low');
    expect(withNeutral.confidence.value).toBeLessThanOrEqual(alone.confidence.value + 0.1);
  });

  it('is never high on one answer alone, whichever it is', () => {
    for (const q of builtinRuleSet.questions) {
      for (const { value } of q.values) {
        try {
          expect(decide({ [q.id]: value }).confidence.level, `${q.id}: ${value}`).not.toBe('high');
        } catch (error) {
          expect(error).toBeInstanceOf(NoEvidenceError); // an answer that fires nothing
        }
      }
    }
  });

  it('reports a tie as a tie: confidence 0, and what would break it', async () => {
    // Ansible (os 2) and in-place (os 2) against Kubernetes (app 4): 4 to 4.
    const argv = [
      '--config-management',
      'ansible',
      '--orchestrator',
      'kubernetes',
      '--updates',
      'in-place',
    ];
    const tie = await json(...argv);
    expect(tie.scores).toEqual({ os: 4, app: 4 });
    expect(tie.confidence).toEqual({ level: 'low', value: 0, tie: true });
    expect(tie.flips.length).toBeGreaterThan(0);
    const text = (await runCli(argv)).stdout;
    expect(text).toMatch(/confidence low \(0\.00\), a tie\n/);
    expect(text).toContain('The answers weigh the same on both sides (4 to 4)');
  });

  it("drops a monolith's layers answer: it neither scores nor flips", async () => {
    const decision = await json(
      '--architecture',
      'monolith',
      '--layers',
      'yes',
      '--processes',
      'single',
    );
    expect(decision.reasons.map((r) => r.rule)).not.toContain('shared-layers');
    expect(decision.flips.some((f) => f.question === 'layers')).toBe(false);
    expect(decision.dropped).toEqual([{ question: 'layers', answer: 'yes', source: 'flag' }]);
    expect(decision.answers.layers).toBeUndefined();
  });

  it('gives a vm verdict for code from strangers, however app-like the rest', async () => {
    const decision = await json(
      '--isolation',
      'untrusted',
      '--processes',
      'single',
      '--orchestrator',
      'kubernetes',
      '--architecture',
      'microservices',
      '--updates',
      'replace',
      '--image-source',
      'dockerfile',
    );
    expect(decision.recommendation).toBe('vm');
    expect(decision.closest).toBe('app');
    expect(decision.caveats.map((c) => c.id)).toContain('sandboxed-runtimes');
  });
});

describe('public sources', () => {
  it('names the article by title in text, Markdown and JSON, and links the sources in the ADR', async () => {
    const argv = ['--processes', 'many', '--init', 'yes', '--orchestrator', 'kubernetes'];
    const title = 'System Containers and App Containers';
    expect((await runCli(argv)).stdout).toContain(`${title} (2015, published as a draft)`);
    const adr = (await runCli([...argv, '--format', 'markdown'])).stdout;
    expect(adr).toContain(`*${title}* (2015, published as a draft)`);
    expect(adr).toContain(
      '[Kubernetes documentation: Pods](https://kubernetes.io/docs/concepts/workloads/pods/)',
    );
    const decision = JSON.parse((await runCli([...argv, '--json'])).stdout) as Decision;
    expect(decision.article).toBe(`${title} (2015, published as a draft)`);
    for (const item of [...decision.reasons, ...decision.caveats]) {
      expect(
        item.source === decision.article || /^https:\/\//.test(item.url ?? ''),
        item.section,
      ).toBe(true);
    }
    expect((await runCli(['--help'])).stdout.replace(/\s+/g, ' ')).toContain(title);
  });

  it('cites no file of ours in any listing or output', async () => {
    for (const argv of [
      ['rules', '--format', 'json'],
      ['rules'],
      ['questions', '--format', 'json'],
      ['--processes', 'few', '--json', '--explain'],
    ]) {
      expect((await runCli(argv)).stdout, argv.join(' ')).not.toMatch(/GUIDANCE|SPEC\.md|\.md\b/);
    }
  });
});
