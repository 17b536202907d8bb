// Installs the package the way users get it, and checks that it works: `npm pack`, then in an
// empty directory `npx --yes ./which-container-<version>.tgz …`, then the library and its type
// declarations from the installed tarball. Run by .ci/run on every run; `npm run check:package`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDataYaml } from './yaml-plugin.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const questionsFile = join(root, 'rules/questions.yaml');
const questionCount = parseDataYaml(readFileSync(questionsFile, 'utf8'), questionsFile).questions
  .length;
const work = mkdtempSync(join(tmpdir(), 'which-container-package-'));
const run = (command, args, cwd = work) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const fail = (message) => {
  console.error(`check-package: ${message}`);
  process.exit(1);
};

try {
  // 1. The tarball holds only what running needs.
  const empty = join(work, 'empty');
  mkdirSync(empty);
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', empty], root))[0];
  const files = packed.files.map((f) => f.path);
  const unwanted = files.filter(
    (f) =>
      !/^(bin\/|dist\/|package\.json$|README\.md$|LICENSE)/.test(f) || /\.test\.|\.map$/.test(f),
  );
  if (unwanted.length > 0)
    fail(`the tarball holds files running does not need: ${unwanted.join(', ')}`);
  if (files.some((f) => f.startsWith('src/') || f.startsWith('test/')))
    fail('the tarball holds sources or tests');
  const tarball = join(empty, packed.filename);
  console.log(
    `check-package: ${packed.filename}: ${files.length} files, ${packed.size} bytes packed`,
  );

  // 2. npx runs it from the tarball, in a directory that holds nothing else, exactly as users type it.
  const out = run(
    'npx',
    ['--yes', `./${packed.filename}`, '--processes', 'many', '--format', 'json'],
    empty,
  );
  const decision = JSON.parse(out);
  if (decision.schemaVersion !== 1 || decision.recommendation !== 'os')
    fail(`npx gave an unexpected decision: ${out.slice(0, 200)}`);
  console.log('check-package: npx --yes ./<tarball> --processes many --format json: ok');

  // 3. The library and its types, installed from the tarball.
  const consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  run('npm', ['install', '--no-audit', '--no-fund', tarball], consumer);
  // The CLI needs no runtime dependency (the build bundles them); the library's types need zod.
  const installed = JSON.parse(run('npm', ['ls', '--all', '--json'], consumer));
  const names = [];
  const collect = (deps = {}) => {
    for (const [name, dep] of Object.entries(deps)) {
      names.push(name);
      collect(dep.dependencies);
    }
  };
  collect(installed.dependencies);
  if (names.length > 2)
    fail(`installing the tarball brings ${names.length} packages: ${names.join(', ')}`);
  console.log(
    `check-package: installing the tarball brings ${names.length} packages: ${names.join(', ')}`,
  );
  const library = run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { decide, questions } from 'which-container'; const d = decide({ kernel: 'own' }); console.log(d.recommendation, questions.length)",
    ],
    consumer,
  ).trim();
  if (library !== `vm ${questionCount}`) fail(`the library gave "${library}"`);
  writeFileSync(
    join(consumer, 'use.ts'),
    [
      "import { decide, AnswersError, type Answers, type Decision } from 'which-container';",
      "const answers: Answers = { processes: 'many', kernel: 'shared' };",
      'const decision: Decision = decide(answers);',
      "const verdict: 'os' | 'app' | 'vm' = decision.recommendation;",
      'export const seen = [verdict, AnswersError.name];',
      '// @ts-expect-error: not a value of processes',
      "export const wrong: Answers = { processes: 'lots' };",
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      files: ['use.ts'],
    }),
  );
  try {
    run(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', consumer],
      consumer,
    );
  } catch (error) {
    fail(`the type declarations do not type-check a consumer:\n${error.stdout}${error.stderr}`);
  }
  console.log('check-package: the library and its types work from the installed tarball');
} finally {
  rmSync(work, { recursive: true, force: true });
  for (const f of readdirSync(root)) if (f.endsWith('.tgz')) rmSync(join(root, f));
}
