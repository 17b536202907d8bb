// The common invocations without commander: a decision from plain flags, `--version`, and
// `--help` into a pipe. Loading and building the commander program is a third of a run's
// start-up cost, and these are the runs scripts make most. Anything else (a subcommand, an
// unknown or repeated flag, `--flag=value`, a missing value) returns undefined and goes to
// commander, which knows every rule of parsing and every message. A test holds this parser
// to commander's results.
import type { RuleSet } from '../engine/rule-set.js';
import { flagOf } from '../render/labels.js';
import type { DecideOptions } from './commands/decide.js';

export type FastPath = { kind: 'decide'; options: DecideOptions } | { kind: 'version' } | { kind: 'help' };

const FORMATS = new Set(['text', 'json', 'markdown']);
/** Flags that take no value: option name → the property commander sets. */
const SWITCHES: Record<string, [string, boolean]> = {
  '--json': ['json', true],
  '--strict': ['strict', true],
  '--explain': ['explain', true],
  '--debug': ['debug', true],
  '--no-color': ['color', false],
  '--no-input': ['input', false],
};
/** Flags that take a value we pass through unchecked (commander does not check them either). */
const VALUED: Record<string, string> = { '--answers': 'answers', '--save-answers': 'saveAnswers', '--detect': 'detect' };

export function fastPath(argv: readonly string[], ruleSet: RuleSet): FastPath | undefined {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) return { kind: 'version' };
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) return { kind: 'help' };
  const questionFlags = new Map(ruleSet.questions.map((q) => [`--${flagOf(q.id)}`, q.id]));
  const options: DecideOptions = { input: true, color: true };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (seen.has(arg)) return undefined; // repeated: commander's rules (last wins, or a list)
    seen.add(arg);
    const switched = SWITCHES[arg];
    if (switched) {
      options[switched[0]] = switched[1];
      continue;
    }
    const name = questionFlags.get(arg) ?? VALUED[arg] ?? (arg === '--format' ? 'format' : undefined);
    const value = argv[i + 1];
    // A value that looks like an option is commander's to judge (it would take it as the value).
    if (name === undefined || value === undefined || value.startsWith('-')) return undefined;
    if (name === 'format' && !FORMATS.has(value)) return undefined;
    options[name] = value;
    i += 1;
  }
  return { kind: 'decide', options };
}
