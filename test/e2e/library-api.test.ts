// The library as a program gets it: the built package, imported by name from the repository
// root (package.json "exports"), as SPEC.md and the core issue require.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentAnswerTypes, docsPath, docsWithTable } from '../../scripts/generate.mjs';
import { decide } from '../../src/index.js';
import { root } from '../support/paths.js';

const run = (code: string) =>
  execFileSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: root,
    encoding: 'utf8',
  });

describe('the library API', () => {
  it("works as `import { decide } from 'which-container'` and gives the same Decision as the source", () => {
    const out = run(
      "import {decide} from 'which-container'; console.log(JSON.stringify(decide({processes:'many'})))",
    );
    expect(JSON.parse(out)).toEqual(decide({ processes: 'many' }));
  });

  it('exports the questions, the rules, the verdicts and a typed error', () => {
    const out = run(
      "import * as wc from 'which-container'; let e; try { wc.decide({processes:'lots'}) } catch (err) { e = err } console.log(JSON.stringify({q: wc.questions.length, r: wc.rules.length > 0, v: Object.keys(wc.verdicts), err: e instanceof wc.AnswersError, issues: e.issues}))",
    );
    expect(JSON.parse(out)).toEqual({
      q: 16,
      r: true,
      v: ['os', 'app', 'vm'],
      err: true,
      issues: [
        {
          path: 'processes',
          message: '"lots" is not allowed; expected one of: single, few, many, unsure',
        },
      ],
    });
  });

  it('ships type declarations for the typed answers', () => {
    const dts = readFileSync(`${root}/dist/types/generated/answers.d.ts`, 'utf8');
    expect(dts).toContain("processes?: 'single' | 'few' | 'many' | 'unsure';");
  });

  it('has its generated answer types up to date with rules/questions.yaml', () => {
    expect(readFileSync(`${root}/src/generated/answers.ts`, 'utf8'), 'run `npm run generate`').toBe(
      currentAnswerTypes(),
    );
  });
});

describe('generated from rules/questions.yaml', () => {
  it('the question table of docs/rules.md is up to date', () => {
    const docs = readFileSync(docsPath, 'utf8');
    expect(docs, 'run `npm run generate`').toBe(docsWithTable(docs));
  });
});
