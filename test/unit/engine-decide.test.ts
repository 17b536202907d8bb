import { describe, expect, it } from 'vitest';
import { toValues } from '../../src/answers/answers.js';
import { levelOf } from '../../src/engine/confidence.js';
import { makeDecision } from '../../src/engine/decide.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Rule } from '../../src/schema.js';
import { decideFor } from '../support/decide.js';
import { compile, favor, question } from '../support/rule-set.js';

const questions = [
  question('size', ['small', 'big']),
  question('mode', ['a', 'b', 'c']),
  question('kernel', ['shared', 'own']),
];
const rules: Rule[] = [
  favor('small', 'app', 3, { question: 'size', equals: 'small' }),
  favor('big', 'os', 3, { question: 'size', equals: 'big' }),
  favor('mode-a', 'os', 1, { question: 'mode', equals: 'a' }),
  favor('mode-b', 'app', 2, { question: 'mode', equals: 'b' }),
  favor('own-kernel', 'vm', 5, { question: 'kernel', equals: 'own' }),
  {
    id: 'big-caveat',
    if: { question: 'size', equals: 'big' },
    effect: 'caveat',
    verdicts: ['app'],
    text: 'Shown for app only.',
    section: 'OS Containers',
  },
  {
    id: 'any-caveat',
    if: { question: 'mode', equals: 'c' },
    effect: 'caveat',
    text: 'Always shown.',
    section: 'OS Containers',
    source: 'Somewhere',
  },
];
const compiled = compile(questions, rules);
const at = (byId: Record<string, string>, set = compiled) => toValues(set, byId);
const decideValues = (values: Record<string, string>) => decideFor(compiled, values, 'flag');

describe('weights and verdicts', () => {
  it('adds the weights of the rules that fire to their side', () => {
    expect(evaluate(compiled, at({ size: 'big', mode: 'b' }))).toMatchObject({
      os: 3,
      app: 2,
      recommendation: 'os',
    });
    expect(evaluate(compiled, at({ size: 'small', mode: 'a' }))).toMatchObject({
      os: 1,
      app: 3,
      recommendation: 'app',
    });
  });

  it('gives a tie to an application container', () => {
    expect(evaluate(compiled, at({}))).toMatchObject({ os: 0, app: 0, recommendation: 'app' });
    const tied = compile(questions, [
      favor('x', 'os', 0.1, { question: 'size', equals: 'big' }),
      favor('y', 'os', 0.2, { question: 'size', equals: 'big' }),
      favor('z', 'app', 0.3, { question: 'mode', equals: 'a' }),
    ]);
    // 0.1 + 0.2 is not 0.3 in floating point; the scores are rounded so this stays a tie.
    expect(evaluate(tied, at({ size: 'big', mode: 'a' }, tied))).toMatchObject({
      os: 0.3,
      app: 0.3,
      recommendation: 'app',
    });
  });

  it('makes a fired vm rule a hard constraint, and says which container type comes closer', () => {
    const decision = decideValues({ size: 'big', mode: 'a', kernel: 'own' });
    expect(decision.recommendation).toBe('vm');
    expect(decision.closest).toBe('os');
    expect(decision.confidence).toEqual({ level: 'high', value: 1 });
    expect(decision.reasons[0]!.rule).toBe('own-kernel');
    expect(decision.tools).toEqual(['QEMU']);
    expect(decideValues({ size: 'small', kernel: 'own' }).closest).toBe('app');
    expect(decideValues({ size: 'small', kernel: 'shared' }).closest).toBeUndefined();
  });
});

describe('reasons and caveats', () => {
  it('lists every fired rule strongest first, with the answers it read and their source', () => {
    const decision = makeDecision(
      compiled,
      { size: 'big', mode: 'b' },
      { size: 'file', mode: 'flag' },
    );
    expect(decision.reasons.map((r) => [r.rule, r.favors, r.weight])).toEqual([
      ['big', 'os', 3],
      ['mode-b', 'app', 2],
    ]);
    expect(decision.reasons[0]!.because).toEqual([
      { question: 'size', answer: 'big', source: 'file' },
    ]);
    expect(decision.reasons[1]!.because).toEqual([
      { question: 'mode', answer: 'b', source: 'flag' },
    ]);
  });

  it('shows a caveat only with the verdicts it names', () => {
    expect(decideValues({ size: 'big' }).caveats).toEqual([]); // verdict os: the app-only caveat stays out
    const withApp = decideValues({ size: 'big', mode: 'b' });
    expect(withApp.recommendation).toBe('os');
    const appVerdict = decideFor(
      compile(questions, [...rules, favor('heavy-b', 'app', 5, { question: 'mode', equals: 'b' })]),
      { size: 'big', mode: 'b' },
      'flag',
    );
    expect(appVerdict.recommendation).toBe('app');
    expect(appVerdict.caveats.map((c) => c.id)).toEqual(['big-caveat']);
    expect(decideValues({ mode: 'c' }).caveats).toEqual([
      { id: 'any-caveat', text: 'Always shown.', section: 'OS Containers', source: 'Somewhere' },
    ]);
  });

  it('lists answers in question order and the unanswered ids', () => {
    const decision = makeDecision(
      compiled,
      { mode: 'a', size: 'big' },
      { mode: 'flag', size: 'prompt' },
    );
    expect(Object.keys(decision.answers)).toEqual(['size', 'mode']);
    expect(decision.unanswered).toEqual(['kernel']);
  });

  it('leaves a question whose `when` is known to be false out of unanswered', () => {
    const gated = compile(
      [
        question('arch', ['mono', 'micro']),
        question('layers', ['yes', 'no'], { when: { not: { question: 'arch', equals: 'mono' } } }),
      ],
      [
        favor('l', 'app', 2, { question: 'layers', equals: 'yes' }),
        favor('m', 'os', 1, { question: 'arch', equals: 'mono' }),
      ],
    );
    expect(decideFor(gated, { arch: 'mono' }, 'flag').unanswered).toEqual([]);
    expect(decideFor(gated, { arch: 'micro' }, 'flag').unanswered).toEqual(['layers']);
    expect(decideFor(gated, {}, 'flag').unanswered).toEqual(['arch', 'layers']);
  });
});

describe('confidence', () => {
  it('is 0 when nothing fires, and lower when the sides are close', () => {
    expect(decideValues({}).confidence).toEqual({ level: 'low', value: 0 });
    const lopsided = decideValues({ size: 'big', mode: 'a', kernel: 'shared' }).confidence.value;
    const close = decideValues({ size: 'big', mode: 'b', kernel: 'shared' }).confidence.value;
    expect(close).toBeLessThan(lopsided);
  });

  it('is lower while weighty questions are unanswered', () => {
    const sparse = decideValues({ mode: 'a' }).confidence.value;
    const fuller = decideValues({ mode: 'a', kernel: 'shared' }).confidence.value;
    expect(sparse).toBeLessThan(fuller);
  });

  it('follows the README formula: margin × (0.25 + 0.75 × min(1, coverage / 0.5))', () => {
    // importance: size 3, mode 2, kernel 5 (largest weight of a rule reading each); total 10.
    const values = { size: 'big', mode: 'b' };
    // coverage 0.5; margin = (3 - 2) / 5 = 0.2; completeness = 1 → 0.2
    expect(evaluate(compiled, at(values)).confidence).toEqual({ level: 'low', value: 0.2 });
    // size alone: margin 1, coverage 0.3 → completeness 0.6 → 0.25 + 0.45 = 0.7
    expect(evaluate(compiled, at({ size: 'big' })).confidence).toEqual({
      level: 'high',
      value: 0.7,
    });
  });

  it('maps values to levels at 0.4 and 0.7', () => {
    expect([0, 0.39, 0.4, 0.69, 0.7, 1].map(levelOf)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });
});

describe('flips', () => {
  it('lists exactly the single-answer changes that change the verdict', () => {
    const values = { size: 'big', mode: 'a' };
    const decision = decideValues(values);
    expect(decision.recommendation).toBe('os');
    expect(decision.flips).toEqual([
      { question: 'size', from: 'big', to: 'small', recommendation: 'app' },
      { question: 'kernel', from: null, to: 'own', recommendation: 'vm' },
    ]);
    // Brute force: every other value of every question, with the rest held.
    for (const q of questions) {
      for (const { value } of q.values) {
        if (value === values[q.id as keyof typeof values]) continue;
        const changed = evaluate(compiled, at({ ...values, [q.id]: value })).recommendation;
        const listed = decision.flips.find((f) => f.question === q.id && f.to === value);
        if (changed === decision.recommendation) expect(listed).toBeUndefined();
        else expect(listed?.recommendation).toBe(changed);
      }
    }
  });
});
