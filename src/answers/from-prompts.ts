// The interview: asks, on stderr, the questions no flag or file answered, in the data's order
// and honouring `when`; then a review where any answer can be changed before deciding.
// @inquirer/prompts is imported here only, and this module only when a prompt will be shown.
import { Separator, select } from '@inquirer/prompts';
import type { InStream, OutStream } from '../cli/io.js';
import { UNSURE } from '../constants.js';
import { applies, type CompiledRuleSet } from '../engine/compile.js';
import { UsageError } from '../errors.js';
import type { Question } from '../schema.js';
import { type Answers, type AnswerValues, toValues } from './answers.js';
import { isOpen } from './gather.js';
import type { MergedAnswers } from './merge.js';

export interface InterviewIo {
  stdin: InStream;
  stderr: OutStream;
  streams?: () => { stderr: NodeJS.WritableStream };
}

const DECIDE = '\u0000decide';

/**
 * Asks every applicable question that `known` leaves open (`fixed` ids are never asked:
 * flags, the answers file and explicit `unsure` fix them); a `known` answer from a weaker
 * source, such as detection, is offered as the default. Ends with a review.
 */
export async function interview(
  compiled: CompiledRuleSet,
  known: MergedAnswers,
  fixed: ReadonlySet<string>,
  io: InterviewIo,
  /** Why a detected default was detected, by question id: shown under the question. */
  evidence: Readonly<Record<string, string>> = {},
): Promise<Answers> {
  const controller = new AbortController();
  // Stdin closing mid-interview (EOF) must end the run, not leave a prompt waiting forever.
  const onEnd = () =>
    controller.abort(
      new UsageError(
        'standard input closed before the questionnaire was finished; give the remaining answers as flags or with --answers',
      ),
    );
  io.stdin.once('end', onEnd);
  io.stdin.once('close', onEnd);
  const context = {
    input: io.stdin,
    output: (io.streams?.().stderr ?? io.stderr) as unknown as NodeJS.WritableStream,
    signal: controller.signal,
    clearPromptOnDone: false,
  };

  const values: Answers = {};
  // The answers so far by position, prompts over what was known (`unsure` as unanswered).
  const current = () => toValues(compiled, { ...known.answers, ...values });
  const open = (q: Question) => isOpen(compiled, q, fixed, current());

  try {
    const ask = async (question: Question, position: string) => {
      const defaultValue = values[question.id] ?? known.answers[question.id];
      values[question.id] = await select(
        {
          message: `${position}${question.prompt}`,
          choices: [
            new Separator(`  why we ask: ${question.why}`),
            ...(known.sources[question.id] === 'detected' && evidence[question.id]
              ? [new Separator(`  detected: ${evidence[question.id]}`)]
              : []),
            ...question.values.map((v) => ({ value: v.value, name: v.label, short: v.value })),
            { value: UNSURE, name: 'Not sure', short: UNSURE },
          ],
          ...(defaultValue === undefined ? {} : { default: defaultValue }),
          pageSize: question.values.length + 4,
          loop: false,
        },
        context,
      );
    };

    // The total can shrink as answers make later questions inapplicable; count as we go.
    const asked = new Set<string>();
    for (const question of compiled.ruleSet.questions) {
      if (!open(question)) continue;
      const remaining = compiled.ruleSet.questions.filter(
        (q) => !asked.has(q.id) && open(q),
      ).length;
      asked.add(question.id);
      await ask(question, `(${asked.size} of ${asked.size + remaining - 1}) `);
    }

    // Review: every answer, from wherever it came, with the choice to change one. Nothing
    // asked (flags and files answered everything), nothing to review.
    while (asked.size > 0) {
      io.stderr.write(`\n${reviewTable(compiled, known, values, current())}\n`);
      const choice = await select(
        {
          message: 'Decide now, or change an answer?',
          choices: [
            { value: DECIDE, name: 'Decide now' },
            ...compiled.ruleSet.questions
              .filter(open)
              .map((q) => ({ value: q.id, name: `Change ${q.id}` })),
          ],
          loop: false,
        },
        context,
      );
      if (choice === DECIDE) break;
      await ask(compiled.questionById.get(choice)!.question, '');
    }
  } catch (error) {
    if (
      error instanceof Error &&
      error.name === 'AbortPromptError' &&
      controller.signal.reason instanceof UsageError
    )
      throw controller.signal.reason;
    throw error;
  } finally {
    io.stdin.off('end', onEnd);
    io.stdin.off('close', onEnd);
  }
  return values;
}

function reviewTable(
  compiled: CompiledRuleSet,
  known: MergedAnswers,
  values: Answers,
  current: AnswerValues,
): string {
  const width = Math.max(...compiled.ruleSet.questions.map((q) => q.id.length));
  const rows = compiled.ruleSet.questions.map((q) => {
    const value = values[q.id] ?? known.answers[q.id];
    const source = values[q.id] !== undefined ? 'prompt' : known.sources[q.id];
    let shown: string;
    if (value === undefined)
      shown = applies(compiled.questionById.get(q.id)!, current)
        ? '(unanswered)'
        : '(does not apply)';
    else if (value === UNSURE) shown = 'unsure';
    else shown = `${value}: ${q.values.find((v) => v.value === value)?.label ?? ''}`;
    return `  ${q.id.padEnd(width)}  ${shown}${source ? `  [${source}]` : ''}`;
  });
  return ['Your answers:', ...rows].join('\n');
}
