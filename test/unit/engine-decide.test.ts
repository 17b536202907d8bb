import { describe, expect, it } from 'vitest';
import { toValues } from '../../src/answers/answers.js';
import { levelOf } from '../../src/engine/confidence.js';
import { makeDecision } from '../../src/engine/decide.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { NoEvidenceError } from '../../src/errors.js';
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
  favor('own-kernel', 'vm', 5, { question: 'kernel', equals: 'own' }, true),
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

  it('gives no verdict without evidence, naming the questions that weigh most', () => {
    expect(() => evaluate(compiled, at({}))).toThrow(NoEvidenceError);
    // kernel only leads to vm; size and mode can weigh towards a container type.
    expect(() => decideValues({ kernel: 'shared' })).toThrow(
      expect.objectContaining({ questions: ['size', 'mode'] }),
    );
  });

  it('reports a tie as a tie, with confidence 0, and gives it to an application container', () => {
    const tie = decideValues({ size: 'big', mode: 'b' });
    expect(tie.scores).toEqual({ os: 3, app: 2 });
    const even = compile(questions, [
      ...rules,
      favor('more-b', 'app', 1, { question: 'mode', equals: 'b' }),
    ]);
    const decision = decideFor(even, { size: 'big', mode: 'b' });
    expect(decision.recommendation).toBe('app');
    expect(decision.confidence).toEqual({ level: 'low', value: 0, tie: true });
    // What would break it is listed.
    expect(decision.flips).toContainEqual({
      question: 'mode',
      from: 'b',
      to: 'a',
      recommendation: 'os',
    });
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
    // A vm rule that is not a hard constraint is a strong lean: vm, with a confidence of degree.
    const lean = compile(questions, [
      ...rules,
      favor('mode-c-vm', 'vm', 3, { question: 'mode', equals: 'c' }),
    ]);
    const leaning = decideFor(lean, { size: 'small', mode: 'c' });
    expect(leaning.recommendation).toBe('vm');
    expect(leaning.confidence.value).toBeLessThan(1);
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
    expect(decideValues({ size: 'small', mode: 'c' }).caveats).toEqual([
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
        favor('u', 'app', 1, { question: 'arch', equals: 'micro' }),
      ],
    );
    expect(decideFor(gated, { arch: 'mono' }, 'flag').unanswered).toEqual([]);
    expect(decideFor(gated, { arch: 'micro' }, 'flag').unanswered).toEqual(['layers']);
    expect(decideFor(gated, { layers: 'yes' }, 'flag').unanswered).toEqual(['arch']);
  });

  it('drops an answer to a question that does not apply: it neither scores nor flips', () => {
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
    const decision = decideFor(gated, { arch: 'mono', layers: 'yes' }, 'flag');
    expect(decision.recommendation).toBe('os');
    expect(decision.scores).toEqual({ os: 1, app: 0 });
    expect(decision.reasons.map((r) => r.rule)).toEqual(['m']);
    expect(decision.answers).toEqual({ arch: { value: 'mono', source: 'flag' } });
    expect(decision.dropped).toEqual([{ question: 'layers', answer: 'yes', source: 'flag' }]);
    expect(decision.flips.some((f) => f.question === 'layers')).toBe(false);
    // Changing arch brings the layers answer back into play: that flip is real.
    expect(decision.flips).toContainEqual({
      question: 'arch',
      from: 'mono',
      to: 'micro',
      recommendation: 'app',
    });
  });
});

describe('confidence', () => {
  const weights = compile(
    [
      question('a', ['os', 'app']),
      question('b', ['os', 'app']),
      question('c', ['os', 'app', 'none']),
      question('d', ['os', 'no']),
    ],
    [
      favor('a-os', 'os', 3, { question: 'a', equals: 'os' }),
      favor('a-app', 'app', 3, { question: 'a', equals: 'app' }),
      favor('b-os', 'os', 2, { question: 'b', equals: 'os' }),
      favor('b-app', 'app', 2, { question: 'b', equals: 'app' }),
      favor('c-os', 'os', 2, { question: 'c', equals: 'os' }),
      favor('c-app', 'app', 2, { question: 'c', equals: 'app' }),
      favor('d-os', 'os', 4, { question: 'd', equals: 'os' }),
    ],
  );
  const confidenceOf = (answers: Record<string, string>) =>
    decideFor(weights, answers, 'file', { explain: true }).confidence;

  it('counts only answers that fire a rule: answers that fire nothing do not lift it', () => {
    const alone = confidenceOf({ a: 'app', d: 'no' });
    expect(confidenceOf({ a: 'app', c: 'none', d: 'no' }).value).toBe(alone.value);
    expect(alone.parts!.answersCounted).toBe(1);
  });

  it('is never high on one answer alone, however heavy', () => {
    const heavy = compile(
      [question('x', ['yes', 'no'])],
      [favor('x', 'app', 50, { question: 'x', equals: 'yes' })],
    );
    const decision = decideFor(heavy, { x: 'yes' });
    expect(decision.confidence.value).toBeLessThanOrEqual(1 / 3 + 0.01);
    expect(decision.confidence.level).toBe('low');
  });

  it('is lower when the sides are close, and lower while an unanswered question could undo the lead', () => {
    const agreeing = confidenceOf({ a: 'app', b: 'app', c: 'app', d: 'no' });
    const split = confidenceOf({ a: 'app', b: 'os', c: 'app', d: 'no' });
    expect(split.value).toBeLessThan(agreeing.value);
    // With d unanswered, d: os (+4) could more than undo a lead of 3.
    const open = confidenceOf({ a: 'app', b: 'app', c: 'os' });
    const closed = confidenceOf({ a: 'app', b: 'app', c: 'os', d: 'no' });
    expect(open.parts).toMatchObject({ openQuestion: 'd', risk: 1 });
    expect(open.value).toBeLessThan(closed.value);
  });

  it('follows the formula in docs/rules.md: margin × support × (1 − risk / 2)', () => {
    // for 7 (a 3, b 2, c 2), against 0; 3 answers counted; d unanswered can swing 4 against a lead of 7.
    const parts = confidenceOf({ a: 'app', b: 'app', c: 'app' }).parts!;
    expect(parts).toEqual({
      for: 7,
      against: 0,
      margin: 1,
      answersCounted: 3,
      support: 1,
      openQuestion: 'd',
      risk: 0.57,
    });
    expect(confidenceOf({ a: 'app', b: 'app', c: 'app' }).value).toBe(0.71);
    // for 5, against 2: margin 3/7; support min(1, 7/7, 3/3) = 1; risk min(1, 4/3) = 1 → 0.43 × 0.5
    expect(confidenceOf({ a: 'app', b: 'os', c: 'app' })).toMatchObject({
      value: 0.21,
      level: 'low',
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
