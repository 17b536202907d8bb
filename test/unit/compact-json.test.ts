// Batch's compact decision against the full Decision for any answers, and the answer tables
// (readValues) against the zod schema that words their faults: they accept exactly the same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readValues } from '../../src/answers/check.js';
import { compactJson } from '../../src/batch/compact-json.js';
import { compileRuleSet } from '../../src/engine/compile.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { flips } from '../../src/engine/flips.js';
import { builtinRuleSet } from '../../src/engine/rule-set.js';
import { NoEvidenceError } from '../../src/errors.js';
import { CompactDecisionSchema, wordAnswersIssues } from '../../src/schema.js';
import { decideFor } from '../support/decide.js';
import { favor, question, ruleSet } from '../support/rule-set.js';

const compiled = compileRuleSet(builtinRuleSet);
const { questions } = builtinRuleSet;

/** Any answers object: each question left out, `unsure`, or one of its values. */
const answersArb = fc.record(
  Object.fromEntries(
    questions.map((q) => [q.id, fc.constantFrom(...q.values.map((v) => v.value), 'unsure')]),
  ),
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, string>>;

function compactOf(set: ReturnType<typeof compileRuleSet>, answers: unknown) {
  const values = readValues(set, answers);
  if (!values) throw new Error('readValues refused valid answers');
  return JSON.parse(compactJson(evaluate(set, values)));
}

/** Both ways of deciding give no verdict without evidence, alike. */
function bothOrNeither(set: ReturnType<typeof compileRuleSet>, answers: Record<string, string>) {
  try {
    return { full: decideFor(set, answers), compact: compactOf(set, answers) };
  } catch (error) {
    if (!(error instanceof NoEvidenceError)) throw error;
    expect(() => compactOf(set, answers)).toThrow(NoEvidenceError);
    return undefined;
  }
}

describe('the compact decision', () => {
  it('agrees with the full Decision for any answers', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const both = bothOrNeither(compiled, answers);
        if (!both) return;
        const { full, compact } = both;
        const { parts: _parts, ...confidence } = full.confidence as typeof full.confidence & {
          parts?: unknown;
        };
        expect(compact).toEqual({
          schemaVersion: 1,
          recommendation: full.recommendation,
          ...(full.closest ? { closest: full.closest } : {}),
          confidence,
          scores: full.scores,
          reasons: full.reasons.map((r) => r.rule),
          caveats: full.caveats.map((c) => c.id),
          unanswered: full.unanswered,
        });
      }),
      { numRuns: 500 },
    );
  });

  it('agrees too for rules that read several questions, use notIn or not, and fractional weights', () => {
    const qs = [question('a', ['x', 'y', 'z']), question('b', ['p', 'q'])];
    const rules = [
      favor('both', 'os', 2.5, {
        all: [
          { question: 'a', equals: 'x' },
          { question: 'b', equals: 'p' },
        ],
      }),
      favor('not-x', 'app', 1.25, { question: 'a', notIn: ['x'] }),
      favor('unanswered-b', 'app', 0.1, { not: { question: 'b', in: ['p', 'q'] } }),
      favor('y-or-q', 'os', 0.2, {
        any: [
          { question: 'a', equals: 'y' },
          { question: 'b', equals: 'q' },
        ],
      }),
      favor('z-means-vm', 'vm', 1, { question: 'a', equals: 'z' }),
    ];
    const set = compileRuleSet(ruleSet(qs, rules));
    const arb = fc.record(
      { a: fc.constantFrom('x', 'y', 'z', 'unsure'), b: fc.constantFrom('p', 'q', 'unsure') },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(arb, (answers) => {
        const both = bothOrNeither(set, answers);
        if (!both) return;
        const { full, compact } = both;
        expect(compact.reasons).toEqual(full.reasons.map((r) => r.rule));
        expect(compact.scores).toEqual(full.scores);
        expect(compact.recommendation).toBe(full.recommendation);
        expect(compact.confidence).toEqual(full.confidence);
      }),
    );
  });

  it('writes JSON byte for byte as JSON.stringify would', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        if (!bothOrNeither(compiled, answers)) return;
        const json = compactJson(evaluate(compiled, readValues(compiled, answers)!));
        expect(json).toBe(JSON.stringify(JSON.parse(json)));
      }),
      { numRuns: 300 },
    );
  });

  it('carries, when asked (batch --flips), the same flips as the full Decision', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const both = bothOrNeither(compiled, answers);
        if (!both) return;
        // Flips are tried on the answers as given: a dropped one may apply once another changes.
        const given = readValues(compiled, answers)!;
        const evaluation = evaluate(compiled, given);
        const json = compactJson(evaluation, flips(compiled, given, evaluation.recommendation));
        const compact = CompactDecisionSchema.parse(JSON.parse(json));
        expect(compact.flips).toEqual(both.full.flips);
        expect(json).toBe(JSON.stringify(JSON.parse(json)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('readValues', () => {
  const zodAccepts = (input: unknown) => {
    try {
      wordAnswersIssues(compiled, input);
      return false;
    } catch {
      return true; // it words faults only of refused answers, and throws for accepted ones
    }
  };

  it('accepts exactly what the zod schema accepts', () => {
    const value = fc.oneof(
      fc.constantFrom('single', 'yes', 'own', 'unsure', 'lots', ''),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.constantFrom(
      ...questions.map((q) => q.id),
      'schemaVersion',
      'colour',
      '__proto__',
      'constructor',
    );
    const input = fc.oneof(
      answersArb,
      fc.dictionary(key, value),
      fc.anything(),
      fc.constantFrom(
        JSON.parse('{"__proto__": {"init": "yes"}}'),
        { schemaVersion: 1 },
        { schemaVersion: 2 },
        [],
        null,
      ),
    );
    fc.assert(
      fc.property(input, (candidate) => {
        expect(readValues(compiled, candidate) !== undefined).toBe(zodAccepts(candidate));
      }),
      { numRuns: 2000 },
    );
  });
});
