import { describe, expect, it } from 'vitest';
import { checkQuestions, checkRules } from '../../src/engine/check-references.js';
import { builtinData } from '../../src/engine/rule-set.js';
import { validateRuleSet } from '../../src/engine/validate-rule-set.js';
import { RulesError } from '../../src/errors.js';
import { favor, question } from '../support/rule-set.js';

const questions = [question('size', ['small', 'big']), question('mode', ['a', 'b'])];

describe('cross-reference checks', () => {
  it('finds unknown questions and values, with their paths', () => {
    const issues = checkRules(
      [
        favor('r1', 'os', 1, {
          all: [
            { question: 'colour', equals: 'red' },
            { any: [{ question: 'size', in: ['small', 'huge'] }] },
          ],
        }),
        favor('r2', 'app', 1, { not: { question: 'mode', notIn: ['unsure'] } }),
      ],
      questions,
    );
    expect(issues).toEqual([
      {
        path: 'rules[0].if.all[0].question',
        message: 'unknown question "colour"; expected one of: size, mode',
      },
      {
        path: 'rules[0].if.all[1].any[0].in[1]',
        message: '"huge" is not a value of size; expected one of: small, big',
      },
      {
        path: 'rules[1].if.not.notIn[0]',
        message:
          '"unsure" is not a value of mode ("unsure" means unanswered: test for it with not); expected one of: a, b',
      },
    ]);
  });

  it('finds duplicate rule ids', () => {
    const rule = favor('same', 'os', 1, { question: 'size', equals: 'big' });
    expect(checkRules([rule, rule], questions)).toEqual([
      { path: 'rules[1].id', message: 'duplicate rule id "same"' },
    ]);
  });

  it('finds duplicate questions and values, a listed unsure, and a `when` that reads a later question', () => {
    const issues = checkQuestions([
      question('a', ['x', 'x', 'unsure'], { when: { question: 'b', equals: 'y' } }),
      question('b', ['y', 'z']),
      question('a', ['x', 'y']),
    ]);
    expect(issues).toEqual([
      { path: 'questions[0].values[1].value', message: 'duplicate value "x"' },
      {
        path: 'questions[0].values[2].value',
        message: '"unsure" is implied for every question; do not list it',
      },
      {
        path: 'questions[0].when.question',
        message: 'unknown question "b"; a `when` may read only the questions before it',
      },
      { path: 'questions[2].id', message: 'duplicate question id "a"' },
    ]);
  });
});

describe('validateRuleSet', () => {
  it('reports schema faults with the file and path, all at once', () => {
    const data = builtinData() as {
      questions: unknown;
      rules: { schemaVersion: 1; rules: unknown[] };
      verdicts: unknown;
    };
    const broken = {
      ...data,
      rules: {
        schemaVersion: 1,
        rules: [
          ...data.rules.rules,
          {
            id: 'bad-weight',
            if: { question: 'init', equals: 'yes' },
            effect: 'favor',
            favors: 'os',
            weight: 0,
            text: 'x',
            section: 's',
          },
          {
            id: 'bad-leaf',
            if: { all: [{ question: 'init', equals: 'yes', extra: 1 }] },
            effect: 'caveat',
            text: 'x',
            section: 's',
          },
        ],
      },
    };
    try {
      validateRuleSet(broken);
      expect.unreachable('validateRuleSet accepted broken data');
    } catch (error) {
      expect(error).toBeInstanceOf(RulesError);
      const n = data.rules.rules.length;
      expect((error as RulesError).issues).toEqual([
        { path: `rules.yaml: rules[${n}].weight`, message: 'expected a weight above 0' },
        { path: `rules.yaml: rules[${n + 1}].if.all[0].extra`, message: 'unknown key' },
      ]);
    }
  });
});
