// The questionnaire in-process, driven by keys through @inquirer/testing's screen.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/schema.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

/** Answers each prompt: a number of Down presses, then Enter; returns when the run ends. */
async function answer(run: Promise<unknown>, downs: number[]): Promise<string[]> {
  const screens: string[] = [];
  for (const n of downs) {
    await screen.next();
    screens.push(screen.getScreen());
    for (let i = 0; i < n; i++) screen.keypress('down');
    screen.keypress('enter');
  }
  await run;
  return screens;
}

const json = (stdout: string) => JSON.parse(stdout) as Decision;

describe('the interview', () => {
  it('asks every question in order, with its position, why, labelled choices and unsure', async () => {
    const run = runCli(['--json'], { terminal: true });
    // processes: many (2 downs), architecture: microservices (2), then Enter on the first choice
    // of each remaining question (layers applies after microservices), then "Decide now".
    const screens = await answer(run, [2, 2, ...Array(12).fill(0), 0]);
    const result = await run;
    expect(screens[0]).toContain('(1 of 14) How many long-running services run side by side?');
    expect(screens[0]).toContain('why we ask: One service per container');
    expect(screens[0]).toMatch(
      /❯ One service \(it may fork its own workers\)\n {2}A few services \(2-3 daemons together\)\n {2}Many services, like a whole server\n {2}Not sure/,
    );
    expect(screens[14]).toContain('Decide now, or change an answer?');
    expect(result.code).toBe(0);
    const decision = json(result.stdout);
    expect(decision.answers.processes).toEqual({ value: 'many', source: 'prompt' });
    expect(decision.answers.architecture).toEqual({ value: 'microservices', source: 'prompt' });
    expect(decision.unanswered).toEqual([]);
    // The review table went to stderr with the prompts, not to stdout.
    expect(result.stderr).toContain('Your answers:');
  });

  it('asks only what flags and the answers file leave open, and skips questions whose `when` is false', async () => {
    const run = runCli(
      ['--processes', 'single', '--architecture', 'monolith', '--kernel', 'own', '--json'],
      { terminal: true },
    );
    const screens = await answer(run, [...Array(10).fill(0), 0]);
    expect(screens[0]).toContain('(1 of 10) Does it need an init system');
    expect(screens.join('\n')).not.toContain('share a base image'); // layers: only for several components
    const decision = json((await run).stdout);
    expect(decision.recommendation).toBe('vm');
    expect(decision.answers.processes!.source).toBe('flag');
    expect(decision.answers.init!.source).toBe('prompt');
  });

  it('takes "Not sure" as unanswered, and the saved answers replay to the identical decision', async () => {
    const dir = tempDir('interview');
    const saved = join(dir, 'answers.yaml');
    // Not sure is the 4th choice of processes (3 downs); every other question: first choice.
    const run = runCli(['--json', '--save-answers', saved], { terminal: true });
    await answer(run, [3, ...Array(12).fill(0), 0]); // monolith (first choice) leaves layers out
    const first = await run;
    expect(json(first.stdout).unanswered).toEqual(['processes']);
    expect(readFileSync(saved, 'utf8')).toMatch(/\nprocesses: "unsure"\n/);
    // Replayed in a terminal, nothing is asked again: unsure was an answer too.
    const replay = await runCli(['--answers', saved, '--json'], { terminal: true });
    const strip = (d: Decision) => ({
      ...d,
      answers: Object.fromEntries(Object.entries(d.answers).map(([k, v]) => [k, v.value])),
      reasons: d.reasons.map((r) => ({
        ...r,
        because: r.because.map((b) => [b.question, b.answer]),
      })),
    });
    expect(strip(json(replay.stdout))).toEqual(strip(json(first.stdout)));
  });

  it('lets the review change an answer before deciding', async () => {
    const run = runCli(
      [
        '--processes',
        'many',
        '--architecture',
        'monolith',
        '--init',
        'yes',
        '--cron',
        'yes',
        '--login',
        'yes',
        '--vm-like',
        'yes',
        '--config-management',
        'puppet',
        '--updates',
        'in-place',
        '--rollback',
        'no',
        '--image-source',
        'distro-image',
        '--fleet',
        'none',
        '--json',
      ],
      { terminal: true },
    );
    // orchestrator: kubernetes (2 downs); kernel: shared; review: "Change orchestrator", then
    // none (2 ups from the default, which is the current answer):
    await screen.next();
    expect(screen.getScreen()).toContain('(1 of 2) What schedules and runs it?');
    screen.keypress('down');
    screen.keypress('down');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter'); // kernel: shared
    await screen.next();
    expect(screen.getScreen()).toMatch(/❯ Decide now\n {2}Change orchestrator\n {2}Change kernel/);
    screen.keypress('down');
    screen.keypress('enter');
    await screen.next();
    expect(screen.getScreen()).toContain('❯ Kubernetes'); // the current answer is the default
    screen.keypress('up');
    screen.keypress('up');
    screen.keypress('enter'); // none
    await screen.next();
    screen.keypress('enter'); // Decide now
    const decision = json((await run).stdout);
    expect(decision.answers.orchestrator).toEqual({ value: 'none', source: 'prompt' });
  });

  it('exits 130 on Ctrl-C at a prompt, with nothing on stdout and no file written', async () => {
    const dir = tempDir('cancel');
    const run = runCli(['--json', '--save-answers', join(dir, 'a.yaml')], { terminal: true });
    await screen.next();
    screen.keypress({ name: 'c', ctrl: true });
    const result = await run;
    expect(result).toMatchObject({ code: 130, stdout: '' });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(() => readFileSync(join(dir, 'a.yaml'))).toThrow();
  });

  it('exits 2 with a clear message when stdin closes mid-interview', async () => {
    const stdin = new PassThrough();
    // In a real terminal readline reads stdin and so sees its end; here the screen stands in
    // for readline's input, so keep the stream flowing the same way.
    stdin.resume();
    const run = runCli(['--json'], { terminal: true, stdinStream: stdin });
    await screen.next();
    screen.keypress('enter');
    await screen.next();
    stdin.end();
    const result = await run;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('standard input closed before the questionnaire was finished');
  });

  it('never prompts with --no-input, even in a terminal', async () => {
    const result = await runCli(['--no-input'], { terminal: true });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no answers given/);
  });
});

describe('the interview with detected answers', () => {
  it('offers each detected value as the default, with its evidence', async () => {
    const { fixtures } = await import('../support/paths.js');
    const run = runCli(['--detect', join(fixtures, 'repos', 'procfile-app'), '--json'], {
      terminal: true,
    });
    await screen.next();
    // processes was detected as "few": the default, and the reason is shown under the question.
    expect(screen.getScreen()).toContain(
      'detected: Procfile: 2 process types (web, worker), each can run as its own container',
    );
    expect(screen.getScreen()).toMatch(/❯ A few services/);
    screen.keypress('enter');
    // The first choice of every other question (architecture: monolith leaves layers out).
    for (let i = 0; i < 12; i++) {
      await screen.next();
      expect(screen.getScreen()).not.toContain('Decide now');
      screen.keypress('enter');
    }
    await screen.next();
    expect(screen.getScreen()).toContain('Decide now');
    screen.keypress('enter');
    const decision = json((await run).stdout);
    // Accepted at the prompt, the detected value is now the person's answer.
    expect(decision.answers.processes).toEqual({ value: 'few', source: 'prompt' });
  });
});
