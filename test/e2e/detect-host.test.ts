// detect --host and --detect-host through the built bin: on this machine, on the host fixtures,
// unprivileged, into batch, and with a root that is not there.
import { chmodSync, cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, runBinUnprivileged } from '../support/cli.js';
import { fixtures } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

const hosts = join(fixtures, 'hosts');
const names = readdirSync(hosts);

describe('detect --host, end to end', () => {
  it('reads this machine: exit 0, answers with evidence, host facts', () => {
    const result = runBin(['detect', '--host', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const detection = JSON.parse(result.stdout);
    expect(detection.directory).toBe('/');
    expect(Object.keys(detection.answers).length).toBeGreaterThan(0);
    for (const answer of Object.values(detection.answers) as { evidence: { file: string }[] }[])
      expect(answer.evidence[0]!.file).toMatch(/^\//);
    expect(detection.host).toHaveProperty('hostname');
    expect(detection.host).toHaveProperty('unreadable');
    const text = runBin(['detect', '--host', '--no-color']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('itself a container');
    expect(text.stdout).toContain('Use them: which-container --detect-host /');
  });

  for (const name of names) {
    it(`--detect-host ${name} decides ${JSON.parse(readFileSync(join(hosts, name, 'expected.json'), 'utf8')).verdict}, every answer detected`, () => {
      const expected = JSON.parse(readFileSync(join(hosts, name, 'expected.json'), 'utf8'));
      const result = runBin(['--detect-host', join(hosts, name), '--json']);
      expect(result.code, result.stderr).toBe(0);
      const decision = JSON.parse(result.stdout);
      expect(decision.recommendation).toBe(expected.verdict);
      for (const answer of Object.values(decision.answers) as { source: string }[])
        expect(answer.source).toBe('detected');
    });
  }

  it('lets flags win over what the host shows', () => {
    const result = runBin([
      '--detect-host',
      join(hosts, 'lamp-puppet'),
      '--processes',
      'single',
      '--json',
    ]);
    const decision = JSON.parse(result.stdout);
    expect(decision.answers.processes).toEqual({ value: 'single', source: 'flag' });
    expect(decision.answers.init).toEqual({ value: 'yes', source: 'detected' });
  });

  it('writes one batch line per host, with the hostname as id, that batch accepts', () => {
    const lines = names.map((name) => {
      const result = runBin(['detect', '--host', join(hosts, name), '--format', 'line']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.split('\n')).toHaveLength(2);
      return result.stdout;
    });
    expect(JSON.parse(lines[names.indexOf('lamp-puppet')]!).id).toBe('web01');
    const live = runBin(['detect', '--host', '--format', 'line']);
    const batch = runBin(['batch'], { stdin: [...lines, live.stdout].join('') });
    expect(batch.code, batch.stderr).toBe(0);
    const results = batch.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(results).toHaveLength(names.length + 1);
    for (const r of results) expect(r.decision.recommendation).toMatch(/^(os|app|vm)$/);
  });

  it('gives less evidence, not a failure, when files cannot be read', () => {
    const copy = join(tempDir('host-unprivileged'), 'root');
    cpSync(join(hosts, 'lamp-puppet'), copy, { recursive: true, verbatimSymlinks: true });
    chmodSync(join(copy, '..'), 0o755);
    chmodSync(join(copy, 'etc', 'cron.d', 'backup-db'), 0o600);
    chmodSync(join(copy, 'var', 'spool', 'cron', 'crontabs'), 0o700);
    chmodSync(join(copy, 'etc', 'puppetlabs'), 0o700);
    const result = runBinUnprivileged(['detect', '--host', copy, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const detection = JSON.parse(result.stdout);
    expect(detection.host.unreadable).toEqual(
      expect.arrayContaining(['/etc/cron.d/backup-db', '/var/spool/cron/crontabs']),
    );
    expect(detection.answers.cron).toBeUndefined();
    expect(detection.answers.init.value).toBe('yes');
    const text = runBinUnprivileged(['detect', '--host', copy, '--no-color']);
    expect(text.stdout).toContain('as root there is more evidence');
    // Files looked for inside a folder one may not enter are not listed: the folder is.
    expect(detection.host.unreadable).not.toContain('/var/spool/cron/crontabs/root');
    // A root that cannot be entered at all: one line, exit 2, as for a root that is not there.
    chmodSync(copy, 0o700);
    expect(runBinUnprivileged(['detect', '--host', copy])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(
        /^which-container: detect --host ".*root": cannot be read \(permission denied\)\n$/,
      ),
    });
  });

  it('exits 2 with one line for a root that is not there or not a folder, or with --detect too', () => {
    expect(runBin(['detect', '--host', '/no/such/root'])).toMatchObject({
      code: 2,
      stderr: 'which-container: detect --host "/no/such/root": no such directory\n',
    });
    expect(
      runBin(['--detect-host', join(hosts, 'lamp-puppet', 'etc', 'hostname'), '--json']),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^which-container: --detect-host .*: not a directory\n$/),
    });
    expect(runBin(['--detect', '.', '--detect-host', '--json'])).toMatchObject({
      code: 2,
      stderr: 'which-container: --detect and --detect-host: give one of them\n',
    });
  });
});
