// The one top-level handler: runs the program and maps every outcome to an exit code
// (SPEC.md, "Exit codes"). The only module that decides what reaches the user on failure.
import pkg from '../../package.json' with { type: 'json' };
import { builtinRuleSet } from '../engine/rule-set.js';
import { isAnswersError, isBatchLinesFailedError, isInputFileError, isInterruptedError, isRulesError, isUsageError, UsageError } from '../errors.js';
import { runDecide } from './commands/decide.js';
import { EXIT } from './exit-codes.js';
import { fastPath } from './fast-path.js';
import { isTerminal, type CliIo } from './io.js';

/**
 * The help text as commander prints it into a pipe (80 columns), made at build time
 * (scripts/build.mjs); undefined when running from source, where commander prints it.
 */
declare const PREBUILT_HELP: string | undefined;

const ISSUES_URL = 'https://github.com/which-container/which-container/issues';

/** Runs the CLI with user arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const fast = fastPath(argv, builtinRuleSet);
    if (fast?.kind === 'decide') {
      await runDecide(fast.options, io, pkg.version);
      return EXIT.ok;
    }
    if (fast?.kind === 'version') {
      io.stdout.write(`${pkg.version}\n`);
      return EXIT.ok;
    }
    // Commander would colour help when forced to; the prebuilt text has no colour.
    const prebuilt = typeof PREBUILT_HELP === 'string' && !io.env.FORCE_COLOR && !io.env.CLICOLOR_FORCE ? PREBUILT_HELP : undefined;
    if (fast?.kind === 'help' && prebuilt !== undefined && !isTerminal(io, 'stdout')) {
      io.stdout.write(prebuilt);
      return EXIT.ok;
    }
  } catch (error) {
    return report(error, io, debug);
  }
  return runProgram(argv, io, debug);
}

async function runProgram(argv: readonly string[], io: CliIo, debug: boolean): Promise<number> {
  const { buildProgram } = await import('./program.js');
  const program = buildProgram(io, pkg.version);
  program.exitOverride();
  program.configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    // Commander's own errors are written below, in the same form as ours.
    outputError: () => {},
  });
  for (const command of program.commands) command.exitOverride().configureOutput(program.configureOutput());

  try {
    // With a default action, commander would take an unknown command for an extra argument.
    const first = argv[0];
    if (first !== undefined && !first.startsWith('-') && !program.commands.some((c) => c.name() === first)) {
      throw new UsageError(`unknown command "${first}"; expected one of: ${program.commands.map((c) => c.name()).join(', ')}, or options only`);
    }
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return report(error, io, debug);
  }
}

function report(error: unknown, io: CliIo, debug: boolean): number {
  const say = (message: string) => io.stderr.write(`which-container: ${message}\n`);
  if (isCommanderError(error)) {
    // --help and --version end through here too, successfully.
    if (error.exitCode === 0) return EXIT.ok;
    say(`${error.message.replace(/^error: /, '')}\n(see \`which-container --help\`)`);
    return EXIT.usage;
  }
  if (isUsageError(error)) {
    say(error.message);
    return EXIT.usage;
  }
  if (isInputFileError(error) || isRulesError(error)) {
    // One line per fault, each naming the file (and line) as compilers do.
    for (const line of error.message.split('\n')) say(line);
    return EXIT.inputFile;
  }
  if (isAnswersError(error)) {
    say(error.message);
    return EXIT.usage;
  }
  if (isBatchLinesFailedError(error)) return EXIT.batchLinesFailed;
  if (isInterruptedError(error)) return error.signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
  if (isPromptCancel(error)) return EXIT.interrupted;
  say(`internal error: ${(error as Error)?.message ?? String(error)}. This is a bug; please report it at ${ISSUES_URL}${debug ? '' : ' (add --debug for the stack trace)'}`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}

// Commander's errors, told apart without loading commander on the fast path.
function isCommanderError(error: unknown): error is Error & { exitCode: number } {
  const { code, exitCode } = error as { code?: unknown; exitCode?: unknown };
  return error instanceof Error && typeof code === 'string' && code.startsWith('commander.') && typeof exitCode === 'number';
}

// @inquirer/prompts throws ExitPromptError when the user presses Ctrl-C at a prompt.
function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}
