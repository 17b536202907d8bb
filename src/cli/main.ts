// The one top-level handler: runs the program and maps every outcome to an exit code
// (SPEC.md, "Exit codes"). The only module that decides what reaches the user on failure.
import { type Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { flagOf } from '../constants.js';
import {
  AnswersError,
  BatchLinesFailedError,
  InputFileError,
  InterruptedError,
  NoEvidenceError,
  OutputError,
  RulesError,
  UsageError,
} from '../errors.js';
import { quoteValue, visible, visibleLines } from '../render/visible.js';
import { EXIT, SIGNAL_EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { buildProgram } from './program.js';

const ISSUES_URL = 'https://github.com/which-container/which-container/issues';

/** Runs the CLI with user arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io, pkg.version).exitOverride();
  const output = {
    writeOut: (text: string) => io.stdout.write(text),
    writeErr: (text: string) => io.stderr.write(text),
    // Commander's own errors are reported by report(), in our words.
    outputError: () => undefined,
    // Help is wrapped to a terminal's width, and plain elsewhere (commander would ask
    // process.stdout, which makes a stream even for a pipe).
    getOutHelpWidth: () => io.columns?.('stdout') ?? 80,
    getErrHelpWidth: () => io.columns?.('stderr') ?? 80,
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  };
  program.configureOutput(output);
  // Every command, nested ones too (rules check), ends through our handler and speaks our words.
  const configure = (command: Command) => {
    command.exitOverride().configureOutput(output);
    for (const inner of command.commands) configure(inner);
  };
  for (const command of program.commands) configure(command);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // The command the fault is in, when it is one of ours (the deepest: rules check): its name
    // leads the message.
    let command: Command | undefined;
    for (const word of program.args) {
      const inner = (command ?? program).commands.find((c) => c.name() === word);
      if (!inner) break;
      command = inner;
    }
    return report(error, io, argv.includes('--debug'), program.args, command);
  }
}

function report(
  error: unknown,
  io: CliIo,
  debug: boolean,
  operands: readonly string[],
  command?: Command,
): number {
  // Everything said comes from here, escaped: a value, a path or a name from outside may hold
  // control characters, and a closed or full stderr never changes the exit code.
  const say = (message: string) => {
    try {
      io.stderr.write(`${visibleLines(`which-container: ${message}`)}\n`);
    } catch {
      // nowhere left to say it
    }
  };
  if (error instanceof CommanderError) {
    // --help and --version end through here too, successfully.
    if (error.exitCode === 0) return EXIT.ok;
    const name = command && commandPath(command);
    const message = commanderMessage(error, operands, command);
    say(
      name === undefined
        ? `${message}\n(see \`which-container --help\`)`
        : `${name}: ${message}\n(see \`which-container ${name} --help\`)`,
    );
    return EXIT.usage;
  }
  if (error instanceof NoEvidenceError) {
    const flags = error.questions.map((id) => `--${flagOf(id)}`).join(', ');
    say(
      `no answer given is evidence for either container type, so there is no verdict.\nAnswer one of the most decisive questions: ${flags} (all of them: \`which-container questions\`)`,
    );
    return EXIT.usage;
  }
  if (error instanceof UsageError || error instanceof AnswersError) {
    say(error.message);
    return EXIT.usage;
  }
  if (error instanceof InputFileError || error instanceof RulesError) {
    // One line per fault, each naming the file (and line) as compilers do.
    for (const line of error.message.split('\n')) say(line);
    return EXIT.inputFile;
  }
  if (error instanceof OutputError) {
    say(error.message);
    return EXIT.outputFailed;
  }
  if (error instanceof BatchLinesFailedError) return EXIT.batchLinesFailed;
  if (error instanceof InterruptedError) return SIGNAL_EXIT[error.signal];
  // @inquirer/prompts throws ExitPromptError when the user presses Ctrl-C at a prompt.
  if (error instanceof Error && error.name === 'ExitPromptError') return EXIT.interrupted;
  say(
    `internal error: ${(error as Error)?.message ?? String(error)}. This is a bug; please report it at ${ISSUES_URL}${debug ? '' : ' (add --debug for the stack trace)'}`,
  );
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT.internal;
}

/** Commander's parse errors in our words: what was wrong, and what is allowed. */
function commanderMessage(
  error: CommanderError,
  operands: readonly string[],
  command: Command | undefined,
): string {
  const text = error.message.replace(/^error: /, '');
  const [first, second] = [...text.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const flag = first?.split(' ')[0];
  switch (error.code) {
    case 'commander.unknownOption': {
      const suggestion = /Did you mean (\S+)\?/.exec(text)?.[1];
      return `unknown option ${visible(first ?? '')}${suggestion ? `; did you mean ${suggestion}?` : ''}`;
    }
    case 'commander.unknownCommand':
    case 'commander.excessArguments':
      // In one of our commands: the operand past the ones it takes.
      if (command)
        return `unexpected argument ${quoteValue(command.args[command.registeredArguments.length] ?? '')}; it takes ${command.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`)).join(' ') || 'no arguments'}`;
      return `unexpected argument ${quoteValue(operands[0] ?? first ?? '')}; expected a command (questions, rules, schema, detect, batch, report) or options only`;
    case 'commander.optionMissingArgument':
      return `${flag} needs a value`;
    case 'commander.missingArgument':
      return `missing the argument <${first}>`;
    case 'commander.invalidArgument': {
      const choices = /Allowed choices are (.*)\.$/.exec(text)?.[1];
      if (choices) return `${flag}: "${second}" is not allowed; expected one of: ${choices}`;
      return `${flag}: ${text.slice(text.indexOf(' is invalid. ') + ' is invalid. '.length)}`;
    }
    default:
      return text;
  }
}

/** `rules check` for the check command under rules: how a user types it. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
