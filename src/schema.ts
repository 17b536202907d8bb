// The zod schemas of everything that crosses a boundary: the rule data in rules/, answers,
// and the Decision. Types are inferred from them, and `which-container schema …` prints
// JSON Schemas generated from these same objects, so the contract is written once.
import * as z from 'zod';
import { allowedValues, type SCHEMAS, SOURCES, VERDICTS } from './constants.js';
import type { CompiledRuleSet } from './engine/compile.js';
import type { RuleSet } from './engine/rule-set.js';
import type { InputIssue } from './errors.js';
import { quoteValue } from './render/visible.js';
import { toInputIssues } from './zod-issues.js';

const Id = z
  .string()
  .regex(
    /^[a-z][a-zA-Z0-9]*(-[a-z0-9]+)*$/,
    'expected an id of letters, digits and dashes, starting with a lower-case letter',
  );
const Text = z.string().trim().min(1, 'expected a non-empty text');
const Url = z.url({ protocol: /^https?$/, error: 'expected an http or https address' });

// ---------------------------------------------------------------------------------------------
// Conditions: data only, a question compared with equals / in / notIn, combined by all/any/not.
export type Condition =
  | { question: string; equals: string }
  | { question: string; in: string[] }
  | { question: string; notIn: string[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.union([
  z.strictObject({ question: Id, equals: z.string() }),
  z.strictObject({ question: Id, in: z.array(z.string()).min(1) }),
  z.strictObject({ question: Id, notIn: z.array(z.string()).min(1) }),
  z.strictObject({
    get all() {
      return z.array(ConditionSchema).min(1);
    },
  }),
  z.strictObject({
    get any() {
      return z.array(ConditionSchema).min(1);
    },
  }),
  z.strictObject({
    get not() {
      return ConditionSchema;
    },
  }),
]);

// ---------------------------------------------------------------------------------------------
// Questions
export const QuestionValueSchema = z.strictObject({
  value: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case value'),
  label: Text,
  /** A tool this answer names, listed among the application-container verdict's tools. */
  tool: Text.optional(),
});

export const QuestionSchema = z.strictObject({
  id: Id,
  prompt: Text,
  why: Text,
  section: Text,
  source: Text.optional(),
  url: Url.optional(),
  values: z.array(QuestionValueSchema).min(2),
  when: ConditionSchema.optional(),
});

export const QuestionsFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  questions: z.array(QuestionSchema).min(1),
});

// ---------------------------------------------------------------------------------------------
// Rules
const RuleBase = {
  id: Id,
  if: ConditionSchema,
  text: Text,
  /** A heading of the article, or the part of the page `source` names that says so. */
  section: Text,
  /** A public page other than the article (publisher and title), or an organisation's policy. */
  source: Text.optional(),
  /** The address of that page. */
  url: Url.optional(),
};

export const FavorRuleSchema = z.strictObject({
  ...RuleBase,
  effect: z.literal('favor'),
  favors: z.enum(VERDICTS),
  weight: z
    .number()
    .positive('expected a weight above 0')
    .max(100, 'expected a weight of at most 100'),
  /** A hard constraint: when it fires, the verdict is its side whatever the scores (vm only). */
  hard: z.boolean().optional(),
});

export const CaveatRuleSchema = z.strictObject({
  ...RuleBase,
  effect: z.literal('caveat'),
  /** Show the caveat only with these verdicts; with every verdict when absent. */
  verdicts: z.array(z.enum(VERDICTS)).min(1).optional(),
});

export const RuleSchema = z.discriminatedUnion('effect', [FavorRuleSchema, CaveatRuleSchema]);

export const RulesFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  rules: z.array(RuleSchema),
});

/** A rules file's frame, its rules left to be checked one by one (every fault reported at once). */
export const RulesFileFrameSchema = z.strictObject({
  schemaVersion: z.literal(1, { error: 'expected 1 (the only version)' }),
  rules: z.array(z.unknown(), { error: 'expected a list of rules' }),
});

export const VerdictInfoSchema = z.strictObject({ label: Text, tools: z.array(Text).min(1) });
export const VerdictsFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  verdicts: z.strictObject({
    os: VerdictInfoSchema,
    app: VerdictInfoSchema,
    vm: VerdictInfoSchema,
  }),
});

// ---------------------------------------------------------------------------------------------
// The Decision (SPEC.md, "Decision"). Fields may be added, never removed or renamed.
const Verdict = z.enum(VERDICTS);
const Source = z.enum(SOURCES);

export const BecauseSchema = z.strictObject({
  question: z.string(),
  answer: z.string(),
  source: Source,
});

export const ReasonSchema = z.strictObject({
  rule: z.string(),
  favors: Verdict,
  weight: z.number(),
  text: z.string(),
  section: z.string(),
  /** The article by title, or the public page (publisher and title) that says so. */
  source: z.string(),
  url: z.string().optional(),
  /** The rules file it came from (--rules); absent for a built-in rule. */
  origin: z.string().optional(),
  because: z.array(BecauseSchema),
});

export const CaveatSchema = z.strictObject({
  id: z.string(),
  text: z.string(),
  section: z.string(),
  source: z.string(),
  url: z.string().optional(),
  /** The rules file it came from (--rules); absent for a built-in rule. */
  origin: z.string().optional(),
});

export const FlipSchema = z.strictObject({
  question: z.string(),
  /** The current answer, or null when the question is unanswered. */
  from: z.string().nullable(),
  to: z.string(),
  recommendation: Verdict,
});

/** With --explain: every rule, fired or not, and the answers it read. */
export const ExplainedRuleSchema = z.strictObject({
  rule: z.string(),
  effect: z.enum(['favor', 'caveat']),
  favors: Verdict.optional(),
  weight: z.number().optional(),
  fired: z.boolean(),
  /** A caveat that fired but was left out because it does not apply to this verdict. */
  shown: z.boolean().optional(),
  origin: z.string().optional(),
  reads: z.array(z.strictObject({ question: z.string(), answer: z.string().nullable() })),
});

/** How the confidence was reached (docs/rules.md, "Confidence"); with --explain only. */
export const ConfidencePartsSchema = z.strictObject({
  /** The verdict's side, and the other side's, in weight of the rules that fired. */
  for: z.number(),
  against: z.number(),
  /** (for − against) / (for + against); for a vm lean, for / (for + against). */
  margin: z.number(),
  /** The questions whose answers fired a rule. */
  answersCounted: z.number(),
  /** min(1, (for + against) / 8, answersCounted / 3): one answer alone is never enough. */
  support: z.number(),
  /** The unanswered question that could swing the most towards the other side, if any. */
  openQuestion: z.string().optional(),
  /** That swing over the lead, at most 1. */
  risk: z.number(),
});

export const ConfidenceSchema = z.strictObject({
  level: z.enum(['high', 'medium', 'low']),
  value: z.number().min(0).max(1),
  /** The two sides weigh the same: the verdict goes to the lighter commitment. */
  tie: z.literal(true).optional(),
  parts: ConfidencePartsSchema.optional(),
});

export const DecisionSchema = z.strictObject({
  schemaVersion: z.literal(1),
  /** The article the rules encode, by title; the other sources are named with each reason. */
  article: z.string(),
  recommendation: Verdict,
  /** With a vm verdict: the container type that would come closer. */
  closest: z.enum(['os', 'app']).optional(),
  confidence: ConfidenceSchema,
  scores: z.strictObject({ os: z.number(), app: z.number() }),
  reasons: z.array(ReasonSchema),
  caveats: z.array(CaveatSchema),
  flips: z.array(FlipSchema),
  unanswered: z.array(z.string()),
  answers: z.record(z.string(), z.strictObject({ value: z.string(), source: Source })),
  /** Answers to questions that do not apply given the other answers: not counted. */
  dropped: z.array(BecauseSchema).optional(),
  tools: z.array(z.string()),
  explain: z.array(ExplainedRuleSchema).optional(),
});

// ---------------------------------------------------------------------------------------------
// Batch results (docs/batch.md): one line per input line, a decision or an error.

/** The compact Decision batch writes by default: reasons and caveats by id, no texts or flips. */
export const CompactDecisionSchema = DecisionSchema.pick({
  schemaVersion: true,
  recommendation: true,
  closest: true,
  confidence: true,
  scores: true,
  unanswered: true,
}).extend({
  reasons: z.array(z.string()),
  caveats: z.array(z.string()),
  /** With `batch --flips`. */
  flips: DecisionSchema.shape.flips.optional(),
});

const BatchLine = {
  /** The input line it answers, 1-based. */
  line: z.int().positive(),
  id: z.union([z.string(), z.number()]).optional(),
};

/** A batch output line: a compact Decision, a full one (--explain), or an error for that line. */
export const BatchResultSchema = z.union([
  z.strictObject({ ...BatchLine, decision: CompactDecisionSchema }),
  z.strictObject({ ...BatchLine, decision: DecisionSchema }),
  z.strictObject({
    ...BatchLine,
    error: z.strictObject({ message: z.string(), path: z.string().optional() }),
  }),
]);

export type Verdict = (typeof VERDICTS)[number];
export type AnswerSource = (typeof SOURCES)[number];
export type QuestionValue = z.infer<typeof QuestionValueSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type FavorRule = z.infer<typeof FavorRuleSchema>;
export type CaveatRule = z.infer<typeof CaveatRuleSchema>;
export type Rule = z.infer<typeof RuleSchema>;
export type VerdictInfo = z.infer<typeof VerdictInfoSchema>;
export type Reason = z.infer<typeof ReasonSchema>;
export type Caveat = z.infer<typeof CaveatSchema>;
export type Flip = z.infer<typeof FlipSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
export type ExplainedRule = z.infer<typeof ExplainedRuleSchema>;
export type Confidence = z.infer<typeof ConfidenceSchema>;
export type ConfidenceParts = z.infer<typeof ConfidencePartsSchema>;
export type CompactDecision = z.infer<typeof CompactDecisionSchema>;
export type BatchResult = z.infer<typeof BatchResultSchema>;

// ---------------------------------------------------------------------------------------------
// Answers: built from the questions data, so the values, the error messages and
// `which-container schema answers` can never drift apart.
const schemas = new WeakMap<readonly Question[], z.ZodType>();

function answersSchema(questions: readonly Question[]): z.ZodType {
  let schema = schemas.get(questions);
  if (schema === undefined) {
    schema = buildAnswersSchema(questions);
    schemas.set(questions, schema);
  }
  return schema;
}

function buildAnswersSchema(questions: readonly Question[]) {
  const shape: Record<string, z.ZodOptional<z.ZodEnum>> = {};
  for (const question of questions) {
    const allowed = allowedValues(question);
    shape[question.id] = z
      .enum(allowed as [string, ...string[]], {
        error: (issue) =>
          `${quoteValue(issue.input)} is not allowed; expected one of: ${allowed.join(', ')}`,
      })
      .meta({ description: question.prompt })
      .optional();
  }
  return z.strictObject(
    {
      schemaVersion: z.literal(1, { error: 'expected 1 (the only version)' }).optional(),
      ...shape,
    },
    {
      error: (issue) =>
        issue.code === 'invalid_type' ? 'expected a mapping of question id to answer' : undefined,
    },
  );
}

/** Every fault of answers the answer tables refused (readValues), one issue each with its path. */
export function wordAnswersIssues(compiled: CompiledRuleSet, input: unknown): InputIssue[] {
  const result = answersSchema(compiled.ruleSet.questions).safeParse(input);
  if (result.success)
    throw new Error('wordAnswersIssues: the answer tables refused answers the schema accepts');
  const known = compiled.questions.map((q) => q.id).join(', ');
  return toInputIssues(result.error.issues).map((issue) =>
    issue.message === 'unknown key'
      ? { ...issue, message: `unknown question; expected one of: ${known}, schemaVersion` }
      : issue,
  );
}

/** The JSON Schemas `which-container schema NAME` prints, generated from the schemas above. */
export function jsonSchema(
  ruleSet: RuleSet,
  name: (typeof SCHEMAS)[number],
): Record<string, unknown> {
  const [schema, title, io] =
    name === 'answers'
      ? [answersSchema(ruleSet.questions), 'which-container answers', 'input' as const]
      : name === 'rules'
        ? [RulesFileSchema, 'which-container rules file', 'input' as const]
        : [DecisionSchema, 'which-container decision', 'output' as const];
  const { $schema, ...rest } = z.toJSONSchema(schema, { io });
  return { $schema, $id: `https://which-container.dev/schema/${name}.json`, title, ...rest };
}

// ---------------------------------------------------------------------------------------------
// rules/host-base.yaml: what `detect --host` counts as the base system, not the workload.
const UnitName = z
  .string()
  .regex(/^[\w@.+:-]+\*?$/, 'expected a unit, script or module name, optionally ending in *');
const RootPath = z
  .string()
  .regex(/^[\w.+-]+(\/[\w.+-]+)*$/, 'expected a path relative to the root, without ..')
  .refine((p) => !p.split('/').includes('..'), 'expected a path without ..');

export const HostBaseSchema = z.strictObject({
  schemaVersion: z.literal(1),
  baseServices: z.array(UnitName).min(1),
  /** Configuration-management agents: evidence of their tool, not the workload's services. */
  agentServices: z.array(
    z.strictObject({
      service: UnitName,
      tool: z.enum(['ansible', 'chef', 'puppet', 'salt', 'other']),
    }),
  ),
  defaultCronFiles: z.array(UnitName),
  defaultPeriodicScripts: z.array(UnitName),
  defaultTimers: z.array(UnitName),
  guestModules: z.array(UnitName),
  commonModules: z.array(UnitName),
  containerEngines: z.array(
    z.strictObject({
      name: Text,
      services: z.array(UnitName),
      state: z.array(RootPath),
      programs: z.array(RootPath),
    }),
  ),
});
export type HostBase = z.infer<typeof HostBaseSchema>;
