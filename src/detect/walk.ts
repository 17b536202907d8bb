// Walks a directory safely: reads only, never follows a symbolic link (so never leaves the
// directory through one), skips .git, installed and vendored dependencies, and a build's output
// folder when the build's manifest sits beside it; stops at bounds on files seen, bytes per file
// and bytes in all. Everything it passes over is reported, with why.

import { constants, type Dirent } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Folders of other people's code or of tools' state: never the project's own deployment. */
const SKIPPED_DIRECTORIES: ReadonlyMap<string, string> = new Map([
  ['.git', 'version-control data'],
  ['.hg', 'version-control data'],
  ['.svn', 'version-control data'],
  ['node_modules', 'installed dependencies'],
  ['bower_components', 'installed dependencies'],
  ['vendor', 'vendored dependencies'],
  ['third_party', 'vendored dependencies'],
  ['.venv', 'a Python virtual environment'],
  ['venv', 'a Python virtual environment'],
  ['__pycache__', 'compiled Python'],
  ['.terraform', "Terraform's downloaded providers and modules"],
  ['.tox', "tox's environments"],
]);

/** Folders a build writes, skipped only beside the manifest of that build. */
const BUILD_OUTPUTS = new Set(['dist', 'target', 'build', 'out']);
const BUILD_MANIFESTS = [
  'package.json',
  'Cargo.toml',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'go.mod',
  'pyproject.toml',
  'setup.py',
  'CMakeLists.txt',
];

export interface WalkLimits {
  /** Entries (files and folders) looked at, at most. */
  maxEntries: number;
  /** Bytes read of one file, at most; the rest of a larger file is not read. */
  maxFileBytes: number;
  /** Bytes read in all, at most. */
  maxTotalBytes: number;
}

export const DEFAULT_LIMITS: WalkLimits = {
  maxEntries: 100_000,
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
};

export interface Skipped {
  path: string;
  reason: string;
}

export interface WalkResult {
  /** Files wanted and read: relative path → text. */
  files: { path: string; name: string; text: string; binary: boolean }[];
  entries: number;
  bytesRead: number;
  skipped: Skipped[];
}

/** Walks `root`, reading the files `wants` asks for. */
export async function walk(
  root: string,
  wants: (path: string, name: string) => boolean,
  limits: WalkLimits = DEFAULT_LIMITS,
): Promise<WalkResult> {
  const result: WalkResult = { files: [], entries: 0, bytesRead: 0, skipped: [] };
  // Breadth first, so the bounds cut the deepest corners first.
  const queue: string[] = [''];
  for (let next = 0; next < queue.length; next++) {
    const relative = queue[next]!;
    let entries: Dirent[];
    try {
      entries = (await readdir(join(root, relative), { withFileTypes: true })).sort((a, b) =>
        a.name < b.name ? -1 : 1,
      );
    } catch (error) {
      result.skipped.push({ path: relative || '.', reason: `cannot be read (${codeOf(error)})` });
      continue;
    }
    for (const entry of entries) {
      const { name } = entry;
      const path = relative ? `${relative}/${name}` : name;
      if (result.entries >= limits.maxEntries) {
        result.skipped.push({
          path,
          reason: `and everything after it: the scan stops at ${limits.maxEntries} entries`,
        });
        return result;
      }
      result.entries += 1;
      if (entry.isSymbolicLink()) {
        // A link may point anywhere, outside the directory too: it is never followed.
        if (wants(path, name))
          result.skipped.push({ path, reason: 'a symbolic link (links are never followed)' });
        continue;
      }
      if (entry.isDirectory()) {
        const why = skippedFolder(name, entries);
        // Every folder passed over is said, with why.
        if (why) result.skipped.push({ path, reason: `skipped: ${why}` });
        else queue.push(path);
        continue;
      }
      if (!entry.isFile() || !wants(path, name)) continue;
      if (result.bytesRead >= limits.maxTotalBytes) {
        result.skipped.push({
          path,
          reason: `not read: ${limits.maxTotalBytes} bytes were read in all already`,
        });
        continue;
      }
      try {
        const { text, size, read } = await readStart(
          join(root, path),
          Math.min(limits.maxFileBytes, limits.maxTotalBytes - result.bytesRead),
        );
        result.bytesRead += read;
        const binary = text.includes('\u0000');
        result.files.push({
          path,
          name,
          text: binary ? '' : text,
          binary,
          ...(size > read ? { partial: true as const } : {}),
        });
        if (size > read)
          result.skipped.push({ path, reason: `only the first ${read} bytes were read` });
      } catch (error) {
        result.skipped.push({ path, reason: `cannot be read (${codeOf(error)})` });
      }
    }
  }
  return result;
}

async function readStart(
  path: string,
  most: number,
): Promise<{ text: string; size: number; read: number }> {
  // O_NOFOLLOW: a file swapped for a link after the listing is refused, not followed;
  // O_NONBLOCK: one swapped for a FIFO is opened without waiting, and then refused below.
  const handle = await open(
    path,
    constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY,
  );
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    const { size } = info;
    const buffer = Buffer.alloc(Math.min(size, most));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { text: buffer.subarray(0, bytesRead).toString('utf8'), size, read: bytesRead };
  } finally {
    await handle.close();
  }
}

/** Why a folder is not walked, given the entries beside it; undefined to walk it. */
function skippedFolder(name: string, siblings: readonly Dirent[]): string | undefined {
  const why = SKIPPED_DIRECTORIES.get(name);
  if (why) return why;
  if (!BUILD_OUTPUTS.has(name)) return undefined;
  const manifest = BUILD_MANIFESTS.find((m) => siblings.some((s) => s.isFile() && s.name === m));
  return manifest ? `build output (beside ${manifest})` : undefined;
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}
