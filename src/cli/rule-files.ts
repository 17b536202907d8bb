// The rule set a command decides with: the built-in rules, with any --rules files over them.
import { builtinRuleSet, type RuleSet } from '../engine/rule-set.js';
import { UsageError } from '../errors.js';
import type { CliIo } from './io.js';

export async function ruleSetWith(
  files: readonly string[] | undefined,
  io: CliIo,
  stdinTakenBy?: string,
): Promise<RuleSet> {
  if (!files || files.length === 0) return builtinRuleSet;
  if (files.filter((f) => f === '-').length > 1 || (files.includes('-') && stdinTakenBy)) {
    throw new UsageError(
      `--rules -${stdinTakenBy ? ` and ${stdinTakenBy} -` : ' twice'}: standard input can be read only once`,
    );
  }
  // The rules loader (and zod, and the YAML parser) loads only when there are files to read.
  const { loadRulesFile, mergeRules } = await import('../engine/load-rules.js');
  const loaded = [];
  for (const file of files)
    loaded.push(await loadRulesFile(file, builtinRuleSet.questions, () => io.stdin));
  return mergeRules(builtinRuleSet, loaded);
}
