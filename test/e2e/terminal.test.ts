// The questionnaire in a real pseudo-terminal (tmux), as a person meets it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bin } from '../support/cli.js';
import { Terminal } from '../support/tmux.js';

let terminal: Terminal | undefined;
afterEach(() => terminal?.close());

const run = (args: string) => `'${process.execPath}' '${bin}' ${args}`;

describe('in a real terminal', () => {
  it('answers every question by keystrokes and shows the verdict', async () => {
    terminal = new Terminal(run('--no-color'));
    // processes: many; architecture: monolith; then "yes" (first choice) for init, cron, login
    // and vmLike; configManagement: puppet (3 downs); the first choice for the rest.
    const keys: [RegExp, string[]][] = [
      [/\(1 of 14\) How many long-running services/, ['Down', 'Down', 'Enter']],
      [/\(2 of 14\) How is the application structured/, ['Enter']],
      [/\(3 of 13\) Does it need an init system/, ['Enter']],
      [/\(4 of 13\) Does it rely on cron/, ['Enter']],
      [/\(5 of 13\) Will people log in/, ['Enter']],
      [/\(6 of 13\) Is it replacing VMs/, ['Enter']],
      [/\(7 of 13\) Which configuration-management tool/, ['Down', 'Down', 'Down', 'Enter']],
      [/\(8 of 13\) After launch/, ['Enter']],
      [/\(9 of 13\) Must versions be switched/, ['Down', 'Enter']],
      [/\(10 of 13\) Is its filesystem built/, ['Down', 'Enter']],
      [/\(11 of 13\) Does it need a fleet/, ['Enter']],
      [/\(12 of 13\) What schedules and runs it/, ['Enter']],
      [/\(13 of 13\) Can it run on the host's Linux kernel/, ['Enter']],
      [/Decide now, or change an answer\?/, ['Enter']],
    ];
    for (const [screen, press] of keys) {
      await terminal.waitFor(screen);
      terminal.keys(...press);
    }
    expect(await terminal.exitCode()).toBe(0);
    const screen = await terminal.waitFor(/Recommendation:/);
    expect(screen).toMatch(/Recommendation: OS \(system\) container {2}· {2}confidence high/);
    expect(screen).toContain('configManagement = puppet');
  });

  it('exits 130 on Ctrl-C at the first question and gives the terminal back', async () => {
    // After the run, the same terminal reports whether it is back in canonical mode with echo.
    terminal = new Terminal(
      run(''),
      `stty -a | grep -o -- '-\\?icanon\\|-\\?echo ' | tr '\\n' ' ' | sed 's/^/tty: /';`,
    );
    await terminal.waitFor(/\(1 of 14\)/);
    terminal.keys('C-c');
    expect(await terminal.exitCode()).toBe(130);
    const screen = await terminal.waitFor(/tty: /);
    expect(screen).toMatch(/tty: icanon echo/);
    expect(screen).not.toMatch(/\n\s+at /);
  });

  it('with stdout redirected to a file, keeps the prompts on the terminal and only JSON in the file', async () => {
    const known =
      '--kernel shared --orchestrator kubernetes --fleet none --image-source dockerfile --rollback yes --updates replace --config-management none --vm-like no --login no --cron no --init no';
    terminal = new Terminal(`${run(`--format json ${known}`)} > decision.json`);
    // Three open questions: processes, architecture, and layers while architecture is open.
    await terminal.waitFor(/\(1 of 3\) How many long-running services/);
    terminal.keys('Enter'); // single
    await terminal.waitFor(/\(2 of 3\) How is the application structured/);
    terminal.keys('Down', 'Down', 'Enter'); // microservices: layers still applies
    await terminal.waitFor(/\(3 of 3\) Will several components share a base image/);
    terminal.keys('Enter');
    await terminal.waitFor(/Decide now/);
    terminal.keys('Enter');
    expect(await terminal.exitCode()).toBe(0);
    const decision = JSON.parse(readFileSync(join(terminal.dir, 'decision.json'), 'utf8'));
    expect(decision.recommendation).toBe('app');
    expect(decision.answers.architecture).toEqual({ value: 'microservices', source: 'prompt' });
    expect(decision.answers.layers).toEqual({ value: 'yes', source: 'prompt' });
  });
});
