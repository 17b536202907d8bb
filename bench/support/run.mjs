// Shared helpers for the benchmarks: run a command many times, take medians.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const measureScript = fileURLToPath(new URL('./measure.mjs', import.meta.url));

/** Runs `node measure.mjs script args` with stdin from a file (or none) and stdout to /dev/null. */
export function runNode(script, args, { stdinFile, nodeArgs = [] } = {}) {
  return new Promise((resolve, reject) => {
    const stdin = stdinFile ? openSync(stdinFile, 'r') : 'ignore';
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [...nodeArgs, measureScript, script, ...args], {
      stdio: [stdin, 'ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let report = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdio[3].on('data', (d) => (report += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (typeof stdin === 'number') closeSync(stdin);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const { maxRssKiB } = report ? JSON.parse(report) : { maxRssKiB: NaN };
      resolve({ code, seconds, maxRssMiB: maxRssKiB / 1024, stderr });
    });
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
