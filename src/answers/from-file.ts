// Answers from a JSON or YAML file, or from stdin with `--answers -`. JSON is read by
// JSON.parse; anything else, and any fault, by the YAML loader (loaded only then), which
// knows the line of every value for the error message.
import type { Readable } from 'node:stream';
import type { CompiledRuleSet } from '../engine/compile.js';
import { InputFileError } from '../errors.js';
import { readText } from '../input/read-text.js';
import { parsePath } from '../zod-issues.js';
import type { Answers } from './answers.js';
import { answersIssues, answersOf, readValues } from './check.js';

export async function answersFromFile(
  path: string,
  compiled: CompiledRuleSet,
  stdin?: () => Readable,
): Promise<Answers> {
  const { origin, text } = await readText(path, stdin);
  const json = parseJson(text);
  if (json !== undefined && readValues(compiled, json) !== undefined) return answersOf(json);

  const { parseData } = await import('../input/parse-data.js');
  const file = parseData(text, origin);
  // An empty file (or one of comments only) answers nothing.
  const value = file.value ?? {};
  if (readValues(compiled, value) !== undefined) return answersOf(value);
  // A bad file is exit 3, with the line of each fault.
  const issues = (await answersIssues(compiled, value)).map((issue) => {
    const line = issue.path ? file.lineOf(parsePath(issue.path)) : undefined;
    return line === undefined ? issue : { ...issue, line };
  });
  throw new InputFileError(issues, file.origin);
}

function parseJson(text: string): unknown {
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
