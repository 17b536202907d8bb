// The commander program: the default command decides; subcommands list the questions and
// rules, print the JSON Schemas, classify a batch and detect answers. The decide flags and the
// help come from rules/questions.yaml. Only deciding is loaded up front; every other command's
// module loads when it runs, so that a decision's start-up pays for no other command.
import { Command, InvalidArgumentError, Option } from 'commander';
import { ARTICLE_TITLE, allowedValues, FORMATS, flagOf, SCHEMAS } from '../constants.js';
import { builtinRuleSet } from '../engine/rule-set.js';
import type { BatchCommandOptions } from './commands/batch.js';
import { type DecideCommandOptions, runDecide } from './commands/decide.js';
import type { DetectCommandOptions } from './commands/detect.js';
import type { ReportCommandOptions } from './commands/report.js';
import type { CliIo } from './io.js';
import { ruleSetWith } from './rule-files.js';

/** 1 MiB: the default --max-line-bytes of batch. */
const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

const EXIT_CODES_HELP = `
Exit codes:
  0    decided, or the command did what it was asked
  1    internal error (a bug): please report it
  2    usage: unknown flag, bad value, conflicting options, no answers, unanswered under --strict
  3    bad input file: missing, unreadable, unparsable or invalid (the message names the line or path)
  4    batch finished, but some lines failed (each failure is in the output)
  5    the output could not be written (disk full, device error)
  129  hung up (SIGHUP)   130  interrupted (Ctrl-C)   143  terminated (SIGTERM)

Examples:
  which-container --processes many --init yes --config-management puppet
  which-container --answers answers.yaml --format json
  which-container --answers answers.yaml --format markdown > docs/adr/0007-container-type.md
  which-container questions`;

export function buildProgram(io: CliIo, version: string): Command {
  const ruleSet = builtinRuleSet;
  const program = new Command('which-container')
    .description(
      `Decide whether a workload belongs in an OS (system) container or an application container, and see why. The rules come from the article "${ARTICLE_TITLE}" (2015, published as a draft) and the projects' documentation.`,
    )
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .enablePositionalOptions()
    .option('--debug', 'show stack traces for errors')
    .addHelpText('after', EXIT_CODES_HELP);
  for (const question of ruleSet.questions) {
    program.addOption(
      new Option(
        `--${flagOf(question.id)} <value>`,
        `${question.prompt} (${allowedValues(question).join('|')})`,
      ).helpGroup('Answers:'),
    );
  }
  const io_ = 'Input and output:';
  program
    .addOption(
      new Option(
        '--answers <file>',
        'read answers from a JSON or YAML file; - reads stdin',
      ).helpGroup(io_),
    )
    .addOption(
      new Option(
        '--save-answers <file>',
        'write the merged answers to a file, to replay with --answers',
      ).helpGroup(io_),
    )
    .addOption(rulesOption().helpGroup(io_))
    .addOption(
      new Option(
        '--detect <dir>',
        "infer answers from a directory's files (flags and --answers win over them)",
      ).helpGroup(io_),
    )
    .addOption(
      new Option(
        '--detect-host [root]',
        'infer answers from a Linux system: this machine, or a root tree (a mounted image, a snapshot)',
      ).helpGroup(io_),
    )
    .addOption(
      new Option(
        '--include-tooling',
        'with --detect: count what tests, docs, examples and CI files suggest too',
      ).helpGroup(io_),
    )
    .addOption(new Option('--format <format>', 'output format').choices(FORMATS).helpGroup(io_))
    .addOption(new Option('--json', 'shorthand for --format json').helpGroup(io_))
    .addOption(
      new Option('--strict', 'fail (exit 2) when a question is left unanswered').helpGroup(io_),
    )
    .addOption(new Option('--no-input', 'never prompt').helpGroup(io_))
    .addOption(new Option('--explain', 'show every rule, fired or not').helpGroup(io_))
    .addOption(new Option('--no-color', 'no colour, even on a terminal').helpGroup(io_))
    .action(async (options: DecideCommandOptions) => runDecide(options, io, version));

  program
    .command('questions')
    .description('list the questions, their flags, values and why each is asked')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json'] as const)
        .default('text'),
    )
    .action(async (options: { format: 'text' | 'json' }) =>
      (await import('./commands/listings.js')).runQuestions(ruleSet, options.format, io),
    );

  const rules = program
    .command('rules')
    .description(
      'list the rules (with --rules, merged); --format json prints a valid rules file, mermaid a flowchart',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json', 'mermaid'] as const)
        .default('text'),
    )
    .addOption(rulesOption())
    .action(async (options: { format: 'text' | 'json' | 'mermaid'; rules?: string[] }) =>
      (await import('./commands/listings.js')).runRules(
        await ruleSetWith(options.rules, io),
        options.format,
        io,
      ),
    );
  rules
    .command('check')
    .description(
      'check a rules file: exit 0 with a summary, or exit 3 with every fault and its line',
    )
    .argument('<file>', 'a rules file (JSON or YAML), or - for stdin')
    .action(async (file: string) =>
      (await import('./commands/listings.js')).runRulesCheck(file, io),
    );

  program
    .command('schema')
    .description(`print a JSON Schema: ${SCHEMAS.join(', ')}`)
    .argument('[name]', SCHEMAS.join('|'))
    .action(async (name: string | undefined) =>
      (await import('./commands/listings.js')).runSchema(ruleSet, name, io),
    );

  program
    .command('detect')
    .description(
      'show the answers inferred from a directory (or, with --host, a Linux system), each with its evidence',
    )
    .argument('[dir]', 'the directory to scan (default: .); with --host, the root (default: /)')
    .option(
      '--host',
      'read a Linux system instead: this machine, or the root tree given (a mounted image, a snapshot)',
    )
    .addOption(
      new Option(
        '--format <format>',
        'output format; line: one batch input line ({"id": …, "answers": {…}})',
      )
        .choices(['text', 'json', 'line'] as const)
        .default('text'),
    )
    .option(
      '--include-tooling',
      'count what tests, docs, examples and CI files suggest as evidence too',
    )
    .option('--no-color', 'no colour, even on a terminal')
    .action(async (dir: string | undefined, options: DetectCommandOptions) =>
      (await import('./commands/detect.js')).runDetect(dir, options, io),
    );

  program
    .command('batch')
    .description(
      'classify a whole inventory: JSON Lines in (a file, or - for stdin), one JSON result line per input line out',
    )
    .argument('[file]', 'a JSON Lines file, or - for stdin (the default)')
    .addOption(
      new Option(
        '--max-line-bytes <bytes>',
        'the longest line accepted; a longer one is an error for that line only',
      )
        .default(DEFAULT_MAX_LINE_BYTES, '1048576 (1 MiB)')
        .argParser(parseByteCount),
    )
    .addOption(rulesOption())
    .option('--fail-fast', 'stop at the first line that fails')
    .option('--explain', 'full Decisions, with every rule, instead of compact ones')
    .option(
      '--flips',
      "add each compact Decision's flips (what one answer changed would do), for report; about a third of the throughput",
    )
    .action(async (file: string | undefined, options: BatchCommandOptions) =>
      (await import('./commands/batch.js')).runBatchCommand(file, options, io),
    );

  program
    .command('report')
    .description(
      'batch results in (a file, or - for stdin), one self-contained HTML page out: verdicts, confidence, top rules, open questions, flips and every workload',
    )
    .argument('[file]', 'batch output (JSON Lines), or - for stdin (the default)')
    .option('-o, --output <file>', 'write the page to a file (replaced whole) instead of stdout')
    .addOption(rulesOption())
    .action(async (file: string | undefined, options: ReportCommandOptions) =>
      (await import('./commands/report.js')).runReport(file, options, io, version),
    );

  return program;
}

/** --rules FILE, repeatable: for decide, batch and rules. */
function rulesOption(): Option {
  return new Option(
    '--rules <file>',
    "add an organisation's rules (JSON or YAML, repeatable; a rule with a built-in id replaces it)",
  ).argParser((value: string, previous: string[] = []) => [...previous, value]);
}

/** --max-line-bytes: a whole number of bytes, at least 2 (`{}`). */
function parseByteCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 2 || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError(
      `"${value}" is not allowed; expected a whole number of bytes, at least 2`,
    );
  }
  return Number(value);
}
