// Reads a Linux root tree safely: a mounted image, an extracted snapshot, or `/` itself. Paths
// are resolved by hand, one component at a time, so a symbolic link never leads out of the
// root: an absolute target starts again at the root, `..` stops at it, and a chain of links
// ends after MAX_LINK_HOPS. Only regular files are read, opened without following a link and
// without blocking (a FIFO never hangs a run), and reads are bounded per file, per folder and
// in all. A file that cannot be read is noted, never a failure. Nothing is run.
import { constants, type Dirent, type Stats } from 'node:fs';
import { lstat, open, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';

/** Links followed while resolving one path, at most (Linux's own limit is 40). */
const MAX_LINK_HOPS = 40;

export interface RootLimits {
  /** Bytes read of one file, at most. */
  maxFileBytes: number;
  /** Bytes read in all, at most. */
  maxTotalBytes: number;
  /** Entries listed of one folder, at most. */
  maxDirEntries: number;
}

export const HOST_LIMITS: RootLimits = {
  maxFileBytes: 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  maxDirEntries: 4096,
};

export interface Note {
  path: string;
  reason: string;
}

export interface Entry {
  name: string;
  kind: 'file' | 'dir' | 'link' | 'other';
}

export class RootFs {
  readonly notes: Note[] = [];
  /** Paths that could not be read for want of permission (EACCES, EPERM). */
  readonly unreadable: string[] = [];
  filesRead = 0;
  bytesRead = 0;
  entries = 0;
  /** Every file opened and folder listed, as a path on this machine (the tests check them). */
  readonly opened: string[] = [];
  private readonly stats = new Map<string, Promise<Stats | NodeJS.ErrnoException>>();
  /** Files of which only the start was read, by their path inside the root. */
  private readonly partial = new Set<string>();

  constructor(
    /** An absolute path: `/` for this machine. */
    readonly root: string,
    private readonly limits: RootLimits = HOST_LIMITS,
  ) {}

  /** `/etc/crontab` for `etc/crontab`: how a path inside the root is shown. */
  show(path: string): string {
    return `/${path}`;
  }

  /**
   * The path, relative to the root, that `path` leads to with every link followed inside the
   * root; undefined when it does not exist or cannot be reached. With `followLast` false, a
   * final link is not followed (to read where it points).
   */
  async resolve(path: string, followLast = true): Promise<string | undefined> {
    const pending = split(path).reverse();
    const done: string[] = [];
    let hops = 0;
    while (pending.length > 0) {
      const part = pending.pop()!;
      if (part === '..') {
        done.pop(); // at the root, `..` is the root
        continue;
      }
      const candidate = [...done, part].join('/');
      const info = await this.lstat(candidate);
      if (info instanceof Error) {
        // Looking inside a folder one may not search, or inside a file, says something of the
        // folder (or file) on the way, not of what was looked for (which may not exist).
        const parent = done.join('/');
        if (info.code === 'ENOTDIR') this.note(parent, 'not a folder, where one was expected');
        else if (info.code === 'EACCES') this.cannot(parent, info);
        else if (info.code !== 'ENOENT') this.cannot(candidate, info);
        return undefined;
      }
      if (info.isSymbolicLink() && (pending.length > 0 || followLast)) {
        if (++hops > MAX_LINK_HOPS) {
          this.note(path, `not followed: more than ${MAX_LINK_HOPS} links in a row`);
          return undefined;
        }
        let target: string;
        try {
          target = await readlink(join(this.root, candidate));
        } catch (error) {
          this.cannot(candidate, error as NodeJS.ErrnoException);
          return undefined;
        }
        // An absolute target is read inside the root, never on this machine.
        if (target.startsWith('/')) done.length = 0;
        pending.push(...split(target).reverse());
        continue;
      }
      done.push(part);
    }
    return done.join('/');
  }

  /** Whether `path` exists (links followed inside the root). */
  async exists(path: string): Promise<boolean> {
    return (await this.resolve(path)) !== undefined;
  }

  /** What kind of entry `path` leads to, links followed inside the root. */
  async kind(path: string): Promise<Entry['kind'] | undefined> {
    const real = await this.resolve(path);
    if (real === undefined) return undefined;
    const info = await this.lstat(real);
    return info instanceof Error ? undefined : kindOf(info);
  }

  /** Where the link at `path` points, as written (not followed); undefined if it is no link. */
  async linkTarget(path: string): Promise<string | undefined> {
    const real = await this.resolve(path, false);
    if (real === undefined) return undefined;
    const info = await this.lstat(real);
    if (info instanceof Error || !info.isSymbolicLink()) return undefined;
    try {
      return await readlink(join(this.root, real));
    } catch (error) {
      this.cannot(real, error as NodeJS.ErrnoException);
      return undefined;
    }
  }

  /** The start of a regular file as text, at most maxFileBytes; undefined if absent or unreadable. */
  async read(path: string): Promise<string | undefined> {
    const real = await this.resolve(path);
    if (real === undefined) return undefined;
    const most = Math.min(this.limits.maxFileBytes, this.limits.maxTotalBytes - this.bytesRead);
    if (most <= 0) {
      this.note(real, `not read: ${this.limits.maxTotalBytes} bytes were read in all already`);
      return undefined;
    }
    const onDisk = join(this.root, real);
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(
        onDisk,
        constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | constants.O_NOCTTY,
      );
    } catch (error) {
      this.cannot(real, error as NodeJS.ErrnoException);
      return undefined;
    }
    this.opened.push(onDisk);
    try {
      if (!(await handle.stat()).isFile()) {
        this.note(real, 'not read: not a regular file');
        return undefined;
      }
      // Files under /proc say their size is 0: read until the end, or the bound.
      const buffer = Buffer.alloc(Math.min(most, 64 * 1024));
      const chunks: Buffer[] = [];
      let total = 0;
      while (total < most) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, most - total));
        if (bytesRead === 0) break;
        chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
        total += bytesRead;
      }
      if (total >= most && (await handle.read(Buffer.alloc(1), 0, 1)).bytesRead > 0) {
        this.note(real, `only the first ${total} bytes were read`);
        this.partial.add(real);
      }
      this.filesRead += 1;
      this.bytesRead += total;
      return Buffer.concat(chunks).toString('utf8');
    } catch (error) {
      this.cannot(real, error as NodeJS.ErrnoException);
      return undefined;
    } finally {
      await handle.close();
    }
  }

  /** Whether only the start of the file at `path` was read (it passed the bound). */
  async readInPart(path: string): Promise<boolean> {
    const real = await this.resolve(path);
    return real !== undefined && this.partial.has(real);
  }

  /** The entries of a folder, sorted by name, at most maxDirEntries; [] if absent or unreadable. */
  async list(path: string): Promise<Entry[]> {
    const real = await this.resolve(path);
    if (real === undefined) return [];
    const onDisk = join(this.root, real);
    let dirents: Dirent[];
    try {
      dirents = await readdir(onDisk, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTDIR' && code !== 'ENOENT')
        this.cannot(real, error as NodeJS.ErrnoException);
      return [];
    }
    this.opened.push(onDisk);
    dirents.sort((a, b) => (a.name < b.name ? -1 : 1));
    if (dirents.length > this.limits.maxDirEntries) {
      this.note(real, `only the first ${this.limits.maxDirEntries} entries were looked at`);
      dirents = dirents.slice(0, this.limits.maxDirEntries);
    }
    this.entries += dirents.length;
    return dirents.map((d) => ({ name: d.name, kind: kindOf(d) }));
  }

  private lstat(path: string): Promise<Stats | NodeJS.ErrnoException> {
    let found = this.stats.get(path);
    if (found === undefined) {
      found = lstat(join(this.root, path)).catch((error: NodeJS.ErrnoException) => error);
      this.stats.set(path, found);
    }
    return found;
  }

  private cannot(path: string, error: NodeJS.ErrnoException): void {
    const code = error.code ?? 'error';
    if (code === 'EACCES' || code === 'EPERM') {
      if (!this.unreadable.includes(this.show(path))) this.unreadable.push(this.show(path));
    }
    if (code === 'ELOOP') this.note(path, 'not read: a symbolic link');
    else this.note(path, `cannot be read (${code})`);
  }

  private note(path: string, reason: string): void {
    const shown = this.show(path);
    if (!this.notes.some((n) => n.path === shown && n.reason === reason))
      this.notes.push({ path: shown, reason });
  }
}

function split(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}

function kindOf(d: Dirent | Stats): Entry['kind'] {
  if (d.isSymbolicLink()) return 'link';
  if (d.isDirectory()) return 'dir';
  if (d.isFile()) return 'file';
  return 'other';
}
