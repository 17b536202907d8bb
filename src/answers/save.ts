// Writes merged answers in the answers-file format, so a run can be replayed exactly.
import { rename, writeFile } from 'node:fs/promises';
import { UNSURE } from '../constants.js';
import type { MergedAnswers } from './merge.js';

/**
 * JSON for a .json path, YAML otherwise. Values are JSON-quoted, which YAML reads as-is.
 * Questions answered `unsure` are kept, so a replay does not ask them again.
 */
export function formatAnswersFile({ answers, unsure }: MergedAnswers, questionOrder: readonly string[], path: string): string {
  const values: Record<string, string | number> = { schemaVersion: 1 };
  for (const id of questionOrder) {
    if (answers[id]) values[id] = answers[id].value;
    else if (unsure.includes(id)) values[id] = UNSURE;
  }
  if (path.toLowerCase().endsWith('.json')) return `${JSON.stringify(values, null, 2)}\n`;
  const lines = Object.entries(values).map(([id, value]) => `${id}: ${JSON.stringify(value)}`);
  return `# which-container answers: replay with \`which-container --answers ${path}\`\n${lines.join('\n')}\n`;
}

/** Writes through a temporary file and a rename, so an interrupted run leaves no half file. */
export async function saveAnswers(merged: MergedAnswers, questionOrder: readonly string[], path: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, formatAnswersFile(merged, questionOrder, path));
  await rename(temporary, path);
}
