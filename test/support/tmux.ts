// A real pseudo-terminal through tmux: start a command, type keys, read the screen.
// Each session gets its own tmux server socket so tests never touch a user's tmux.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp.js';

export class Terminal {
  readonly dir = tempDir('tty');
  private readonly socket = `wc-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  readonly exitFile = join(this.dir, 'exit');

  /**
   * Runs a shell command line in a 100x40 terminal, in its own folder (`dir`); its exit code
   * lands in exitFile, then `after` runs in the same terminal.
   */
  constructor(commandLine: string, after = '') {
    const script = `${commandLine}; echo $? > '${this.exitFile}'; ${after} sleep 60`;
    this.tmux(
      'new-session',
      '-d',
      '-s',
      'main',
      '-x',
      '100',
      '-y',
      '40',
      '-c',
      this.dir,
      'bash',
      '-c',
      script,
    );
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], {
      encoding: 'utf8',
    });
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'main', ...keys);
  }

  /** Sends a signal to the command the terminal runs (the shell's child), and to nothing else. */
  signal(name: string): void {
    const shell = this.tmux('display', '-p', '-t', 'main', '#{pane_pid}').trim();
    const child = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0]!;
    process.kill(Number(child), name);
  }

  /** Whether the terminal shows its cursor (a prompt hides it while it draws). */
  cursorVisible(): boolean {
    return this.tmux('display', '-p', '-t', 'main', '#{cursor_flag}').trim() === '1';
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-S', '-', '-t', 'main'); // with what scrolled off
  }

  /** Waits until the screen matches (polling; the limit only stops a hung run). */
  async waitFor(pattern: RegExp, limitMs = 10_000): Promise<string> {
    const end = Date.now() + limitMs;
    for (;;) {
      const screen = this.screen();
      if (pattern.test(screen)) return screen;
      if (Date.now() > end)
        throw new Error(`the terminal never showed ${pattern}; it shows:\n${screen}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async exitCode(limitMs = 10_000): Promise<number> {
    const end = Date.now() + limitMs;
    while (!existsSync(this.exitFile) || readFileSync(this.exitFile, 'utf8') === '') {
      if (Date.now() > end)
        throw new Error(`the command did not end; the terminal shows:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return Number(readFileSync(this.exitFile, 'utf8').trim());
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}
