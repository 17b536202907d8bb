// Writes merged answers in the answers-file format, so a run can be replayed exactly. The file
// is written whole or not at all, never through a link or over something that is not a file.
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeErrno, OutputError, UsageError } from '../errors.js';
import { visible } from '../render/visible.js';
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
 * Saves through a temporary file created exclusively beside the target (a random name, never
 * through a link), synced, then renamed over it; the temporary file is removed on any failure.
 * Refuses an empty path and a path that exists and is not a regular file (a link, a device, a
 * FIFO, a socket, a directory): UsageError (exit 2). A disk that fills is an OutputError (exit 5).
 */
export async function saveAnswers(
  answers: Readonly<Answers>,
  questionOrder: readonly string[],
  path: string,
  flag = '--save-answers',
): Promise<void> {
  const shown = `${flag} ${JSON.stringify(visible(path))}`;
  if (path === '') throw new UsageError(`${flag}: the file name is empty; give the file to write`);
  let existing: Stats | undefined;
  try {
    existing = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw refused(shown, error);
  }
  if (existing && !existing.isFile()) {
    throw new UsageError(
      `${shown}: it is ${kindOf(existing)}, not a regular file; give a file to write (it is replaced whole)`,
    );
  }
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  let created = false;
  try {
    const file = await open(temporary, 'wx', 0o644);
    created = true;
    try {
      await file.writeFile(formatAnswersFile(answers, questionOrder, path));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    if (created) await rm(temporary, { force: true });
    throw refused(shown, error);
  }
}

function kindOf(info: Stats): string {
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** A path that cannot be written is a usage error; an output that fails midway is exit 5. */
function refused(shown: string, error: unknown): Error {
  const errno = error as NodeJS.ErrnoException;
  if (['ENOSPC', 'EIO', 'EDQUOT', 'EFBIG'].includes(errno.code ?? ''))
    return new OutputError(shown, errno);
  return new UsageError(`${shown}: cannot write it: ${describeErrno(errno)}`);
}
