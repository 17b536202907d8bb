// Files made to break a loader, given as answers and as rules: each ends in exit 3 with a
// message naming the problem, nothing is evaluated, and no prototype is polluted.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { answersFromFile } from '../../src/answers/from-file.js';
import { compileRuleSet } from '../../src/engine/compile.js';
import { loadRulesFile } from '../../src/engine/load-rules.js';
import { builtinRuleSet } from '../../src/engine/rule-set.js';
import { InputFileError } from '../../src/errors.js';
import { bin } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir('hostile');
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const laughs = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'
    .split('')
    .map((x, i) => `${x}: &${x} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
].join('\n');
const hostile: [string, string, RegExp][] = [
  ['billion-laughs.yaml', `${laughs}\n`, /expands aliases too often \(at most 100 are allowed\)/],
  [
    'proto.json',
    '{"processes": "many", "__proto__": {"polluted": "yes"}}',
    /:1: __proto__: the key "__proto__" is not allowed/,
  ],
  [
    'constructor.json',
    '{"constructor": {"prototype": {"polluted": "yes"}}}',
    /constructor: the key "constructor" is not allowed/,
  ],
  [
    'merge-key.yaml',
    'base: &base\n  __proto__:\n    polluted: yes\nprocesses: many\n<<: *base\n',
    /:2: base\.__proto__: the key "__proto__" is not allowed/,
  ],
  [
    'js-function.yaml',
    'processes: !!js/function "function () { globalThis.polluted = true }"\n',
    /Unresolved tag: tag:yaml\.org,2002:js\/function; only plain data is allowed/,
  ],
  [
    'custom-tag.yaml',
    'processes: !shell "touch /tmp/owned"\n',
    /Unresolved tag: !shell; only plain data is allowed/,
  ],
  [
    'deep.json',
    `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    /:1: is nested too deeply \(at most 64 levels are read\)/,
  ],
  [
    'deep-block.yaml',
    `${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} x\n`,
    /nested too deeply \(at most 64 levels\)/,
  ],
  ['duplicate.yaml', 'processes: many\nprocesses: few\n', /:2: duplicate key processes/],
  [
    'huge.yaml',
    `# ${'x'.repeat(20 * 1024 * 1024)}\n`,
    /is 20971523 bytes; files of at most 1048576 bytes \(1 MiB\) are read/,
  ],
];

describe('hostile files', () => {
  for (const [name, text, message] of hostile) {
    const path = write(name, text);
    for (const [as, argv] of [
      ['answers', ['--answers', path]],
      ['rules', ['rules', 'check', path]],
    ] as const) {
      it(`${name} as ${as}: exit 3, naming the problem`, () => {
        // The limit only stops a hang, which would fail; the times measured are in the README.
        const result = spawnSync(process.execPath, [bin, ...argv], {
          encoding: 'utf8',
          timeout: 10_000,
        });
        expect(result.status).toBe(3);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(message);
        expect(result.stderr).not.toMatch(/\n\s+at |RangeError|TypeError/);
      });
    }
  }

  it('pollutes no prototype when loaded in-process', async () => {
    for (const [name] of hostile) {
      const path = join(dir, name);
      await expect(answersFromFile(path, compileRuleSet(builtinRuleSet))).rejects.toBeInstanceOf(
        InputFileError,
      );
      await expect(loadRulesFile(path, builtinRuleSet.questions)).rejects.toBeInstanceOf(
        InputFileError,
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect((globalThis as Record<string, unknown>).polluted).toBeUndefined();
  });
});

afterAll(() => expect(({} as Record<string, unknown>).polluted).toBeUndefined());
