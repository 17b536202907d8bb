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
    // The cursor starts on "Not sure", the last choice: Up moves to the answers above it.
    // processes: many; architecture: monolith (so the layers question is left out); init, cron,
    // login, vmLike: yes; configManagement: puppet; the rest as below; then no saving.
    const up = (n: number) => [...Array(n).fill('Up'), 'Enter'];
    const keys: [RegExp, string[]][] = [
      [/\(1 of 16\) How many long-running services/, up(1)],
      [/\(2 of 16\) How is the application structured/, up(3)],
      [/\(3 of 15\) Does it need an init system/, up(2)],
      [/\(4 of 15\) Does it rely on cron/, up(2)],
      [/\(5 of 15\) Will people log in/, up(2)],
      [/\(6 of 15\) Who runs code in it/, ['Enter']],
      [/\(7 of 15\) Is it replacing VMs/, up(2)],
      [/\(8 of 15\) Which configuration-management tool/, up(3)],
      [/\(9 of 15\) After launch/, up(2)],
      [/\(10 of 15\) Must versions be switched/, up(1)],
      [/\(11 of 15\) Is its filesystem built/, up(1)],
      [/\(12 of 15\) Does it need a fleet/, up(3)],
      [/\(13 of 15\) What schedules and runs it/, up(6)],
      [/\(14 of 15\) Does it run containers itself/, ['Enter']],
      [/\(15 of 15\) Can it run on the host's Linux kernel/, up(2)],
      [/Decide now, or change an answer\?/, ['Enter']],
      [/Save these answers/, ['Down', 'Down', 'Enter']],
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
    await terminal.waitFor(/\(1 of 16\)/);
    terminal.keys('C-c');
    expect(await terminal.exitCode()).toBe(130);
    const screen = await terminal.waitFor(/tty: /);
    expect(screen).toMatch(/tty: icanon echo/);
    expect(screen).not.toMatch(/\n\s+at /);
  });

  it('with stdout redirected to a file, keeps the prompts on the terminal and only JSON in the file', async () => {
    const known =
      '--kernel shared --orchestrator kubernetes --fleet none --image-source dockerfile --rollback yes --updates replace --config-management none --vm-like no --login no --cron no --init no --isolation trusted --nesting no';
    terminal = new Terminal(`${run(`--format json ${known}`)} > decision.json`);
    // Three open questions: processes, architecture, and layers while architecture is open.
    await terminal.waitFor(/\(1 of 3\) How many long-running services/);
    terminal.keys('Up', 'Up', 'Up', 'Enter'); // single
    await terminal.waitFor(/\(2 of 3\) How is the application structured/);
    terminal.keys('Up', 'Enter'); // microservices: layers still applies
    await terminal.waitFor(/\(3 of 3\) Will several components share a base image/);
    terminal.keys('Up', 'Up', 'Enter'); // yes
    await terminal.waitFor(/Decide now/);
    terminal.keys('Enter');
    await terminal.waitFor(/Save these answers/);
    terminal.keys('Down', 'Down', 'Enter'); // no
    expect(await terminal.exitCode()).toBe(0);
    const decision = JSON.parse(readFileSync(join(terminal.dir, 'decision.json'), 'utf8'));
    expect(decision.recommendation).toBe('app');
    expect(decision.answers.architecture).toEqual({ value: 'microservices', source: 'prompt' });
    expect(decision.answers.layers).toEqual({ value: 'yes', source: 'prompt' });
  });
});
