// The default command: gather answers (flags > answers file > prompts for the rest), decide, render.
import { answersFromFile } from '../../answers/from-file.js';
import { openQuestions } from '../../answers/open-questions.js';
import { mergeAnswers, type AnswerLayers, type MergedAnswers } from '../../answers/merge.js';
import { saveAnswers } from '../../answers/save.js';
import { acceptAnswers } from '../../answers/accept.js';
import { compileRuleSet, valuesFrom, type CompiledRuleSet } from '../../engine/compile.js';
import { decideAnswerSet } from '../../engine/decide.js';
import type { RuleSet } from '../../engine/rule-set.js';
import { ruleSetWith } from '../rule-files.js';
import { isAnswersError, UsageError } from '../../errors.js';
import { flagOf } from '../../render/labels.js';
import { renderJson } from '../../render/json.js';
import { renderMarkdown } from '../../render/markdown.js';
import { renderText } from '../../render/text.js';
import { colorFor } from '../color.js';
import { detectDirectory } from './detect.js';
import { isTerminal, type CliIo } from '../io.js';

import { FORMATS } from '../../constants.js';

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

export async function runDecide(options: DecideOptions, io: CliIo, version: string): Promise<void> {
  const ruleSet = await ruleSetWith(options.rules, io, options.answers === '-' ? '--answers' : undefined);
  const format = chooseFormat(options);
  const compiled = compileRuleSet(ruleSet);
  const layers: AnswerLayers = { flag: await answersFromFlags(options, compiled) };
  if (options.answers !== undefined) layers.file = await answersFromFile(options.answers, compiled, io.stdin);

  let evidence: Record<string, string> = {};
  if (options.detect !== undefined) {
    const detection = await detectDirectory(compiled, options.detect, '--detect');
    layers.detected = Object.fromEntries(Object.entries(detection.answers).map(([id, a]) => [id, a.value]));
    evidence = Object.fromEntries(Object.entries(detection.answers).map(([id, a]) => [id, `${a.evidence[0]!.file}: ${a.evidence[0]!.reason}`]));
  }
  const anyGiven = Object.keys(layers.flag!).length > 0 || options.answers !== undefined || options.detect !== undefined;
  // Prompt only in a terminal: prompts render on stderr, so stdout can still be redirected.
  const interactive = options.input && isTerminal(io, 'stdin') && isTerminal(io, 'stderr');
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
  else io.stdout.write(renderText(decision, ruleSet, { color: await colorFor(io, 'stdout', options.color), explain: options.explain === true }));
}

function chooseFormat(options: DecideOptions): (typeof FORMATS)[number] {
  if (options.json && options.format !== undefined && options.format !== 'json') {
    throw new UsageError(`--json conflicts with --format ${options.format}; give one of them`);
  }
  return options.json ? 'json' : (options.format ?? 'text');
}

/** Flag values, checked together so every bad flag is named in one message. */
async function answersFromFlags(options: DecideOptions, compiled: CompiledRuleSet): Promise<Record<string, string>> {
  const given: Record<string, unknown> = {};
  for (const question of compiled.ruleSet.questions) {
    if (options[question.id] !== undefined) given[question.id] = options[question.id];
  }
  try {
    return await acceptAnswers(compiled, given, 'flags');
  } catch (error) {
    if (!isAnswersError(error)) throw error;
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
