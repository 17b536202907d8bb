// The folder detect reads (a repository, or a host's root), checked before anything is read:
// its own small module, so that host detection does not load the repository scanners.
import { constants, type Stats } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { quoteValue } from '../render/visible.js';

/** A usage error (exit 2) naming `flag` unless `path` is an existing folder. */
export async function mustBeDirectory(path: string, flag: string): Promise<void> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch {
    throw new UsageError(`${flag} ${quoteValue(path)}: no such directory`);
  }
  if (!info.isDirectory()) throw new UsageError(`${flag} ${quoteValue(path)}: not a directory`);
  // A folder this user may not list or enter gives no evidence at all: said, not guessed at.
  try {
    await access(path, constants.R_OK | constants.X_OK);
  } catch {
    throw new UsageError(`${flag} ${quoteValue(path)}: cannot be read (permission denied)`);
  }
}
