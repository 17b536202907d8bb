// Temporary directories for tests, each removed when the tests of its file have run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty directory under the system's temporary folder. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `which-container-${name}-`));
  made.push(dir);
  return dir;
}
