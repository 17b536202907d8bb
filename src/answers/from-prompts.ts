// The interview: asks, on stderr, the questions no flag or file answered, in the data's order
// and honouring `when`; then a review where any answer can be changed before deciding, and an
// offer to save the answers. Loaded only when a prompt will be shown.
import { existsSync } from 'node:fs';
import { input, Separator, select } from '@inquirer/prompts';
import wrapAnsi from 'wrap-ansi';
import type { InStream, OutStream, StopSignal } from '../cli/io.js';
import { UNSURE } from '../constants.js';
import { applies, type CompiledRuleSet } from '../engine/compile.js';
import { InterruptedError, UsageError } from '../errors.js';
import { visible } from '../render/visible.js';
import type { Question } from '../schema.js';
import { type Answers, type AnswerValues, toValues } from './answers.js';
import { isOpen } from './gather.js';
import type { MergedAnswers } from './merge.js';

export interface InterviewIo {
  stdin: InStream;
  stderr: OutStream;
  streams?: () => { stderr: NodeJS.WritableStream };
  columns?: (name: 'stdout' | 'stderr') => number | undefined;
  onSignal?: (listener: (signal: StopSignal) => void) => () => void;
}

export interface InterviewResult {
  /** The answers given at the prompts (`unsure` included). */
  answers: Answers;
  /** Where the person chose to save the answers, if they did. */
  saveTo?: string;
}

const DECIDE = '\u0000decide';
/** The file the questionnaire offers to save the answers to. */
const SAVE_DEFAULT = 'which-container-answers.yaml';

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
  /** Offer to save the answers at the end (not when --save-answers was given). */
  offerToSave = true,
): Promise<InterviewResult> {
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
  // A signal (SIGTERM, SIGHUP, SIGINT from kill) cancels the prompt, which shows the cursor again
  // and gives the terminal back its mode, before the run ends with the signal's exit code.
  const unlisten = io.onSignal?.((signal) => controller.abort(new InterruptedError(signal)));
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

  // Prose under a question wraps at word boundaries, with a hanging indent.
  const width = Math.max(40, (io.columns?.('stderr') ?? 80) - 2);
  const note = (label: string, text: string) => {
    const indent = 2 + label.length;
    const lines = wrapAnsi(text, width - indent, { hard: true }).split('\n');
    return new Separator(
      lines.map((line, i) => `${i === 0 ? `  ${label}` : ' '.repeat(indent)}${line}`).join('\n'),
    );
  };
  let saveTo: string | undefined;

  try {
    const ask = async (question: Question, position: string) => {
      // The cursor starts on the answer given before, else on a detected value, else on "Not
      // sure": pressing Enter never answers for the person.
      const defaultValue = values[question.id] ?? known.answers[question.id] ?? UNSURE;
      values[question.id] = await select(
        {
          message: `${position}${question.prompt}`,
          choices: [
            note('why we ask: ', question.why),
            ...(known.sources[question.id] === 'detected' && evidence[question.id]
              ? [note('detected: ', visible(evidence[question.id]!))]
              : []),
            ...question.values.map((v) => ({ value: v.value, name: v.label, short: v.value })),
            { value: UNSURE, name: 'Not sure', short: UNSURE },
          ],
          default: defaultValue,
          pageSize: question.values.length + 8,
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
              .map((q) => ({ value: q.id, name: `Change: ${q.prompt}` })),
          ],
          pageSize: compiled.questions.length + 1,
          loop: false,
        },
        context,
      );
      if (choice === DECIDE) break;
      await ask(compiled.questionById.get(choice)!.question, '');
    }
    if (asked.size > 0 && offerToSave) saveTo = await askWhereToSave(context);
  } catch (error) {
    const reason = controller.signal.reason;
    if (error instanceof Error && error.name === 'AbortPromptError') {
      if (reason instanceof InterruptedError) io.stderr.write('\n\u001b[?25h');
      if (reason instanceof UsageError || reason instanceof InterruptedError) throw reason;
    }
    throw error;
  } finally {
    unlisten?.();
    io.stdin.off('end', onEnd);
    io.stdin.off('close', onEnd);
  }
  return saveTo === undefined ? { answers: values } : { answers: values, saveTo };
}

const OTHER_FILE = '\u0000other';
const NO_SAVE = '\u0000no';

/** Offers to save the answers: to the default file, to another, or not at all. */
async function askWhereToSave(context: Parameters<typeof select>[1]): Promise<string | undefined> {
  const replaces = existsSync(SAVE_DEFAULT) ? ' (replaces the file there)' : '';
  const choice = await select(
    {
      message: 'Save these answers, to replay them with --answers?',
      choices: [
        { value: SAVE_DEFAULT, name: `Yes, to ${SAVE_DEFAULT}${replaces}` },
        { value: OTHER_FILE, name: 'Yes, to another file' },
        { value: NO_SAVE, name: 'No' },
      ],
      loop: false,
    },
    context,
  );
  if (choice === NO_SAVE) return undefined;
  if (choice !== OTHER_FILE) return choice;
  return (
    await input(
      {
        message: 'File name (JSON for .json, YAML otherwise)',
        validate: (name) => name.trim() !== '' || 'a file name, please',
      },
      context,
    )
  ).trim();
}

/** Every question with its answer's label and where it came from; answers that no longer apply shown as dropped. */
function reviewTable(
  compiled: CompiledRuleSet,
  known: MergedAnswers,
  values: Answers,
  current: AnswerValues,
): string {
  const rows = compiled.ruleSet.questions.flatMap((q) => {
    const value = values[q.id] ?? known.answers[q.id];
    const source = values[q.id] !== undefined ? 'your answer' : known.sources[q.id];
    const applicable = applies(compiled.questionById.get(q.id)!, current);
    let shown: string;
    if (!applicable)
      shown =
        value === undefined || value === UNSURE
          ? 'does not apply'
          : `dropped: it does not apply now (was: ${labelOf(q, value)})`;
    else if (value === undefined) shown = 'unanswered';
    else if (value === UNSURE) shown = 'Not sure';
    else shown = labelOf(q, value);
    return [
      `  ${q.prompt}`,
      `      ${shown}${source && applicable && value !== undefined ? `  (${sourceWords(source)})` : ''}`,
    ];
  });
  return ['Your answers:', ...rows].join('\n');
}

function labelOf(question: Question, value: string): string {
  return question.values.find((v) => v.value === value)?.label ?? value;
}

function sourceWords(source: string): string {
  return source === 'flag'
    ? 'from a flag'
    : source === 'file'
      ? 'from the answers file'
      : source === 'detected'
        ? 'detected'
        : source;
}
