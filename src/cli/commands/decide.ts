// The default command: gather the answers, decide, render.
import { gatherAnswers } from '../../answers/gather.js';
import { saveAnswers } from '../../answers/save.js';
import { type FORMATS, flagOf } from '../../constants.js';
import { compileRuleSet } from '../../engine/compile.js';
import { makeDecision } from '../../engine/decide.js';
import { UsageError } from '../../errors.js';
import { renderJson } from '../../render/json.js';
import { renderMarkdown } from '../../render/markdown.js';
import { renderText } from '../../render/text.js';
import { colorFor } from '../color.js';
import { type CliIo, isoDate, isTerminal, wrapFor } from '../io.js';
import { ruleSetWith } from '../rule-files.js';

export interface DecideCommandOptions {
  answers?: string;
  rules?: string[];
  detect?: string;
  /** --detect-host alone is `true`: this machine. */
  detectHost?: string | true;
  includeTooling?: boolean;
  saveAnswers?: string;
  format?: (typeof FORMATS)[number];
  json?: boolean;
  strict?: boolean;
  input: boolean;
  explain?: boolean;
  color: boolean;
  /** The question flags, by question id. */
  [questionId: string]: unknown;
}

export async function runDecide(
  options: DecideCommandOptions,
  io: CliIo,
  version: string,
): Promise<void> {
  const format = chooseFormat(options);
  if (options.detect !== undefined && options.detectHost !== undefined)
    throw new UsageError('--detect and --detect-host: give one of them');
  if (options.includeTooling && options.detect === undefined)
    throw new UsageError(
      '--include-tooling applies to --detect DIR (a repository), not without it',
    );
  const ruleSet = await ruleSetWith(
    options.rules,
    io,
    options.answers === '-' ? '--answers' : undefined,
  );
  const compiled = compileRuleSet(ruleSet);
  // Prompt only in a terminal: prompts render on stderr, so stdout can still be redirected.
  const interactive = options.input && isTerminal(io, 'stdin') && isTerminal(io, 'stderr');
  const merged = await gatherAnswers(
    compiled,
    {
      flags: options,
      answersFile: options.answers,
      detect: options.detect,
      detectHost: options.detectHost === true ? '/' : options.detectHost,
      includeTooling: options.includeTooling === true,
      interactive,
      offerToSave: options.saveAnswers === undefined,
    },
    io,
  );
  // Saved before deciding: answers that turn out to be no evidence are still kept to replay.
  const saveTo = options.saveAnswers ?? merged.saveTo;
  if (saveTo !== undefined) {
    const flag = options.saveAnswers === undefined ? 'saving the answers to' : '--save-answers';
    await saveAnswers(
      merged.answers,
      ruleSet.questions.map((q) => q.id),
      saveTo,
      flag,
    );
  }
  const decision = makeDecision(compiled, merged.answers, merged.sources, {
    explain: options.explain === true,
  });
  if (options.strict && decision.unanswered.length > 0) {
    throw new UsageError(
      `--strict: ${decision.unanswered.length} question(s) unanswered: ${decision.unanswered.map((id) => `--${flagOf(id)}`).join(', ')}`,
    );
  }

  if (format === 'json') io.stdout.write(renderJson(decision));
  else if (format === 'markdown')
    io.stdout.write(renderMarkdown(decision, ruleSet, { date: isoDate(io), version }));
  else
    io.stdout.write(
      renderText(decision, ruleSet, {
        color: await colorFor(io, 'stdout', options.color),
        wrap: await wrapFor(io),
        explain: options.explain === true,
      }),
    );
}

function chooseFormat(options: DecideCommandOptions): (typeof FORMATS)[number] {
  if (options.json && options.format !== undefined && options.format !== 'json') {
    throw new UsageError(`--json conflicts with --format ${options.format}; give one of them`);
  }
  return options.json ? 'json' : (options.format ?? 'text');
}
