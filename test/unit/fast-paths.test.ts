// The start-up fast paths against the full machinery they stand in for: the argv parser
// against commander, the flat answers reader against the YAML loader.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastPath } from '../../src/cli/fast-path.js';
import { buildProgram } from '../../src/cli/program.js';
import { builtinRuleSet } from '../../src/engine/rule-set.js';
import { readFlatMap } from '../../src/input/flat-yaml.js';
import { parseData } from '../../src/input/load-data-file.js';
import { flagOf } from '../../src/render/labels.js';

/** What commander hands the decide action for argv (or undefined when it would not decide). */
async function commanderOptions(argv: string[]): Promise<Record<string, unknown> | undefined> {
  let seen: Record<string, unknown> | undefined;
  const io = { stdout: { write: () => true }, stderr: { write: () => true }, stdin: process.stdin, env: {}, now: () => new Date() };
  const program = buildProgram(io, '0.0.0').exitOverride();
  program.configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  program.action((options: Record<string, unknown>) => {
    seen = { ...options };
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch {
    return undefined;
  }
  return seen;
}

const questions = builtinRuleSet.questions;
const anyArg = fc.oneof(
  fc.constantFrom(...questions.map((q) => `--${flagOf(q.id)}`), '--json', '--strict', '--explain', '--no-color', '--no-input', '--debug', '--format', '--answers', '--detect', '--save-answers', '--rules', '--help', '-h', '--version', '--bogus', '--format=json', 'questions'),
  fc.constantFrom('many', 'single', 'yes', 'own', 'json', 'text', 'markdown', 'xml', 'lots', 'a.yaml', '-', '--', ''),
);

describe('fastPath (decide without commander)', () => {
  it('takes argv commander would decide from, with the options commander gives, and leaves it the rest', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyArg, { maxLength: 8 }), async (argv) => {
        const fast = fastPath(argv, builtinRuleSet);
        if (fast === undefined || fast.kind !== 'decide') return;
        // Whatever it takes, commander parses to the same options.
        expect(fast.options).toEqual(await commanderOptions(argv));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with commander on well-formed decisions too', async () => {
    const pair = fc.oneof(
      ...questions.map((q) => fc.constantFrom(...q.values.map((v) => v.value), 'unsure', 'bogus').map((v) => [`--${flagOf(q.id)}`, v])),
      fc.constantFrom('text', 'json', 'markdown').map((v) => ['--format', v]),
      fc.constantFrom('a.yaml', 'b.json').map((v) => ['--answers', v]),
      fc.constantFrom(['--json'], ['--strict'], ['--explain'], ['--no-color'], ['--no-input'], ['--debug']),
    );
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { maxLength: 6 }), async (pairs) => {
        const argv = pairs.flat();
        const fast = fastPath(argv, builtinRuleSet);
        if (fast === undefined) return;
        taken += 1;
        expect(fast).toEqual({ kind: 'decide', options: await commanderOptions(argv) });
      }),
      { numRuns: 400 },
    );
    expect(taken).toBeGreaterThan(100);
  });

  it('takes the common invocations', () => {
    expect(fastPath(['--processes', 'many', '--format', 'json'], builtinRuleSet)).toEqual({ kind: 'decide', options: { input: true, color: true, processes: 'many', format: 'json' } });
    expect(fastPath(['--version'], builtinRuleSet)).toEqual({ kind: 'version' });
    expect(fastPath(['-h'], builtinRuleSet)).toEqual({ kind: 'help' });
    for (const argv of [['questions'], ['--processes'], ['--processes=many'], ['--rules', 'x.yaml'], ['--processes', 'many', '--processes', 'few'], ['--format', 'xml']]) {
      expect(fastPath(argv, builtinRuleSet), argv.join(' ')).toBeUndefined();
    }
  });
});

describe('readFlatMap (answers without the YAML parser)', () => {
  it('reads what it reads exactly as the YAML loader does, and leaves it the rest', () => {
    const key = fc.constantFrom('processes', 'init', 'kernel', 'schemaVersion', 'configManagement', '__proto__', 'Key9', '9key', 'a b');
    const value = fc.constantFrom('many', 'yes', 'no', 'in-place', 'null', 'true', 'False', '~', '1', '01', '-1', '1.5', '"many"', "'many'", '"a\\"b"', "'it''s'", '"#x"', 'many # note', 'many#x', '[a]', '{a: b}', '&a x', '*a', '!!str x', '', 'x: y');
    const line = fc.oneof(
      fc.tuple(key, fc.constantFrom(': ', ':', ' : ', ':\t'), value).map(([k, sep, v]) => `${k}${sep}${v}`),
      fc.constantFrom('', '# a comment', '  # indented comment', '---', '  processes: many', '- many'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        const flat = readFlatMap(text);
        if (flat === undefined) return;
        expect(flat).toEqual(parseData(text, 'test.yaml').value ?? {});
      }),
      { numRuns: 3000 },
    );
  });

  it('reads what --save-answers writes', () => {
    expect(readFlatMap('# which-container answers\nschemaVersion: 1\nprocesses: "many"\ninit: "unsure"\n')).toEqual({ schemaVersion: 1, processes: 'many', init: 'unsure' });
  });
});
