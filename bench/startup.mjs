// Start-up time, against `node -e 0` measured side by side in the same run (rounds alternate,
// so a noisy neighbour slows all alike). Targets (SPEC.md): at most 1.3x for --help, a decision
// from flags and one from a JSON answers file; 1.6x from a YAML answers file; at most 2x for
// the first question on screen in a pseudo-terminal (run under `script`, against node writing
// one word under `script` the same way).
// Usage: npm run build && node bench/startup.mjs [RUNS=31]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median } from './support/run.mjs';

const runs = Number(process.argv[2] ?? 31);
const bin = fileURLToPath(new URL('../bin/which-container.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'which-container-startup-'));
const yamlAnswers = join(dir, 'answers.yaml');
writeFileSync(
  yamlAnswers,
  'schemaVersion: 1\nprocesses: "many"\ninit: "yes"\nconfigManagement: "puppet"\n',
);
const jsonAnswers = join(dir, 'answers.json');
writeFileSync(
  jsonAnswers,
  JSON.stringify({ schemaVersion: 1, processes: 'many', init: 'yes', configManagement: 'puppet' }),
);

const node = process.execPath;
const piped = {
  'node -e 0': [node, ['-e', '0']],
  '--help': [node, [bin, '--help']],
  'decision from flags, --format json': [
    node,
    [bin, '--processes', 'many', '--init', 'yes', '--format', 'json'],
  ],
  'decision from a JSON answers file': [node, [bin, '--answers', jsonAnswers, '--format', 'json']],
  'decision from a YAML answers file': [node, [bin, '--answers', yamlAnswers, '--format', 'json']],
};

/** Wall time of a whole run, stdout and stderr to pipes (as in a script or CI job). */
function timeRun([command, args]) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Time until `marker` shows in a pseudo-terminal running `commandLine`, then the run is ended. */
function timeToScreen(commandLine, marker) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('script', ['-q', '-c', commandLine, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { ...process.env, TERM: 'xterm' },
    });
    let seen = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`"${marker}" never appeared; the screen showed: ${seen}`));
    }, 20_000);
    child.stdout.on('data', (data) => {
      seen += data;
      if (!seen.includes(marker)) return;
      clearTimeout(timer);
      resolve(Number(process.hrtime.bigint() - started) / 1e6);
      child.kill('SIGKILL');
    });
  });
}

const times = Object.fromEntries(
  [...Object.keys(piped), 'pty: node writes a word', 'pty: first question on screen'].map((k) => [
    k,
    [],
  ]),
);
for (let i = 0; i < runs; i++) {
  for (const [name, command] of Object.entries(piped)) times[name].push(timeRun(command));
  times['pty: node writes a word'].push(
    await timeToScreen(`'${node}' -e "process.stdout.write('READY')"`, 'READY'),
  );
  times['pty: first question on screen'].push(
    await timeToScreen(`'${node}' '${bin}'`, '(1 of 16)'),
  );
}
rmSync(dir, { recursive: true, force: true });

const base = median(times['node -e 0']);
const ptyBase = median(times['pty: node writes a word']);
const targets = {
  '--help': 1.3,
  'decision from flags, --format json': 1.3,
  'decision from a JSON answers file': 1.3,
  'decision from a YAML answers file': 1.6,
};
console.log(`Node ${process.version}; medians of ${runs} runs, rounds alternating`);
console.log('| run | median | ratio | target |');
console.log('| --- | --- | --- | --- |');
for (const [name, list] of Object.entries(times)) {
  const pty = name.startsWith('pty:');
  const ratio = median(list) / (pty ? ptyBase : base);
  const target = name === 'pty: first question on screen' ? 2 : targets[name];
  const verdict =
    target === undefined
      ? '(baseline)'
      : `at most ${target}x: ${ratio <= target ? 'met' : 'NOT MET'}`;
  console.log(`| ${name} | ${fmt(median(list), 1)} ms | ${fmt(ratio, 2)}x | ${verdict} |`);
}
