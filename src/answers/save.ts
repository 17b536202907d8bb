// Writes merged answers in the answers-file format, so a run can be replayed exactly. The file
// is written whole or not at all, never through a link or over something that is not a file.
import { saveFile, shownPath } from '../save-file.js';
import type { Answers } from './answers.js';

/**
 * JSON for a .json path, YAML otherwise, in the order of the questions. Values are JSON-quoted,
 * which YAML reads as-is. `unsure` answers are kept, so a replay does not ask them again. The
 * replay hint quotes the path as JSON on one line (non-ASCII escaped too), so no name can add
 * a line of its own to the file.
 */
function formatAnswersFile(
  answers: Readonly<Answers>,
  questionOrder: readonly string[],
  path: string,
): string {
  const values: Record<string, string | number> = { schemaVersion: 1 };
  for (const id of questionOrder) if (Object.hasOwn(answers, id)) values[id] = answers[id]!;
  if (path.toLowerCase().endsWith('.json')) return `${JSON.stringify(values, null, 2)}\n`;
  const lines = Object.entries(values).map(([id, value]) => `${id}: ${JSON.stringify(value)}`);
  const quoted = JSON.stringify(path).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `# which-container answers: replay with which-container --answers ${quoted}\n${lines.join('\n')}\n`;
}

/**
 * Saves the answers whole or not at all (src/save-file.ts): a path that cannot be written is a
 * usage error (exit 2), a disk that fills an OutputError (exit 5).
 */
export async function saveAnswers(
  answers: Readonly<Answers>,
  questionOrder: readonly string[],
  path: string,
  flag = '--save-answers',
): Promise<void> {
  await saveFile(path, formatAnswersFile(answers, questionOrder, path), {
    shown: shownPath(flag, path),
    unwritable: 'usage',
  });
}
