// `questions`, `rules` and `schema`: the data and the contract, for people and for tools.
import { SCHEMAS } from '../../constants.js';
import { builtinRuleSet, type RuleSet } from '../../engine/rule-set.js';
import { UsageError } from '../../errors.js';
import { renderJson } from '../../render/json.js';
import {
  questionsJson,
  renderMermaid,
  renderQuestionsText,
  renderRulesText,
} from '../../render/rules.js';
import { quoteValue } from '../../render/visible.js';
import type { CliIo } from '../io.js';

export function runQuestions(ruleSet: RuleSet, format: 'text' | 'json', io: CliIo): void {
  io.stdout.write(
    format === 'json' ? renderJson(questionsJson(ruleSet)) : renderQuestionsText(ruleSet),
  );
}

export function runRules(ruleSet: RuleSet, format: 'text' | 'json' | 'mermaid', io: CliIo): void {
  // JSON is exactly the rules-file format, so the output can be edited and passed to --rules.
  if (format === 'json') io.stdout.write(renderJson({ schemaVersion: 1, rules: ruleSet.rules }));
  else if (format === 'mermaid') io.stdout.write(renderMermaid(ruleSet));
  else io.stdout.write(renderRulesText(ruleSet));
}

/** `rules check FILE`: the same checks --rules makes, and a one-line summary when it passes. */
export async function runRulesCheck(file: string, io: CliIo): Promise<void> {
  const { loadRulesFile } = await import('../../engine/load-rules.js');
  const loaded = await loadRulesFile(file, builtinRuleSet.questions, () => io.stdin);
  const builtin = new Set(builtinRuleSet.rules.map((r) => r.id));
  const replaced = loaded.rules.filter((r) => builtin.has(r.id)).map((r) => r.id);
  const favor = loaded.rules.filter((r) => r.effect === 'favor').length;
  io.stdout.write(
    `${loaded.file}: ok: ${loaded.rules.length} rule(s) (${favor} weighted, ${loaded.rules.length - favor} caveat(s))` +
      `${replaced.length > 0 ? `; replaces built-in ${replaced.join(', ')}` : ''}\n`,
  );
}

export async function runSchema(
  ruleSet: RuleSet,
  name: string | undefined,
  io: CliIo,
): Promise<void> {
  if (name === undefined || !(SCHEMAS as readonly string[]).includes(name)) {
    throw new UsageError(
      `schema: ${name === undefined ? 'missing the schema name' : `unknown schema ${quoteValue(name)}`}; expected one of: ${SCHEMAS.join(', ')}`,
    );
  }
  const { jsonSchema } = await import('../../schema.js');
  io.stdout.write(renderJson(jsonSchema(ruleSet, name as (typeof SCHEMAS)[number])));
}
