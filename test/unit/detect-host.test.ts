// Host detection on root trees shaped like real systems: the answers each must yield, the file
// behind each, and the safety of reading a root: links never lead out, reads are bounded, and
// what cannot be read is noted, never a failure.
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM helper shared with the build, without type declarations
import { parseDataYaml } from '../../scripts/yaml-plugin.mjs';
import { detectHost } from '../../src/detect/host/detect-host.js';
import { RootFs } from '../../src/detect/host/root-fs.js';
import { compileRuleSet } from '../../src/engine/compile.js';
import { builtinRuleSet } from '../../src/engine/rule-set.js';
import { HostBaseSchema } from '../../src/schema.js';
import { fixtures, root } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

const compiled = compileRuleSet(builtinRuleSet);
const hosts = join(fixtures, 'hosts');

interface Expected {
  answers: Record<string, string>;
  evidence: Record<string, string>;
  verdict: string;
  engines?: string[];
  hostname?: string | null;
}
const expectedOf = (name: string): Expected =>
  JSON.parse(readFileSync(join(hosts, name, 'expected.json'), 'utf8'));

describe('detect --host on host fixtures', () => {
  const names = readdirSync(hosts);
  it('has the seven fixtures the issue asks for', () => {
    expect(names).toHaveLength(7);
  });
  for (const name of names) {
    it(`${name} yields its expected answers, each with the file that shows it`, async () => {
      const expected = expectedOf(name);
      const detection = await detectHost(compiled, join(hosts, name));
      const answers = Object.fromEntries(
        Object.entries(detection.answers).map(([id, a]) => [id, a.value]),
      );
      expect(answers).toEqual(expected.answers);
      for (const [question, file] of Object.entries(expected.evidence))
        expect(detection.answers[question]!.evidence.map((e) => e.file)).toContain(file);
      for (const answer of Object.values(detection.answers))
        for (const e of answer.evidence) {
          expect(e.file).toMatch(/^\//);
          expect(e.reason.length).toBeGreaterThan(5);
        }
      if (expected.engines)
        expect(detection.host.containerEngines.filter((e) => e.running).map((e) => e.name)).toEqual(
          expected.engines,
        );
      if (expected.hostname !== undefined) expect(detection.host.hostname).toBe(expected.hostname);
    });
  }

  it('reports host facts: name, distribution, PID 1, and whether it is itself a container', async () => {
    const lamp = await detectHost(compiled, join(hosts, 'lamp-puppet'));
    expect(lamp.host).toMatchObject({
      hostname: 'web01',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      init: 'systemd',
      container: null,
      containerEngines: [],
    });
    const container = await detectHost(compiled, join(hosts, 'container-one-service'));
    expect(container.host.container).toEqual({
      kind: 'docker',
      type: 'app',
      evidence: [{ file: '/.dockerenv', reason: 'Docker marks its containers with this file' }],
    });
    expect(container.host.init).toBe('node server.js');
  });

  it('leaves out the base system: distribution cron files, default timers, base services', async () => {
    const lamp = await detectHost(compiled, join(hosts, 'lamp-puppet'));
    expect(lamp.answers.processes!.evidence[0]!.reason).toBe(
      '3 service(s) start at boot beyond the base system: apache2, mariadb, memcached',
    );
    const cronFiles = lamp.answers.cron!.evidence.map((e) => e.file);
    expect(cronFiles).toEqual(['/etc/cron.d/backup-db', '/var/spool/cron/crontabs/deploy']);
  });
});

describe('reading a root safely', () => {
  /** A root with a secret beside it, and links that try to reach the secret. */
  function rootWithLinksOut() {
    const base = tempDir('host-root');
    const rootDir = join(base, 'root');
    mkdirSync(join(rootDir, 'etc'), { recursive: true });
    writeFileSync(join(base, 'secret'), 'OUTSIDE\n');
    writeFileSync(join(rootDir, 'etc', 'inside'), 'INSIDE\n');
    symlinkSync(join(base, 'secret'), join(rootDir, 'etc', 'absolute'));
    symlinkSync('../../secret', join(rootDir, 'etc', 'relative'));
    symlinkSync('/etc/inside', join(rootDir, 'etc', 'reroot'));
    symlinkSync('../../../../../etc/inside', join(rootDir, 'etc', 'clamped'));
    symlinkSync('loop', join(rootDir, 'etc', 'loop'));
    return { base, rootDir };
  }

  it('never reads through a link out of the root: absolute targets re-rooted, .. clamped', async () => {
    const { base, rootDir } = rootWithLinksOut();
    const fs = new RootFs(rootDir);
    expect(await fs.read('etc/absolute')).toBeUndefined(); // <root><base>/secret: absent
    expect(await fs.read('etc/relative')).toBeUndefined(); // .. stops at the root: <root>/secret
    expect(await fs.read('etc/reroot')).toBe('INSIDE\n');
    expect(await fs.read('etc/clamped')).toBe('INSIDE\n');
    expect(await fs.read('etc/loop')).toBeUndefined();
    expect(fs.notes).toContainEqual({
      path: '/etc/loop',
      reason: 'not followed: more than 40 links in a row',
    });
    for (const path of fs.opened) expect(path.startsWith(`${rootDir}/`)).toBe(true);
    expect(fs.opened.some((p) => p.startsWith(join(base, 'secret')))).toBe(false);
  });

  it('reads nothing outside the snapshot fixture, whose links point to files of this machine', async () => {
    const dir = join(hosts, 'snapshot-links-outside');
    const detection = await detectHost(compiled, dir);
    // /etc/hostname → /proc/sys/kernel/hostname exists on this machine, not in the snapshot.
    expect(detection.host.hostname).toBeNull();
    // /etc/passwd → /etc/passwd is itself inside the root: a loop, never this machine's file.
    expect(detection.skipped).toContainEqual({
      path: '/etc/passwd',
      reason: 'not followed: more than 40 links in a row',
    });
    expect(detection.answers.login).toBeUndefined();
    expect(detection.answers.cron).toBeUndefined();
    // A link to an absolute path resolves inside the root: through lib → usr/lib too.
    expect(detection.answers.processes!.evidence[0]!.reason).toContain('redis-server');
    const fs = new RootFs(dir);
    await fs.read('etc/cron.d/escape');
    await fs.read('var/spool/cron/crontabs/root');
    await fs.read('root/.ssh/authorized_keys');
    for (const path of fs.opened) expect(path.startsWith(`${dir}/`)).toBe(true);
  });

  it('bounds what it reads of a file, and reads a FIFO or a device never', async () => {
    const rootDir = tempDir('host-bounds');
    mkdirSync(join(rootDir, 'etc'));
    writeFileSync(join(rootDir, 'etc', 'big'), 'x'.repeat(5000));
    const fs = new RootFs(rootDir, { maxFileBytes: 1000, maxTotalBytes: 1500, maxDirEntries: 1 });
    expect(await fs.read('etc/big')).toHaveLength(1000);
    expect(fs.notes).toContainEqual({
      path: '/etc/big',
      reason: 'only the first 1000 bytes were read',
    });
    expect(await fs.read('etc/big')).toHaveLength(500);
    expect(await fs.read('etc/big')).toBeUndefined();
    writeFileSync(join(rootDir, 'etc', 'second'), '');
    expect(await fs.list('etc')).toHaveLength(1);
    const devices = new RootFs('/');
    expect(await devices.read('dev/null')).toBeUndefined();
    expect(devices.notes).toContainEqual({
      path: '/dev/null',
      reason: 'not read: not a regular file',
    });
  });

  // Root reads whatever the mode bits say: the e2e test runs the bin as nobody instead.
  it.skipIf(process.getuid?.() === 0)(
    'notes what it may not read, and gives less evidence rather than failing',
    async () => {
      const rootDir = tempDir('host-unreadable');
      mkdirSync(join(rootDir, 'etc'), { recursive: true });
      writeFileSync(join(rootDir, 'etc', 'crontab'), '* * * * * root /bin/job\n');
      chmodSync(join(rootDir, 'etc', 'crontab'), 0o000);
      const detection = await detectHost(compiled, rootDir);
      expect(detection.host.unreadable).toEqual(['/etc/crontab']);
      expect(detection.answers.cron).toBeUndefined();
    },
  );
});

describe('rules/host-base.yaml', () => {
  it('is valid against HostBaseSchema', () => {
    const path = join(root, 'rules', 'host-base.yaml');
    const data = parseDataYaml(readFileSync(path, 'utf8'), path);
    expect(HostBaseSchema.safeParse(data).success).toBe(true);
  });

  it('refuses a path that climbs out of the root', () => {
    const result = HostBaseSchema.shape.containerEngines.safeParse([
      { name: 'x', services: [], state: ['../etc/shadow'], programs: [] },
    ]);
    expect(result.success).toBe(false);
  });
});

describe('enabled units that are tasks, not services', () => {
  it('leaves oneshot units out of the service count, but not a wrapper that stands for instances', async () => {
    const dir = tempDir('host-oneshot');
    const unit = (name: string, body: string) => {
      mkdirSync(join(dir, 'usr/lib/systemd/system'), { recursive: true });
      writeFileSync(join(dir, 'usr/lib/systemd/system', name), body);
      mkdirSync(join(dir, 'etc/systemd/system/multi-user.target.wants'), { recursive: true });
      symlinkSync(
        `/usr/lib/systemd/system/${name}`,
        join(dir, 'etc/systemd/system/multi-user.target.wants', name),
      );
    };
    unit('nginx.service', '[Service]\nType=forking\nExecStart=/usr/sbin/nginx\n');
    unit(
      'zfs-mount.service',
      '[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/sbin/zfs mount -a\n',
    );
    unit('dmesg.service', '[Service]\nType=oneshot\nExecStart=/bin/journalctl --boot --dmesg\n');
    unit(
      'postgresql.service',
      '[Service]\nType=oneshot\nExecStart=/bin/true\nRemainAfterExit=on\n',
    );
    const detection = await detectHost(compiled, dir);
    expect(detection.answers.processes?.value).toBe('few');
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      '2 service(s) start at boot beyond the base system: nginx, postgresql',
    );
  });

  it('enables nothing by a link to a folder, and says so of an etc that is a file', async () => {
    const dir = tempDir('host-odd-links');
    mkdirSync(join(dir, 'etc/systemd/system/multi-user.target.wants'), { recursive: true });
    symlinkSync('../../', join(dir, 'etc/systemd/system/multi-user.target.wants/self.service'));
    expect((await detectHost(compiled, dir)).answers.processes).toBeUndefined();

    const flat = tempDir('host-etc-file');
    writeFileSync(join(flat, 'etc'), 'not a folder');
    const detection = await detectHost(compiled, flat);
    expect(detection.skipped).toContainEqual({
      path: '/etc',
      reason: 'not a folder, where one was expected',
    });
  });

  it("takes no kernel evidence inside a container: its proc/modules are the host's", async () => {
    const dir = tempDir('host-lxc');
    mkdirSync(join(dir, 'proc/1'), { recursive: true });
    writeFileSync(join(dir, 'proc/1/comm'), 'systemd\n');
    writeFileSync(join(dir, 'proc/1/cmdline'), '/sbin/init\0');
    writeFileSync(join(dir, 'proc/1/environ'), 'container=lxc\0TERM=linux\0');
    writeFileSync(
      join(dir, 'proc/modules'),
      'zfs 6463488 6 - Live 0x0000000000000000 (PO)\nspl 135168 1 zfs, Live 0x0000000000000000 (O)\n',
    );
    const detection = await detectHost(compiled, dir);
    expect(detection.host.container?.kind).toBe('lxc');
    expect(detection.answers.kernel).toBeUndefined();
  });

  it("reads openSUSE's run-crons line in etc/crontab as the distribution's, not a job", async () => {
    const dir = tempDir('host-suse-crontab');
    mkdirSync(join(dir, 'etc'), { recursive: true });
    writeFileSync(
      join(dir, 'etc/crontab'),
      'SHELL=/bin/sh\n-*/15 * * * *   root  test -x /usr/lib/cron/run-crons && /usr/lib/cron/run-crons >/dev/null 2>&1\n',
    );
    expect((await detectHost(compiled, dir)).answers.cron).toBeUndefined();
  });

  it("reads Alpine's crontabs once, through the spool's link to them, and notes nothing", async () => {
    const dir = tempDir('host-alpine-crontabs');
    mkdirSync(join(dir, 'etc/crontabs'), { recursive: true });
    mkdirSync(join(dir, 'var/spool/cron'), { recursive: true });
    writeFileSync(join(dir, 'etc/crontabs/root'), '*/5 * * * * /usr/local/bin/wan-check.sh\n');
    symlinkSync('/etc/crontabs', join(dir, 'var/spool/cron/crontabs'));
    const detection = await detectHost(compiled, dir);
    expect(detection.answers.cron?.evidence).toEqual([
      { file: '/etc/crontabs/root', reason: '1 scheduled job(s): /usr/local/bin/wan-check.sh' },
    ]);
    expect(detection.skipped).toEqual([]);
  });
});
