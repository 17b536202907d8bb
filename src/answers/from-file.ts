// Answers from a JSON or YAML file, or from stdin with `--answers -`.
import type { Readable } from 'node:stream';
import { InputFileError, isAnswersError } from '../errors.js';
import { parsePath } from '../zod-issues.js';
import type { CompiledRuleSet } from '../engine/compile.js';
import { readFlatMap } from '../input/flat-yaml.js';
import { readText } from '../input/read-text.js';
import { acceptAnswers, acceptedFast } from './accept.js';

export async function answersFromFile(path: string, compiled: CompiledRuleSet, stdin?: Readable): Promise<Record<string, string>> {
  const { origin, text } = await readText(path, stdin);
  // A flat `key: value` file with valid answers needs neither the YAML parser nor zod.
  const flat = readFlatMap(text);
  const fast = flat === undefined ? undefined : acceptedFast(compiled, flat);
  if (fast !== undefined) return fast;
  const { parseData } = await import('../input/load-data-file.js');
  const file = parseData(text, origin);
  try {
    return await acceptAnswers(compiled, file.value, file.origin);
  } catch (error) {
    if (!isAnswersError(error)) throw error;
    // A bad file is exit 3, with the line of each fault.
    throw new InputFileError(
      file.origin,
      error.issues.map((issue) => {
        const line = issue.path ? file.lineOf(parsePath(issue.path)) : undefined;
        return line === undefined ? issue : { ...issue, line };
      }),
    );
  }
}
