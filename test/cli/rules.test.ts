// An organisation's rules: a policy changes a verdict, an override by id, the JSON listing
// round-trips as a rules file, and `rules check` names every fault with its line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/schema.js';
import { runCli } from '../support/cli.js';
import { fixtures, root } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

const policy = join(root, 'examples', 'policy.yaml');
const dir = tempDir('rules');
const decision = async (argv: string[]) => {
  const result = await runCli([...argv, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Decision;
};

describe('--rules', () => {
  it('lets a policy change the verdict, naming the file its rules came from', async () => {
    const answers = ['--processes', 'few', '--cron', 'yes', '--updates', 'in-place'];
    expect((await decision(answers)).recommendation).toBe('os');
    const withPolicy = await decision([...answers, '--rules', policy]);
    expect(withPolicy.recommendation).toBe('app');
    expect(withPolicy.reasons[0]).toMatchObject({
      rule: 'platform-kubernetes-first',
      favors: 'app',
      weight: 8,
      origin: policy,
      source: 'ACME platform team',
    });
    expect(withPolicy.reasons.find((r) => r.rule === 'needs-cron')!.origin).toBeUndefined();
  });

  it('replaces a built-in rule that has the same id, in its place', async () => {
    const answers = ['--config-management', 'puppet', '--rules', policy];
    const reason = (await decision(answers)).reasons.find((r) => r.rule === 'config-management')!;
    expect(reason).toMatchObject({
      weight: 1,
      origin: policy,
      text: expect.stringContaining('retiring'),
    });
  });

  it('adds caveats too, and works in batch', async () => {
    const result = await runCli(['batch', '--rules', policy], {
      stdin: '{"vmLike":"yes","orchestrator":"kubernetes"}\n',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).decision.caveats).toContain('exception-process');
  });

  it('round-trips: `rules --format json` is a rules file that decides exactly as the built-in rules', async () => {
    const listing = (await runCli(['rules', '--format', 'json'])).stdout;
    const file = join(dir, 'all.json');
    writeFileSync(file, listing);
    const rules = JSON.parse(listing).rules as { id: string; effect: string }[];
    const weighted = rules.filter((r) => r.effect === 'favor').length;
    expect(await runCli(['rules', 'check', file])).toMatchObject({
      code: 0,
      stdout: `${file}: ok: ${rules.length} rule(s) (${weighted} weighted, ${rules.length - weighted} caveat(s)); replaces built-in ${rules.map((r) => r.id).join(', ')}\n`,
    });
    const answers = ['--processes', 'few', '--cron', 'yes', '--orchestrator', 'compose'];
    const strip = (d: Decision) =>
      JSON.stringify(d, (key, value) => (key === 'origin' ? undefined : value));
    expect(strip(await decision([...answers, '--rules', file]))).toBe(
      strip(await decision(answers)),
    );
    // With a policy merged in, the listing is still a valid rules file.
    const merged = join(dir, 'merged.json');
    writeFileSync(merged, (await runCli(['rules', '--format', 'json', '--rules', policy])).stdout);
    expect((await runCli(['rules', 'check', merged])).code).toBe(0);
  });

  it('`rules check` passes a good file with a one-line summary', async () => {
    expect(await runCli(['rules', 'check', policy])).toEqual({
      code: 0,
      stdout: `${policy}: ok: 3 rule(s) (2 weighted, 1 caveat(s)); replaces built-in config-management\n`,
      stderr: '',
    });
  });

  it('`rules check` names every fault with its file, line and path, and exits 3', async () => {
    const file = join(fixtures, 'rules', 'faulty.yaml');
    const result = await runCli(['rules', 'check', file]);
    expect(result.code).toBe(3);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `which-container: ${file}:4: rules[0].if.question: unknown question "colour"; expected one of: processes, architecture, init, cron, login, isolation, vmLike, configManagement, updates, layers, rollback, imageSource, fleet, orchestrator, nesting, kernel`,
      `which-container: ${file}:11: rules[1].if.in[1]: "dozens" is not a value of processes; expected one of: single, few, many`,
      `which-container: ${file}:17: rules[2].text: missing; expected a text`,
      `which-container: ${file}:27: rules[3].weight: expected a weight above 0`,
      `which-container: ${file}:30: rules[4].id: duplicate rule id "bad-weight"`,
    ]);
    // The same file given to --rules stops a decision the same way.
    expect(await runCli(['--processes', 'many', '--rules', file])).toMatchObject({
      code: 3,
      stdout: '',
    });
  });

  it('`rules check` rejects a file that is not a rules file at all', async () => {
    const file = join(dir, 'not-rules.yaml');
    writeFileSync(file, 'schemaVersion: 2\nrule: []\n');
    const result = await runCli(['rules', 'check', file]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`${file}:1: schemaVersion: expected 1 (the only version)`);
    expect(result.stderr).toContain('rule: unknown key');
    expect(result.stderr).toContain('rules: expected a list of rules');
  });

  it('refuses to read stdin twice', async () => {
    const result = await runCli(['--answers', '-', '--rules', '-'], { stdin: '{}' });
    expect(result).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('standard input can be read only once'),
    });
  });
});
