// Gathers a decision's answers from every source (flags, answers file or stdin, detected in a
// directory, prompts for what is left) and merges them, keeping where each came from.
import type { CliIo } from '../cli/io.js';
import type { Detection } from '../detect/detect.js';
import { applies, type CompiledRuleSet } from '../engine/compile.js';
import { UsageError } from '../errors.js';
import type { Question } from '../schema.js';
import { type AnswerValues, toValues } from './answers.js';
import { answersFromFile } from './from-file.js';
import { answersFromFlags } from './from-flags.js';
import { type AnswerLayers, type MergedAnswers, mergeAnswers } from './merge.js';

export interface AnswerRequest {
  /** The options commander parsed: the question flags among them. */
  flags: Readonly<Record<string, unknown>>;
  /** --answers FILE, or - for stdin. */
  answersFile?: string | undefined;
  /** --detect DIR, and whether tooling files count as evidence too (--include-tooling). */
  detect?: string | undefined;
  includeTooling?: boolean | undefined;
  /** --detect-host ROOT: a Linux system's root (`/` for this machine). */
  detectHost?: string | undefined;
  /** Whether prompts may be shown (a terminal, and no --no-input). */
  interactive: boolean;
  /** Whether the questionnaire offers to save the answers (not with --save-answers). */
  offerToSave: boolean;
}

export interface GatheredAnswers extends MergedAnswers {
  /** Where the person chose, at the end of the questionnaire, to save the answers. */
  saveTo?: string;
}

export async function gatherAnswers(
  compiled: CompiledRuleSet,
  request: AnswerRequest,
  io: CliIo,
): Promise<GatheredAnswers> {
  const layers: AnswerLayers = { flag: await answersFromFlags(request.flags, compiled) };
  if (request.answersFile !== undefined)
    layers.file = await answersFromFile(request.answersFile, compiled, () => io.stdin);

  let evidence: Record<string, string> = {};
  let detection: Detection | undefined;
  if (request.detect !== undefined) {
    const { detectDirectory } = await import('../detect/detect.js');
    detection = await detectDirectory(compiled, request.detect, '--detect', {
      includeTooling: request.includeTooling === true,
    });
  } else if (request.detectHost !== undefined) {
    const { detectHostRoot } = await import('../detect/host/detect-host.js');
    detection = await detectHostRoot(compiled, request.detectHost, '--detect-host');
  }
  if (detection !== undefined) {
    layers.detected = detectedAnswers(detection);
    evidence = Object.fromEntries(
      Object.entries(detection.answers).map(([id, a]) => [
        id,
        `${a.evidence[0]!.file}: ${a.evidence[0]!.reason}`,
      ]),
    );
  }
  const anyGiven =
    Object.keys(layers.flag!).length > 0 ||
    request.answersFile !== undefined ||
    detection !== undefined;
  if (!anyGiven && !request.interactive) {
    throw new UsageError(
      'no answers given, and no terminal to ask them in.\n' +
        'Give answers as flags (--processes many --init yes …), from a file (--answers answers.yaml),\n' +
        'or on stdin (--answers -); run `which-container questions` to see them all.',
    );
  }

  if (request.interactive) {
    const known = mergeAnswers(layers);
    // Flags and the answers file fix their answers; only what they leave open is asked, and
    // the prompts load only when there is something to ask.
    const fixed = new Set([...Object.keys(layers.flag!), ...Object.keys(layers.file ?? {})]);
    const values = toValues(compiled, known.answers);
    if (compiled.ruleSet.questions.some((q) => isOpen(compiled, q, fixed, values))) {
      const { interview } = await import('./from-prompts.js');
      const result = await interview(compiled, known, fixed, io, evidence, request.offerToSave);
      layers.prompt = result.answers;
      if (result.saveTo !== undefined) return { ...mergeAnswers(layers), saveTo: result.saveTo };
    }
  }
  return mergeAnswers(layers);
}

/** Not fixed by a flag, the answers file or an explicit `unsure`, and applicable given the answers so far. */
export function isOpen(
  compiled: CompiledRuleSet,
  question: Question,
  fixed: ReadonlySet<string>,
  values: AnswerValues,
): boolean {
  return !fixed.has(question.id) && applies(compiled.questionById.get(question.id)!, values);
}

function detectedAnswers(detection: Detection): Record<string, string> {
  return Object.fromEntries(
    Object.entries(detection.answers).map(([id, answer]) => [id, answer.value]),
  );
}
