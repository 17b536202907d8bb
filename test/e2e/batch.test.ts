// batch as a process: a reader that closes early, signals mid-stream, a whole file.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, STOP_SIGNALS, spawnBin, spawnShell } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir('batch-e2e');
const big = join(dir, 'big.jsonl');
writeFileSync(big, '{"id":"w","answers":{"processes":"many","init":"yes"}}\n'.repeat(100_000));

describe('batch, end to end', () => {
  it('classifies a file and exits 0, with the summary on stderr', () => {
    const r = spawnSync(process.execPath, [bin, 'batch', big], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(100_001); // and a final newline
    expect(JSON.parse(lines[99_999]!)).toMatchObject({
      line: 100_000,
      id: 'w',
      decision: { recommendation: 'os' },
    });
    expect(r.stderr).toBe(
      `which-container: batch: 100000 lines from ${big}: 100000 decided (os 100000, app 0, vm 0), 0 failed\n`,
    );
  });

  it('ends quietly when the reader stops early (| head -1)', () => {
    const r = spawnShell(`"${process.execPath}" "${bin}" batch "${big}" | head -1`, 0);
    expect(r.stdout).toMatch(/^\{"line":1,"id":"w","decision":\{/);
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  for (const [signal, code] of STOP_SIGNALS) {
    it(`stops on ${signal} with exit ${code}, every line written whole`, async () => {
      // Lines keep coming and stdin never closes: the signal is what ends the run.
      const result = await spawnBin(['batch'], 'pipe', (child) => {
        const feed = setInterval(
          () => child.stdin.write('{"processes":"single"}\n{"processes":"many"}\n'.repeat(200)),
          5,
        );
        child.stdout.once('data', () =>
          setTimeout(() => {
            child.kill(signal);
            clearInterval(feed);
          }, 100),
        );
      });
      expect(result.code).toBe(code);
      expect(result.stdout.endsWith('\n')).toBe(true);
      const lines = result.stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.length).toBeGreaterThan(0);
      lines.forEach((l, i) => {
        expect(l.line).toBe(i + 1);
      });
      expect(result.stderr).toMatch(
        /^which-container: batch: \d+ lines from stdin: \d+ decided .*; stopped by a signal\n$/,
      );
    });
  }
});
