// Writes a file whole or not at all, never through a link or over something that is not a
// regular file: the answers a run saves (--save-answers) and a report written with -o.
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeErrno, OutputError, UsageError } from './errors.js';
import { quoteValue } from './render/visible.js';

export interface SaveOptions {
  /** How the file is named in a message: `--save-answers "a.yaml"`. */
  shown: string;
  /**
   * What a path that cannot be written is: a usage error (exit 2) for a side file such as saved
   * answers, or an output that could not be written (exit 5) when the file is the output.
   */
  unwritable: 'usage' | 'output';
}

/**
 * Saves through a temporary file created exclusively beside the target (a random name, never
 * through a link), synced, then renamed over it; the temporary file is removed on any failure.
 * Refuses an empty path and a path that exists and is not a regular file (a link, a device, a
 * FIFO, a socket, a directory): UsageError (exit 2). A disk that fills is an OutputError (exit 5).
 * A file replaced keeps its permission bits; as with any whole replacement, it is a new file,
 * so a hard link to the old one keeps the old content.
 */
export async function saveFile(path: string, text: string, options: SaveOptions): Promise<void> {
  const { shown } = options;
  if (path === '') throw new UsageError(`${shown}: the file name is empty; give the file to write`);
  let existing: Stats | undefined;
  try {
    existing = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw refused(options, error);
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
      // A file replaced keeps its permissions (a report kept private stays private).
      if (existing) await file.chmod(existing.mode & 0o7777);
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    if (created) await rm(temporary, { force: true });
    throw refused(options, error);
  }
}

/** `--save-answers "name"`: the flag and the file's name, made safe, for a message. */
export function shownPath(flag: string, path: string): string {
  return `${flag} ${quoteValue(path)}`;
}

function kindOf(info: Stats): string {
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** An output that fails midway is always exit 5; a path that cannot be written, as asked. */
function refused(options: SaveOptions, error: unknown): Error {
  const errno = error as NodeJS.ErrnoException;
  if (
    options.unwritable === 'output' ||
    ['ENOSPC', 'EIO', 'EDQUOT', 'EFBIG'].includes(errno.code ?? '')
  )
    return new OutputError(options.shown, errno);
  return new UsageError(`${options.shown}: cannot write it: ${describeErrno(errno)}`);
}
