// The default command: gather answers (flags > answers file > prompts for the rest), decide, render.
import { Option, type Command } from 'commander';
import { answersFromFile } from '../../answers/from-file.js';
import { openQuestions } from '../../answers/open-questions.js';
import { mergeAnswers, type AnswerLayers, type MergedAnswers } from '../../answers/merge.js';
import { saveAnswers } from '../../answers/save.js';
import { allowedValues } from '../../answers/answers-schema.js';
import { validateAnswers } from '../../answers/validate.js';
import { compileRuleSet, valuesFrom } from '../../engine/compile.js';
import { decideAnswerSet } from '../../engine/decide.js';
import type { RuleSet } from '../../engine/rule-set.js';
import { rulesOption, ruleSetWith } from '../rule-files.js';
import { AnswersError, UsageError } from '../../errors.js';
import { flagOf } from '../../render/labels.js';
import { renderJson } from '../../render/json.js';
import { renderMarkdown } from '../../render/markdown.js';
import { renderText } from '../../render/text.js';
import { colorFor } from '../color.js';
import { detectDirectory } from './detect.js';
import type { CliIo } from '../io.js';

export const FORMATS = ['text', 'json', 'markdown'] as const;

export interface DecideOptions {
  answers?: string;
  rules?: string[];
  detect?: string;
  saveAnswers?: string;
  format?: (typeof FORMATS)[number];
  json?: boolean;
  strict?: boolean;
  input: boolean;
  explain?: boolean;
  color: boolean;
  [questionFlag: string]: unknown;
}

/** One option per question, generated from the questions data, then the decide options. */
export function addDecideOptions(program: Command, ruleSet: RuleSet): void {
  for (const question of ruleSet.questions) {
    program.addOption(new Option(`--${flagOf(question.id)} <value>`, `${question.prompt} (${allowedValues(question).join('|')})`).helpGroup('Answers:'));
  }
  program
    .addOption(new Option('--answers <file>', 'read answers from a JSON or YAML file; - reads stdin').helpGroup('Input and output:'))
    .addOption(new Option('--save-answers <file>', 'write the merged answers to a file, to replay with --answers').helpGroup('Input and output:'))
    .addOption(rulesOption().helpGroup('Input and output:'))
    .addOption(new Option('--detect <dir>', "infer answers from a directory's files (flags and --answers win over them)").helpGroup('Input and output:'))
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).helpGroup('Input and output:'))
    .addOption(new Option('--json', 'shorthand for --format json').helpGroup('Input and output:'))
    .addOption(new Option('--strict', 'fail (exit 2) when a question is left unanswered').helpGroup('Input and output:'))
    .addOption(new Option('--no-input', 'never prompt').helpGroup('Input and output:'))
    .addOption(new Option('--explain', 'show every rule, fired or not').helpGroup('Input and output:'))
    .addOption(new Option('--no-color', 'no colour, even on a terminal').helpGroup('Input and output:'));
}

export async function runDecide(options: DecideOptions, io: CliIo, version: string): Promise<void> {
  const ruleSet = await ruleSetWith(options.rules, io, options.answers === '-' ? '--answers' : undefined);
  const format = chooseFormat(options);
  const layers: AnswerLayers = { flag: answersFromFlags(options, ruleSet) };
  if (options.answers !== undefined) layers.file = await answersFromFile(options.answers, ruleSet.questions, io.stdin);

  const compiled = compileRuleSet(ruleSet);
  let evidence: Record<string, string> = {};
  if (options.detect !== undefined) {
    const detection = await detectDirectory(compiled, options.detect, '--detect');
    layers.detected = Object.fromEntries(Object.entries(detection.answers).map(([id, a]) => [id, a.value]));
    evidence = Object.fromEntries(Object.entries(detection.answers).map(([id, a]) => [id, `${a.evidence[0]!.file}: ${a.evidence[0]!.reason}`]));
  }
  const anyGiven = Object.keys(layers.flag!).length > 0 || options.answers !== undefined || options.detect !== undefined;
  // Prompt only in a terminal: prompts render on stderr, so stdout can still be redirected.
  const interactive = options.input && io.stdin.isTTY === true && io.stderr.isTTY === true;
  if (!anyGiven && !interactive) {
    throw new UsageError(
      'no answers given, and no terminal to ask them in.\n' +
        'Give answers as flags (--processes many --init yes …), from a file (--answers answers.yaml),\n' +
        'or on stdin (--answers -); run `which-container questions` to see them all.',
    );
  }

  if (interactive) {
    const before = mergeAnswers(layers);
    // Flags and the answers file fix their answers; only what they leave open is asked, and
    // the prompts' code loads only when there is something to ask.
    const fixed = new Set([...Object.keys(layers.flag!), ...Object.keys(layers.file ?? {})]);
    const known = valuesFrom(compiled, Object.fromEntries(Object.entries(before.answers).map(([id, a]) => [id, a.value])));
    if (openQuestions(compiled, fixed, known).length > 0) {
      const { interview } = await import('../../answers/from-prompts.js');
      layers.prompt = (await interview(compiled, before.answers, fixed, io, evidence)).values;
      // A question asked at the prompt was answered by the person, who saw the detected value
      // as the default: their answer counts, above the detection.
      for (const id of Object.keys(layers.prompt)) delete layers.detected?.[id];
    }
  }

  const merged = mergeAnswers(layers);
  const decision = decideAnswerSet(compiled, merged.answers, { explain: options.explain === true });
  if (options.strict && decision.unanswered.length > 0) {
    throw new UsageError(`--strict: ${decision.unanswered.length} question(s) unanswered: ${decision.unanswered.map((id) => `--${flagOf(id)}`).join(', ')}`);
  }
  if (options.saveAnswers !== undefined) await saveAnswersOrFail(merged, ruleSet, options.saveAnswers);

  if (format === 'json') io.stdout.write(renderJson(decision));
  else if (format === 'markdown') io.stdout.write(renderMarkdown(decision, ruleSet, { date: isoDate(io), version }));
  else io.stdout.write(renderText(decision, ruleSet, { color: colorFor(io, 'stdout', options.color), explain: options.explain === true }));
}

function chooseFormat(options: DecideOptions): (typeof FORMATS)[number] {
  if (options.json && options.format !== undefined && options.format !== 'json') {
    throw new UsageError(`--json conflicts with --format ${options.format}; give one of them`);
  }
  return options.json ? 'json' : (options.format ?? 'text');
}

/** Flag values, checked together so every bad flag is named in one message. */
function answersFromFlags(options: DecideOptions, ruleSet: RuleSet): Record<string, string> {
  const given: Record<string, unknown> = {};
  for (const question of ruleSet.questions) {
    if (options[question.id] !== undefined) given[question.id] = options[question.id];
  }
  try {
    return validateAnswers(given, ruleSet.questions, 'flags');
  } catch (error) {
    if (!(error instanceof AnswersError)) throw error;
    const lines = error.issues.map((issue) => `  --${flagOf(issue.path)}: ${issue.message}`);
    throw new UsageError(`${lines.length === 1 ? 'a bad flag value' : `${lines.length} bad flag values`}:\n${lines.join('\n')}`);
  }
}

async function saveAnswersOrFail(merged: MergedAnswers, ruleSet: RuleSet, path: string): Promise<void> {
  try {
    await saveAnswers(merged, ruleSet.questions.map((q) => q.id), path);
  } catch (error) {
    throw new UsageError(`--save-answers ${path}: cannot write it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Today, or SOURCE_DATE_EPOCH's day for reproducible output. */
function isoDate(io: CliIo): string {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : io.now();
  return date.toISOString().slice(0, 10);
}
