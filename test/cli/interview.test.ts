// The questionnaire in-process, driven by keys through @inquirer/testing's screen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/schema.js';
import { runCli } from '../support/cli.js';
import { fixtures } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

/** Waits for the next prompt, moves the cursor to the choice that starts with `label`, and takes it. */
async function choose(label: string): Promise<string> {
  await screen.next();
  const shown = screen.getScreen();
  const lines = shown.split('\n');
  const at = lines.findIndex((line) => line.startsWith('❯ '));
  const to = lines.findIndex((line) => /^(❯ | {2})/.test(line) && line.slice(2).startsWith(label));
  if (at < 0 || to < 0) throw new Error(`no choice "${label}" on the screen:\n${shown}`);
  for (let i = at; i < to; i++) screen.keypress('down');
  for (let i = at; i > to; i--) screen.keypress('up');
  screen.keypress('enter');
  return shown;
}

/** Takes the choice the cursor starts on, and returns the screen. */
async function accept(): Promise<string> {
  await screen.next();
  const shown = screen.getScreen();
  screen.keypress('enter');
  return shown;
}

const json = (stdout: string) => JSON.parse(stdout) as Decision;

describe('the interview', () => {
  it('asks every question in order, with its position, why, labelled choices, and the cursor on "Not sure"', async () => {
    const run = runCli(['--json', '--save-answers', join(tempDir('interview'), 'a.yaml')], {
      terminal: true,
    });
    const first = await choose('Many services');
    expect(first).toContain(
      '(1 of 16) How many long-running services run side by side in one environment',
    );
    expect(first).toContain('why we ask: One service per container');
    // Nothing is pre-selected for the person: the cursor starts on "Not sure".
    expect(first).toMatch(
      / {2}One service \(it may fork its own workers\)\n {2}A few services \(2-3 daemons together\)\n {2}Many services, like a whole server\n❯ Not sure/,
    );
    await choose('Microservices');
    for (let i = 0; i < 14; i++) await accept(); // "Not sure" for the rest
    const review = await choose('Decide now');
    expect(review).toContain('Change: What schedules and runs it?');
    const result = await run;
    // The review shows the questions and the labels of the answers, not ids and raw values.
    expect(result.stderr).toMatch(
      /How is the application structured\?\n +Microservices talking over APIs/,
    );
    expect(result.stderr).toMatch(/Who runs code in it\?\n +Not sure/);
    expect(result.code).toBe(0);
    const decision = json(result.stdout);
    expect(decision.answers.processes).toEqual({ value: 'many', source: 'prompt' });
    expect(decision.answers.architecture).toEqual({ value: 'microservices', source: 'prompt' });
    expect(result.stderr).toContain('Your answers:');
  });

  it('asks only what flags and the answers file leave open, and skips questions whose `when` is false', async () => {
    const run = runCli(
      ['--processes', 'single', '--architecture', 'monolith', '--kernel', 'own', '--json'],
      { terminal: true },
    );
    const screens: string[] = [];
    for (let i = 0; i < 12; i++) screens.push(await accept());
    screens.push(await choose('Decide now'));
    await choose('No'); // do not save
    expect(screens[0]).toContain('(1 of 12) Does it need an init system');
    expect(screens.join('\n')).not.toContain('share a base image'); // layers: only for several components
    const decision = json((await run).stdout);
    expect(decision.recommendation).toBe('vm');
    expect(decision.answers.processes!.source).toBe('flag');
    expect(decision.unanswered).toContain('init'); // "Not sure" at the prompt
  });

  it('offers to save the answers at the end, and they replay to the identical decision', async () => {
    const dir = tempDir('interview');
    const saved = join(dir, 'answers.yaml');
    const run = runCli(['--processes', 'many', '--architecture', 'monolith', '--json'], {
      terminal: true,
      cwd: dir,
    });
    await choose('Yes, it needs systemd');
    for (let i = 0; i < 12; i++) await accept();
    await choose('Decide now');
    const offer = await choose('Yes, to another file');
    expect(offer).toContain('Yes, to which-container-answers.yaml');
    await screen.next();
    screen.type(saved);
    screen.keypress('enter');
    const first = await run;
    expect(first.code).toBe(0);
    expect(readFileSync(saved, 'utf8')).toMatch(/\ninit: "yes"\ncron: "unsure"\n/);
    // Replayed in a terminal, nothing is asked again: "Not sure" was an answer too.
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

  it('lets the review change an answer, and shows an answer that no longer applies as dropped', async () => {
    const run = runCli(
      ['--processes', 'many', '--init', 'yes', '--cron', 'yes', '--login', 'yes', '--json'],
      { terminal: true },
    );
    await choose('Microservices');
    await accept(); // isolation
    await accept(); // vmLike
    await accept(); // configManagement
    await accept(); // updates
    await choose('Yes, a common base'); // layers
    for (let i = 0; i < 6; i++) await accept();
    // Change the architecture to a monolith: the layers answer no longer applies.
    await choose('Change: How is the application structured?');
    const asked = await choose('A monolith');
    expect(asked).toContain('❯ Microservices talking over APIs'); // the current answer is the default
    await choose('Decide now');
    await choose('No');
    const result = await run;
    expect(result.stderr).toMatch(
      /share a base image, each adding its own layers\?\n +dropped: it does not apply now \(was: Yes, a common base/,
    );
    const decision = json(result.stdout);
    expect(decision.answers.architecture).toEqual({ value: 'monolith', source: 'prompt' });
    expect(decision.reasons.map((r) => r.rule)).not.toContain('shared-layers');
    expect(decision.dropped).toEqual([{ question: 'layers', answer: 'yes', source: 'prompt' }]);
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
  it('starts the cursor on each detected value, with its evidence', async () => {
    const run = runCli(['--detect', join(fixtures, 'repos', 'procfile-app'), '--json'], {
      terminal: true,
    });
    const first = await accept();
    // processes was detected as "single": the cursor starts there, and the reason is shown.
    expect(first.replace(/\s+/g, ' ')).toContain(
      'detected: Procfile: 2 process types (web, worker), each run as its own process',
    );
    expect(first).toMatch(/❯ One service/);
    for (let i = 0; i < 15; i++) {
      const shown = await accept();
      expect(shown).not.toContain('Decide now');
    }
    await choose('Decide now');
    await choose('No');
    const decision = json((await run).stdout);
    // Accepted at the prompt, the detected value is now the person's answer.
    expect(decision.answers.processes).toEqual({ value: 'single', source: 'prompt' });
  });
});
