// Properties that hold for every input, checked with fast-check (1,000 runs each; on failure
// the report gives the seed and the shrunk counterexample; FC_SEED=<seed> replays a run).
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toValues } from '../../src/answers/answers.js';
import { decideLine } from '../../src/batch/decide-line.js';
import { compileRuleSet, questionsRead } from '../../src/engine/compile.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { builtinRuleSet } from '../../src/engine/rule-set.js';
import { AnswersError, NoEvidenceError } from '../../src/errors.js';
import { decide } from '../../src/index.js';
import { type Decision, DecisionSchema, jsonSchema, wordAnswersIssues } from '../../src/schema.js';
import { decideFor } from '../support/decide.js';

const runs = {
  numRuns: 1000,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
};
const compiled = compileRuleSet(builtinRuleSet);
const { questions } = builtinRuleSet;
const validateJson = new Ajv2020({ strict: true }).compile(jsonSchema(builtinRuleSet, 'decision'));

/** Any valid answers: each question left out, `unsure`, or one of its values. */
const answersArb = fc.record(
  Object.fromEntries(
    questions.map((q) => [q.id, fc.constantFrom(...q.values.map((v) => v.value), 'unsure')]),
  ),
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, string>>;
const fullDecision = (answers: Record<string, string>, set = compiled) =>
  decideFor(set, answers, 'file', { explain: true });
/** What a run gives: the JSON of its Decision, or "no evidence" (no verdict without evidence). */
const outcome = (run: () => unknown): string => {
  try {
    return JSON.stringify(run());
  } catch (error) {
    if (error instanceof NoEvidenceError) return 'no evidence';
    throw error;
  }
};

describe('totality', () => {
  it('any object of valid answers yields a Decision that satisfies the schema', () => {
    fc.assert(
      fc.property(answersArb, fc.boolean(), (answers, versioned) => {
        const result = outcome(() =>
          decide(versioned ? { schemaVersion: 1, ...answers } : answers),
        );
        if (result === 'no evidence') {
          // Only when no answer that counts fires a rule (an answer to a question that does
          // not apply does not count).
          const values = toValues(compiled, answers);
          for (const q of compiled.questions) {
            if (q.appliesWhen && !q.appliesWhen(values)) values[q.index] = undefined;
          }
          expect(compiled.favorRulesByRank.some((r) => r.test(values))).toBe(false);
        } else expect(DecisionSchema.safeParse(JSON.parse(result)).success).toBe(true);
      }),
      runs,
    );
  });

  it('any JSON value given as answers yields a Decision or an AnswersError, never another exception', () => {
    const nearAnswers = fc.dictionary(
      fc.oneof(
        fc.constantFrom(
          ...questions.map((q) => q.id),
          'schemaVersion',
          '__proto__',
          'constructor',
          'toString',
        ),
        fc.string(),
      ),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), nearAnswers, answersArb), (input) => {
        try {
          expect(DecisionSchema.safeParse(decide(input as never)).success).toBe(true);
        } catch (error) {
          if (error instanceof NoEvidenceError) return;
          expect(error).toBeInstanceOf(AnswersError);
          expect((error as AnswersError).issues.length).toBeGreaterThan(0);
        }
      }),
      runs,
    );
  });

  it('any line given to batch yields one result line of JSON, never an exception', () => {
    const line = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
      answersArb.map((a) => JSON.stringify({ id: 'x', answers: a })),
    );
    fc.assert(
      fc.property(line, fc.boolean(), fc.boolean(), (text, explain, flips) => {
        const outcome = decideLine(compiled, 1, text, {
          explain,
          flips,
          wordIssues: wordAnswersIssues,
        });
        if (outcome === undefined) {
          expect(text.trim()).toBe(''); // only blank lines give none
          return;
        }
        const parsed = JSON.parse(outcome.json);
        expect(parsed.line).toBe(1);
        expect('decision' in parsed !== 'error' in parsed).toBe(true);
      }),
      runs,
    );
  });
});

describe('determinism', () => {
  it('gives byte-identical JSON for the same answers in any key order', () => {
    fc.assert(
      fc.property(
        answersArb.chain((a) =>
          fc.tuple(
            fc.constant(a),
            fc.shuffledSubarray(Object.keys(a), { minLength: Object.keys(a).length }),
          ),
        ),
        ([answers, order]) => {
          const reordered = Object.fromEntries(order.map((k) => [k, answers[k]!]));
          expect(outcome(() => fullDecision(reordered))).toBe(outcome(() => fullDecision(answers)));
        },
      ),
      runs,
    );
  });

  it('gives byte-identical JSON with the rules in any order', () => {
    fc.assert(
      fc.property(
        answersArb,
        fc.shuffledSubarray(builtinRuleSet.rules, { minLength: builtinRuleSet.rules.length }),
        (answers, rules) => {
          const shuffled = compileRuleSet({ ...builtinRuleSet, rules });
          expect(outcome(() => fullDecision(answers, shuffled))).toBe(
            outcome(() => fullDecision(answers)),
          );
        },
      ),
      runs,
    );
  });
});

describe('monotonicity', () => {
  /** The questions a `when` reads: answering one can make another answer not count. */
  const gates = new Set(questions.flatMap((q) => (q.when ? questionsRead(q.when) : [])));
  const scoreOf = (values: (string | undefined)[], side: 'os' | 'app') => {
    try {
      return evaluate(compiled, values)[side];
    } catch (error) {
      if (error instanceof NoEvidenceError) return 0;
      throw error;
    }
  };
  for (const side of ['os', 'app'] as const) {
    it(`setting an answer that fires only ${side}-favouring rules never lowers the ${side} score`, () => {
      const question = fc.constantFrom(...questions);
      let checked = 0;
      fc.assert(
        fc.property(answersArb, question, fc.nat(), (answers, q, pick) => {
          if (answers[q.id] !== undefined && answers[q.id] !== 'unsure') return; // only a question not yet answered
          if (gates.has(q.id)) return; // it decides whether other answers count at all
          const value = q.values[pick % q.values.length]!.value;
          const before = toValues(compiled, answers);
          const after = toValues(compiled, { ...answers, [q.id]: value });
          const newlyFired = compiled.favorRulesByRank.filter(
            (r) => r.test(after) && !r.test(before),
          );
          if (newlyFired.some((r) => r.rule.favors !== side)) return;
          checked += 1;
          expect(scoreOf(after, side)).toBeGreaterThanOrEqual(scoreOf(before, side));
        }),
        runs,
      );
      expect(checked).toBeGreaterThan(100); // the condition let enough cases through to mean something
    });
  }
});

describe('flips', () => {
  it('tell the truth: each listed flip changes the verdict as stated, and none that would is missing', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const result = outcome(() => fullDecision(answers));
        if (result === 'no evidence') return;
        const decision = JSON.parse(result) as Decision;
        const current = Object.fromEntries(
          Object.entries(answers).filter(([, v]) => v !== 'unsure'),
        );
        const given = toValues(compiled, current);
        for (const q of questions) {
          // A question that does not apply to the other answers is never a flip.
          const applies = !q.when || compiled.questionById.get(q.id)!.appliesWhen!(given);
          for (const { value } of q.values) {
            if (current[q.id] === value) continue;
            const trial = outcome(() => decide({ ...current, [q.id]: value }));
            const changed =
              trial === 'no evidence' ? undefined : (JSON.parse(trial) as Decision).recommendation;
            const listed = decision.flips.find((f) => f.question === q.id && f.to === value);
            if (!applies || changed === undefined || changed === decision.recommendation)
              expect(listed).toBeUndefined();
            else
              expect(listed).toEqual({
                question: q.id,
                from: current[q.id] ?? null,
                to: value,
                recommendation: changed,
              });
          }
        }
      }),
      runs,
    );
  });
});

describe('the JSON contract', () => {
  it('every JSON Decision validates against `which-container schema decision`', () => {
    fc.assert(
      fc.property(answersArb, fc.boolean(), (answers, explain) => {
        const result = outcome(() => (explain ? fullDecision(answers) : decide(answers)));
        if (result === 'no evidence') return;
        const ok = validateJson(JSON.parse(result));
        expect(ok, JSON.stringify(validateJson.errors)).toBe(true);
      }),
      runs,
    );
  });
});
