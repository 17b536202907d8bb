// An organisation's rules files: the built-in format, checked like the built-in data (zod,
// then every question and value against the questions), each fault with its file, line and
// path; then merged over the built-in rules, a rule with a built-in id replacing it.
import type { Readable } from 'node:stream';
import { InputFileError, type InputIssue } from '../errors.js';
import { loadDataFile } from '../input/parse-data.js';
import { isRecord } from '../is-record.js';
import { type Question, type Rule, RuleSchema, RulesFileFrameSchema } from '../schema.js';
import { parsePath, toInputIssues } from '../zod-issues.js';
import { checkRules } from './check-references.js';
import type { RuleSet } from './rule-set.js';

export interface RulesFile {
  /** The file as the user named it. */
  file: string;
  rules: Rule[];
}

/** Reads and checks one rules file; throws InputFileError (exit 3) listing every fault. */
export async function loadRulesFile(
  path: string,
  questions: readonly Question[],
  stdin?: () => Readable,
): Promise<RulesFile> {
  const data = await loadDataFile(path, stdin);
  // The file's frame first, then each rule on its own, so one bad rule hides no fault of another.
  const frame = RulesFileFrameSchema.safeParse(data.value);
  const issues: InputIssue[] = frame.success ? [] : toInputIssues(frame.error.issues);
  const rules: (Rule | undefined)[] = [];
  if (frame.success) {
    frame.data.rules.forEach((raw, index) => {
      const rule = RuleSchema.safeParse(raw);
      if (rule.success) rules.push(rule.data);
      else {
        rules.push(undefined);
        issues.push(...toInputIssues(rule.error.issues, ['rules', index]));
      }
    });
    const ids = frame.data.rules.map((raw) =>
      isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined,
    );
    issues.push(...checkRules(rules, questions, 'rules', ids));
    issues.sort((a, b) => comparePaths(a.path, b.path));
  }
  if (issues.length > 0) {
    throw new InputFileError(
      issues.map((issue) => {
        const line = issue.path ? nearestLine(data.lineOf, parsePath(issue.path)) : undefined;
        return line === undefined ? issue : { ...issue, line };
      }),
      data.origin,
    );
  }
  return { file: data.origin, rules: rules as Rule[] };
}

// In the order of the file: by rule index, then by path.
function comparePaths(a: string, b: string): number {
  const index = (path: string) => Number(/^rules\[(\d+)\]/.exec(path)?.[1] ?? -1);
  return index(a) - index(b) || (a < b ? -1 : a > b ? 1 : 0);
}

// A missing key has no line of its own: take the line of the nearest enclosing value.
function nearestLine(
  lineOf: (path: readonly (string | number)[]) => number | undefined,
  path: (string | number)[],
): number | undefined {
  for (let end = path.length; end > 0; end--) {
    const line = lineOf(path.slice(0, end));
    if (line !== undefined) return line;
  }
  return undefined;
}

/**
 * The built-in rules with the files' rules over them, in order: a rule whose id is already
 * there replaces it in its place; a new id is added at the end. Remembers each rule's file.
 */
export function mergeRules(base: RuleSet, files: readonly RulesFile[]): RuleSet {
  const rules = [...base.rules];
  const origins: Record<string, string> = { ...base.origins };
  for (const { file, rules: added } of files) {
    for (const rule of added) {
      const at = rules.findIndex((r) => r.id === rule.id);
      if (at >= 0) rules[at] = rule;
      else rules.push(rule);
      origins[rule.id] = file;
    }
  }
  return { ...base, rules, origins };
}
