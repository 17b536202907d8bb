// The one top-level handler: runs the program and maps every outcome to an exit code
// (SPEC.md, "Exit codes"). The only module that decides what reaches the user on failure.
import { CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { AnswersError, BatchLinesFailedError, InputFileError, InterruptedError, RulesError, UsageError } from '../errors.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';

const ISSUES_URL = 'https://github.com/which-container/which-container/issues';

/** Runs the CLI with user arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
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
  if (error instanceof CommanderError) {
    // --help and --version end through here too, successfully.
    if (error.exitCode === 0) return EXIT.ok;
    say(`${error.message.replace(/^error: /, '')}\n(see \`which-container --help\`)`);
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    say(error.message);
    return EXIT.usage;
  }
  if (error instanceof InputFileError || error instanceof RulesError) {
    // One line per fault, each naming the file (and line) as compilers do.
    for (const line of error.message.split('\n')) say(line);
    return EXIT.inputFile;
  }
  if (error instanceof AnswersError) {
    say(error.message);
    return EXIT.usage;
  }
  if (error instanceof BatchLinesFailedError) return EXIT.batchLinesFailed;
  if (error instanceof InterruptedError) return error.signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
  if (isPromptCancel(error)) return EXIT.interrupted;
  say(`internal error: ${(error as Error)?.message ?? String(error)}. This is a bug; please report it at ${ISSUES_URL}${debug ? '' : ' (add --debug for the stack trace)'}`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}

// @inquirer/prompts throws ExitPromptError when the user presses Ctrl-C at a prompt.
function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}
