// What a run loads: dist/cli/cli.js alone for a decision, help or version; commander, zod,
// the YAML parser, the prompts and chalk each in a part of its own, loaded on demand.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../support/cli.js';
import { root } from '../support/paths.js';

const dist = join(root, 'dist', 'cli');
const read = (file: string) => readFileSync(join(dist, file), 'utf8');

describe('the CLI bundle', () => {
  const main = read('cli.js');

  it('loads no other file of ours at start-up: only dynamic imports of parts', () => {
    const staticImports = [...main.matchAll(/(?:^|[;\n])\s*import\s*(?:[^;]*?\sfrom\s*)?["']([^"']+)["']/g)].map((m) => m[1]);
    expect(staticImports.every((spec) => spec!.startsWith('node:'))).toBe(true);
    const parts = [...main.matchAll(/import\(["']\.\/([\w-]+)\.js["']\)/g)].map((m) => m[1]);
    // Subcommands (batch, detect, listings) are parts of program.js's own.
    expect(new Set(parts)).toEqual(new Set(['program', 'prompts', 'validate', 'load-data-file', 'load-rules', 'detect', 'chalk']));
    for (const part of parts) expect(readdirSync(dist)).toContain(`${part}.js`);
  });

  it('holds none of commander, zod, yaml, @inquirer or chalk; the parts do', () => {
    // Bundled packages leave their own error texts behind: look for those, the code is minified.
    const marks = { commander: 'commander.unknownOption', zod: 'Invalid input', yaml: 'Map keys must be unique', inquirer: 'User force closed the prompt', chalk: 'ansi256' };
    for (const mark of Object.values(marks)) expect(main).not.toContain(mark);
    expect(read('program.js')).toContain(marks.commander);
    expect(read('validate.js')).toContain(marks.zod);
    expect(read('load-data-file.js')).toContain(marks.yaml);
    expect(read('prompts.js')).toContain(marks.inquirer);
    expect(read('chalk.js')).toContain(marks.chalk);
  });

  it('prints the same help from its prebuilt text as commander prints', async () => {
    const { runCli } = await import('../support/cli.js');
    const fromCommander = await runCli(['--help']); // from source: no prebuilt text, commander prints
    expect(runBin(['--help']).stdout).toBe(fromCommander.stdout);
    expect(runBin(['-h']).stdout).toBe(fromCommander.stdout);
  });
});
