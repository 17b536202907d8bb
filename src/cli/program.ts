// The commander program: the default command decides; subcommands list the questions and
// rules and print the JSON Schemas.
import { Command, Option } from 'commander';
import { builtinRuleSet } from '../engine/rule-set.js';
import { SCHEMAS } from '../constants.js';
import type { BatchCommandOptions } from './commands/batch.js';
import { addDecideOptions, rulesOption } from './commands/decide-options.js';
import { runDecide, type DecideOptions } from './commands/decide.js';
import { ruleSetWith } from './rule-files.js';

// Each subcommand's code loads only when it runs, so a decision pays for none of it.
const listings = () => import('./commands/listings.js');
/** 1 MiB: the default --max-line-bytes of batch. */
const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
import type { CliIo } from './io.js';

const EXIT_CODES_HELP = `
Exit codes:
  0    decided, or the command did what it was asked
  1    internal error (a bug): please report it
  2    usage: unknown flag, bad value, conflicting options, no answers, unanswered under --strict
  3    bad input file: missing, unreadable, unparsable or invalid (the message names the line or path)
  4    batch finished, but some lines failed (each failure is in the output)
  130  interrupted (Ctrl-C)   143  terminated (SIGTERM)

Examples:
  which-container --processes many --init yes --config-management puppet
  which-container --answers answers.yaml --format json
  which-container --answers answers.yaml --format markdown > docs/adr/0007-container-type.md
  which-container questions`;

export function buildProgram(io: CliIo, version: string): Command {
  const ruleSet = builtinRuleSet;
  const program = new Command('which-container')
    .description('Decide whether a workload belongs in an OS (system) container or an application container, and see why.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .enablePositionalOptions()
    .option('--debug', 'show stack traces for errors')
    .addHelpText('after', EXIT_CODES_HELP);
  addDecideOptions(program, ruleSet);
  program.action(async (options: DecideOptions) => runDecide(options, io, version));

  program
    .command('questions')
    .description('list the questions, their flags, values and why each is asked')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json'] as const).default('text'))
    .action(async (options: { format: 'text' | 'json' }) => (await listings()).runQuestions(ruleSet, options.format, io));

  const rules = program
    .command('rules')
    .description('list the rules (with --rules, merged); --format json prints a valid rules file, mermaid a flowchart')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'mermaid'] as const).default('text'))
    .addOption(rulesOption())
    .action(async (options: { format: 'text' | 'json' | 'mermaid'; rules?: string[] }) => (await listings()).runRules(await ruleSetWith(options.rules, io), options.format, io));
  rules
    .command('check')
    .description('check a rules file: exit 0 with a summary, or exit 3 with every fault and its line')
    .argument('<file>', 'a rules file (JSON or YAML), or - for stdin')
    .action(async (file: string) => (await listings()).runRulesCheck(file, io));

  program
    .command('schema')
    .description(`print a JSON Schema: ${SCHEMAS.join(', ')}`)
    .argument('[name]', SCHEMAS.join('|'))
    .action(async (name: string | undefined) => (await listings()).runSchema(ruleSet, name, io));

  program
    .command('detect')
    .description('show the answers inferred from a directory, each with its evidence')
    .argument('[dir]', 'the directory to scan', '.')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json'] as const).default('text'))
    .option('--no-color', 'no colour, even on a terminal')
    .action(async (dir: string, options: { format: 'text' | 'json'; color: boolean }) => (await import('./commands/detect.js')).runDetect(dir, options, io));

  program
    .command('batch')
    .description('classify a whole inventory: JSON Lines in (a file, or - for stdin), one JSON result line per input line out')
    .argument('[file]', 'a JSON Lines file, or - for stdin (the default)')
    .addOption(new Option('--max-line-bytes <bytes>', 'the longest line accepted; a longer one is an error for that line only').default(String(DEFAULT_MAX_LINE_BYTES), '1048576 (1 MiB)'))
    .addOption(rulesOption())
    .option('--fail-fast', 'stop at the first line that fails')
    .option('--explain', 'full Decisions, with every rule, instead of compact ones')
    .action(async (file: string | undefined, options: BatchCommandOptions & { maxLineBytes: string }) => {
      const batch = await import('./commands/batch.js');
      return batch.runBatchCommand(file, { ...options, maxLineBytes: batch.parseByteCount(options.maxLineBytes) }, io);
    });

  return program;
}
