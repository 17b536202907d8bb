// What a run loads: the prompts and the YAML parser are separate chunks, imported only on
// demand, so runs with flags alone do not pay for them at start-up.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/paths.js';

const dist = join(root, 'dist');
const read = (file: string) => readFileSync(join(dist, file), 'utf8');

/** Every file the entry loads statically, following static imports through the chunks. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, target] of read(file).matchAll(/(?:^|\n)(?:import|export)[^;]*?from\s*"\.\/(?:\.\.\/)?(chunks\/[^"]+|[^"/]+\.js)"/g)) {
      visit(target!.startsWith('chunks/') ? target! : `chunks/${target}`);
    }
  };
  visit(entry);
  return seen;
}

describe('the CLI bundle', () => {
  const loaded = [...staticClosure('cli.js')].map(read).join('\n');
  const chunks = readdirSync(join(dist, 'chunks')).map((f) => read(`chunks/${f}`)).join('\n');

  it('follows the static imports (commander and zod are loaded)', () => {
    expect(loaded).toContain('node_modules/commander');
    expect(loaded).toContain('node_modules/zod');
  });

  it('does not load @inquirer/prompts at start-up, but has it in a chunk', () => {
    expect(chunks).toContain('node_modules/@inquirer/core');
    expect(loaded).not.toContain('node_modules/@inquirer');
  });

  it('does not load the YAML parser at start-up, but has it in a chunk', () => {
    expect(chunks).toContain('node_modules/yaml');
    expect(loaded).not.toContain('node_modules/yaml');
  });
});
