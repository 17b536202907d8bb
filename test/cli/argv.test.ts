// argv → behaviour, in-process: exit codes, which stream gets what, and the messages.
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

describe('argv table', () => {
  const table: {
    argv: string[];
    code: number;
    stdout?: RegExp;
    stderr?: RegExp;
    stdin?: string;
  }[] = [
    { argv: ['--processes', 'many'], code: 0, stdout: /^Recommendation: OS \(system\) container/ },
    {
      argv: ['--processes', 'single', '--json'],
      code: 0,
      stdout:
        /^\{\n {2}"schemaVersion": 1,\n {2}"article": "System Containers and App Containers \(2015, published as a draft\)",\n {2}"recommendation": "app"/,
    },
    {
      argv: ['--processes', 'single', '--format', 'json'],
      code: 0,
      stdout: /"recommendation": "app"/,
    },
    {
      argv: ['--processes', 'single', '--format', 'markdown'],
      code: 0,
      stdout:
        /^---\nstatus: proposed\ndate: 2026-01-02\n---\n\n# Run the workload in an application container/,
    },
    { argv: ['--kernel', 'own', '--json'], code: 0, stdout: /"recommendation": "vm"/ },
    { argv: ['--processes', 'single'], code: 0, stdout: /Unanswered \(15\)/ },
    {
      argv: ['--processes', 'unsure', '--kernel', 'shared'],
      code: 2,
      stderr:
        /^which-container: no answer given is evidence for either container type, so there is no verdict.\nAnswer one of the most decisive questions: --orchestrator, --processes, --architecture/,
    },
    {
      argv: ['--help'],
      code: 0,
      stdout:
        /Usage: which-container \[options\] \[command\][\s\S]*--vm-like <value>[\s\S]*\(yes\|no\|unsure\)[\s\S]*Exit codes:/,
    },
    { argv: ['--version'], code: 0, stdout: /^\d+\.\d+\.\d+\n$/ },
    { argv: [], code: 2, stderr: /no answers given, and no terminal[\s\S]*--answers -/ },
    { argv: ['--no-input'], code: 2, stderr: /no answers given/ },
    {
      argv: ['--processes', 'lots'],
      code: 2,
      stderr: /--processes: "lots" is not allowed; expected one of: single, few, many, unsure/,
    },
    {
      argv: ['--processes', 'lots', '--vm-like', 'maybe'],
      code: 2,
      stderr:
        /2 bad flag values:\n {2}--processes: .*\n {2}--vm-like: "maybe" is not allowed; expected one of: yes, no, unsure/,
    },
    { argv: ['--processes'], code: 2, stderr: /^which-container: --processes needs a value\n/ },
    { argv: ['--colour', 'red'], code: 2, stderr: /^which-container: unknown option --colour\n/ },
    {
      argv: ['--processes', 'many', '--format', 'xml'],
      code: 2,
      stderr:
        /^which-container: --format: "xml" is not allowed; expected one of: text, json, markdown\n/,
    },
    {
      argv: ['--processes', 'many', '--json', '--format', 'text'],
      code: 2,
      stderr: /--json conflicts with --format text/,
    },
    {
      argv: ['--processes', 'many', '--strict'],
      code: 2,
      stderr: /--strict: 15 question\(s\) unanswered: --architecture, --init/,
    },
    {
      argv: ['frob'],
      code: 2,
      stderr:
        /unexpected argument "frob"; expected a command \(questions, rules, schema, detect, batch, report\) or options only/,
    },
    {
      argv: ['report', 'results.jsonl', 'extra'],
      code: 2,
      stderr:
        /^which-container: report: unexpected argument "extra"; it takes \[file\]\n\(see `which-container report --help`\)\n$/,
    },
    {
      argv: ['rules', 'check', 'a.yaml', 'b.yaml'],
      code: 2,
      stderr:
        /^which-container: rules check: unexpected argument "b.yaml"; it takes <file>\n\(see `which-container rules check --help`\)\n$/,
    },
    {
      argv: ['detect', '--frob'],
      code: 2,
      stderr:
        /^which-container: detect: unknown option --frob\n\(see `which-container detect --help`\)/,
    },
    {
      argv: ['schema'],
      code: 2,
      stderr: /missing the schema name; expected one of: answers, decision, rules/,
    },
    { argv: ['schema', 'nope'], code: 2, stderr: /unknown schema "nope"/ },
    {
      argv: ['questions', '--format', 'yaml'],
      code: 2,
      stderr: /--format: "yaml" is not allowed; expected one of: text, json\n/,
    },
    {
      argv: ['--answers', '/no/such/file.yaml'],
      code: 3,
      stderr: /^which-container: \/no\/such\/file.yaml: cannot be read: no such file\n$/,
    },
    {
      argv: ['--answers', '-'],
      stdin: 'processes: lots\n',
      code: 3,
      stderr: /<stdin>:1: processes: "lots" is not allowed/,
    },
    {
      argv: ['questions'],
      code: 0,
      stdout: /^1\. processes {2}--processes single\|few\|many\|unsure/,
    },
    { argv: ['rules'], code: 0, stdout: /^single-service {2}app \+3\n {2}if processes = single/ },
  ];

  for (const row of table) {
    it(`${row.argv.join(' ') || '(no arguments)'} → exit ${row.code}`, async () => {
      const result = await runCli(row.argv, { stdin: row.stdin });
      expect(result.code, result.stderr).toBe(row.code);
      if (row.stdout) expect(result.stdout).toMatch(row.stdout);
      if (row.stderr) expect(result.stderr).toMatch(row.stderr);
      // Data on stdout only when it succeeded; diagnostics only on stderr; no stack traces.
      if (row.code !== 0) expect(result.stdout).toBe('');
      if (row.code === 0) expect(result.stderr).toBe('');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('prints the stack trace of an internal error only with --debug', async () => {
    // A stdout that fails on write is a fault no user input can cause: the internal-error path.
    const { main } = await import('../../src/cli/main.js');
    const broken = async (argv: string[]) => {
      let stderr = '';
      const code = await main(argv, {
        stdout: {
          write: () => {
            throw new Error('disk on fire');
          },
        },
        stderr: {
          write: (s: string) => {
            stderr += s;
            return true;
          },
        },
        stdin: process.stdin,
        env: {},
        now: () => new Date(),
      });
      return { code, stderr };
    };
    const quiet = await broken(['--processes', 'many']);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toMatch(
      /^which-container: internal error: disk on fire\. This is a bug; please report it at .* \(add --debug for the stack trace\)\n$/,
    );
    const loud = await broken(['--processes', 'many', '--debug']);
    expect(loud.code).toBe(1);
    expect(loud.stderr).toMatch(/\n\s+at /);
  });
});
