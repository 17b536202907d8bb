// Answers from a JSON or YAML file, or from stdin with `--answers -`.
import type { Readable } from 'node:stream';
import { AnswersError, InputFileError } from '../errors.js';
import { parsePath } from '../zod-issues.js';
import type { Question } from '../schema.js';
import { validateAnswers } from './validate.js';

export async function answersFromFile(path: string, questions: readonly Question[], stdin?: Readable): Promise<Record<string, string>> {
  // The YAML parser loads only when a file is read.
  const { loadDataFile } = await import('../input/load-data-file.js');
  const file = await loadDataFile(path, stdin);
  try {
    return validateAnswers(file.value, questions, file.origin);
  } catch (error) {
    if (!(error instanceof AnswersError)) throw error;
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
