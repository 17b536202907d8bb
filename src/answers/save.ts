// Writes merged answers in the answers-file format, so a run can be replayed exactly.
import { rename, writeFile } from 'node:fs/promises';
import type { Answers } from './answers.js';

/**
 * JSON for a .json path, YAML otherwise, in the order of the questions. Values are JSON-quoted,
 * which YAML reads as-is. `unsure` answers are kept, so a replay does not ask them again.
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
  return `# which-container answers: replay with \`which-container --answers ${path}\`\n${lines.join('\n')}\n`;
}

/** Writes through a temporary file and a rename, so an interrupted run leaves no half file. */
export async function saveAnswers(
  answers: Readonly<Answers>,
  questionOrder: readonly string[],
  path: string,
): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, formatAnswersFile(answers, questionOrder, path));
  await rename(temporary, path);
}
