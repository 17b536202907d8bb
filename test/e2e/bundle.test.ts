// What the build holds and what a run loads: one build with shared chunks, so each package
// and each module of ours exists once (instanceof works across the lazy parts), and a decision
// from flags loads neither zod, the YAML parser, the prompts nor chalk.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/paths.js';

const dist = join(root, 'dist');
const files = [
  'cli.js',
  'index.js',
  ...readdirSync(join(dist, 'chunks')).map((f) => `chunks/${f}`),
];
const text = new Map(files.map((f) => [f, readFileSync(join(dist, f), 'utf8')]));

/** The files of ours a file loads before it runs: itself and its static imports, transitively. */
function loadedAtStart(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  for (const [, spec] of text
    .get(file)!
    .matchAll(/(?:^|[;\n}])\s*import\s*(?:[^;()"']*?from\s*)?["'](\.[^"']+)["']/g)) {
    loadedAtStart(join(dir, spec!).replace(/^\.\//, ''), seen);
  }
  return seen;
}

// Bundled packages leave their own texts behind: look for those, the code is minified.
const marks = {
  zod: 'ZodError',
  yaml: 'Map keys must be unique',
  inquirer: 'User force closed the prompt',
  chalk: 'option should be an integer from 0 to 3',
  ours: 'BATCH_LINES_FAILED',
};
const holding = (mark: string) => files.filter((f) => text.get(f)!.includes(mark));

describe('the build', () => {
  it('holds each bundled package, and our errors, in exactly one file', () => {
    for (const [name, mark] of Object.entries(marks)) expect(holding(mark), name).toHaveLength(1);
  });

  it('starts the CLI without zod, the YAML parser, the prompts or chalk', () => {
    const atStart = loadedAtStart('cli.js');
    expect(atStart.size).toBeGreaterThan(1);
    for (const name of ['zod', 'yaml', 'inquirer', 'chalk'] as const) {
      expect(
        [...atStart].filter((f) => text.get(f)!.includes(marks[name])),
        name,
      ).toEqual([]);
    }
  });

  it('gives the library zod, and nothing of the CLI', () => {
    const atStart = [...loadedAtStart('index.js')];
    expect(atStart.some((f) => text.get(f)!.includes(marks.zod))).toBe(true);
    expect(atStart.some((f) => text.get(f)!.includes('commander.unknownOption'))).toBe(false);
  });
});
