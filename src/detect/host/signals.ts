// The signals a system's files give, each a finding with the file under the root and why:
// scheduled jobs, people who log in, configuration management, the kernel, package updates and
// container engines. Names a distribution ships are left out (rules/host-base.yaml).
import { type Finding, listOf, short, unitCommand } from '../types.js';
import { hostBase, matchesAny } from './base.js';
import type { RootFs } from './root-fs.js';
import type { EnabledUnit } from './units.js';

type Add = (finding: Finding) => void;

/** A cron line's command, or undefined for a comment, a variable or a blank line. */
function cronCommand(line: string, withUser: boolean): string | undefined {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#') || /^[A-Za-z_][\w]*\s*=/.test(trimmed))
    return undefined;
  const fields = trimmed.split(/\s+/);
  const timeFields = fields[0]!.startsWith('@') ? 1 : 5;
  const command = fields.slice(timeFields + (withUser ? 1 : 0)).join(' ');
  return command === '' ? undefined : command;
}

/** The distribution's own lines: run-parts of the periodic folders, anacron. */
function isRunParts(command: string): boolean {
  // run-parts, anacron, busybox's periodic folders, openSUSE's run-crons.
  return /\brun-parts\b|\banacron\b|\/etc\/periodic\/|\/run-crons\b/.test(command);
}

/** Jobs a crontab runs beyond the distribution's own. */
function jobsOf(text: string, withUser: boolean): string[] {
  return text
    .split('\n')
    .map((line) => cronCommand(line, withUser))
    .filter((c): c is string => c !== undefined && !isRunParts(c));
}

/** Files package managers and editors leave beside a configuration file: they never run. */
const LEFTOVER = /(~|\.dpkg-\w+|\.rpm\w+|\.apk-new|\.swp)$/;

/** Cron jobs, periodic scripts and systemd timers beyond a distribution's; ansible-pull among them. */
export async function scanCron(fs: RootFs, units: readonly EnabledUnit[], add: Add): Promise<void> {
  const seen: { file: string; command: string }[] = [];
  const crontab = async (path: string, withUser: boolean) => {
    const text = await fs.read(path);
    if (text === undefined) return;
    const jobs = jobsOf(text, withUser);
    if (jobs.length === 0) return;
    const file = fs.show(path);
    const cut = await fs.readInPart(path);
    for (const command of jobs) seen.push({ file, command });
    add({
      question: 'cron',
      value: 'yes',
      strength: 3,
      file,
      reason: `${cut ? 'at least ' : ''}${jobs.length} scheduled job(s)${cut ? ' (only the start of the file was read)' : ''}: ${jobs
        .slice(0, 3)
        .map((j) => short(j, 50))
        .join('; ')}${jobs.length > 3 ? '; …' : ''}`,
    });
  };
  await crontab('etc/crontab', true);
  for (const entry of await fs.list('etc/cron.d')) {
    if (entry.kind === 'dir' || entry.name.startsWith('.')) continue;
    if (matchesAny(entry.name, hostBase.defaultCronFiles)) continue;
    if (LEFTOVER.test(entry.name)) continue;
    await crontab(`etc/cron.d/${entry.name}`, true);
  }
  // Per-user crontabs: busybox's (Alpine), Debian's spool, Red Hat's, SUSE's. A folder that
  // leads where another did (Alpine links var/spool/cron/crontabs to /etc/crontabs) is read once.
  const spools = new Set<string>();
  for (const dir of [
    'etc/crontabs',
    'var/spool/cron/crontabs',
    'var/spool/cron',
    'var/spool/cron/tabs',
  ]) {
    const real = await fs.resolve(dir);
    if (real === undefined || spools.has(real)) continue;
    spools.add(real);
    for (const entry of await fs.list(dir)) {
      if (entry.name.startsWith('.')) continue;
      // Only files are crontabs: a link to a folder is a spool of its own, read above or below.
      if ((await fs.kind(`${dir}/${entry.name}`)) !== 'file') continue;
      await crontab(`${dir}/${entry.name}`, false);
    }
  }
  const periodic = [
    ...['hourly', 'daily', 'weekly', 'monthly'].map((p) => `etc/cron.${p}`),
    ...['15min', 'hourly', 'daily', 'weekly', 'monthly'].map((p) => `etc/periodic/${p}`),
  ];
  for (const dir of periodic) {
    const own = (await fs.list(dir)).filter(
      // Hidden files (`.placeholder`) and package managers' leftovers never run.
      (e) =>
        e.kind !== 'dir' &&
        !e.name.startsWith('.') &&
        !LEFTOVER.test(e.name) &&
        !matchesAny(e.name, hostBase.defaultPeriodicScripts),
    );
    if (own.length === 0) continue;
    add({
      question: 'cron',
      value: 'yes',
      strength: 2,
      file: fs.show(dir),
      reason: `runs ${listOf(own.map((e) => e.name))} ${dir.split(/[./]/).pop()} (scripts beyond the distribution's)`,
    });
  }
  const timers = units.filter((u) => u.type === 'timer');
  for (const timer of timers) {
    if (matchesAny(timer.name, hostBase.defaultTimers)) continue;
    // The service a timer starts: Unit= in the timer, or the one of the same name beside it.
    const timerText = timer.target ? await fs.read(timer.target) : undefined;
    const unit = /^[ \t]*Unit\s*=\s*(\S+)/m.exec(timerText ?? '')?.[1] ?? `${timer.name}.service`;
    const dir = timer.target?.slice(0, timer.target.lastIndexOf('/')) ?? 'etc/systemd/system';
    const serviceText = await fs.read(`${dir}/${unit}`);
    const command = unitCommand(serviceText ?? '');
    if (command) seen.push({ file: timer.file, command });
    add({
      question: 'cron',
      value: 'yes',
      strength: 3,
      file: timer.file,
      reason: `the timer ${timer.name} runs ${command ? short(command, 50) : unit}`,
    });
  }
  for (const { file, command } of seen) {
    const tool = /\bansible-pull\b/.test(command)
      ? 'ansible'
      : /\bsalt-call\b/.test(command)
        ? 'salt'
        : /\bpuppet\s+(agent|apply)\b/.test(command)
          ? 'puppet'
          : /\bchef-client\b/.test(command)
            ? 'chef'
            : undefined;
    if (tool)
      add({
        question: 'configManagement',
        value: tool,
        strength: 3,
        file,
        reason: `a scheduled job runs ${short(command, 50)}`,
      });
  }
}

/** People who log in: accounts with a login shell and a home, their SSH keys, an SSH server. */
export async function scanLogin(
  fs: RootFs,
  units: readonly EnabledUnit[],
  appContainer: boolean,
  add: Add,
): Promise<void> {
  const passwd = (await fs.read('etc/passwd')) ?? '';
  const people: string[] = [];
  const homes: [string, string][] = [];
  for (const line of passwd.split('\n')) {
    const [name, , uid, , , home, shell] = line.split(':');
    if (!name || uid === undefined || !home) continue;
    const id = Number(uid);
    if (id === 0) homes.push([name, home]);
    if (!(id >= 1000 && id < 60000)) continue;
    if (!shell || /(nologin|false|sync|shutdown|halt)$/.test(shell.trim())) continue;
    if ((await fs.kind(home)) !== 'dir') continue;
    people.push(name);
    homes.push([name, home]);
  }
  // In an application container's image, an account with a shell is how the image runs its
  // program unprivileged, not a person who logs in.
  if (people.length > 0 && !appContainer)
    add({
      question: 'login',
      value: 'yes',
      strength: 2,
      file: '/etc/passwd',
      reason: `${people.length} account(s) with a login shell and a home: ${short(people.join(', '), 80)}`,
    });
  for (const [name, home] of homes) {
    const path = `${home.replace(/^\/+/, '')}/.ssh/authorized_keys`;
    const keys = ((await fs.read(path)) ?? '')
      .split('\n')
      .filter((l) => /^[ \t]*[^#\s]/.test(l) && /\b(ssh-|ecdsa-|sk-)/.test(l));
    if (keys.length === 0) continue;
    add({
      question: 'login',
      value: 'yes',
      strength: name === 'root' ? 2 : 3,
      file: fs.show(path),
      reason: `${keys.length} SSH key(s) may log in as ${name}`,
    });
  }
  const sshd = units.find((u) => u.type === 'service' && /^(ssh|sshd|dropbear)$/.test(u.name));
  if (sshd && !appContainer)
    add({
      question: 'login',
      value: 'yes',
      strength: 1,
      file: sshd.file,
      reason: 'the SSH server starts at boot',
    });
}

/** Puppet, Chef, Salt and Ansible as they leave their marks on a managed system. */
export async function scanConfigManagement(
  fs: RootFs,
  units: readonly EnabledUnit[],
  add: Add,
): Promise<void> {
  const marks: [string, string, Finding['strength'], string][] = [
    ['etc/puppetlabs/puppet/puppet.conf', 'puppet', 3, "the Puppet agent's configuration"],
    ['etc/puppet/puppet.conf', 'puppet', 3, "the Puppet agent's configuration"],
    ['etc/chef/client.rb', 'chef', 3, "the Chef client's configuration"],
    ['etc/salt/minion', 'salt', 3, "the Salt minion's configuration"],
    ['etc/salt/minion_id', 'salt', 3, "the Salt minion's id"],
    ['etc/salt/minion.d', 'salt', 2, "the Salt minion's configuration folder"],
    ['etc/ansible/facts.d', 'ansible', 2, 'local facts that Ansible deploys and reads'],
    ['var/cfengine/inputs', 'other', 2, "CFEngine's policy"],
  ];
  for (const [path, tool, strength, reason] of marks) {
    if (await fs.exists(path))
      add({ question: 'configManagement', value: tool, strength, file: fs.show(path), reason });
  }
  for (const unit of units) {
    const tool = hostBase.agentServices.find((a) => a.service === unit.name)?.tool;
    if (tool && unit.type !== 'other')
      add({
        question: 'configManagement',
        value: tool,
        strength: 3,
        file: unit.file,
        reason: `the ${unit.name} agent starts at boot`,
      });
  }
}

/**
 * Whether it needs a kernel of its own: out-of-tree or unsigned modules loaded (taint O or E in
 * /proc/modules), DKMS modules built for it, modules loaded at boot that a distribution kernel
 * does not carry. Modules of hypervisors' guest additions do not count: no container needs them.
 */
export async function scanKernel(fs: RootFs, withProc: boolean, add: Add): Promise<void> {
  const loaded = new Map<string, string>();
  const modules = withProc ? await fs.read('proc/modules') : undefined;
  for (const line of (modules ?? '').split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 2) continue;
    loaded.set(fields[0]!, /\(([A-Z]+)\)\s*$/.exec(line)?.[1] ?? '');
  }
  const own = [...loaded].filter(
    ([name, taint]) => /[OE]/.test(taint) && !matchesAny(name, hostBase.guestModules),
  );
  if (own.length > 0)
    add({
      question: 'kernel',
      value: 'own',
      strength: 3,
      file: '/proc/modules',
      reason: `modules built outside the kernel are loaded: ${short(own.map(([n, t]) => `${n} (${t})`).join(', '), 80)}`,
    });
  else if (loaded.size > 0)
    add({
      question: 'kernel',
      value: 'shared',
      strength: 1,
      file: '/proc/modules',
      reason: `all ${loaded.size} loaded modules were built with the kernel`,
    });
  const dkms = (await fs.list('var/lib/dkms')).filter(
    (e) => e.kind === 'dir' && !matchesAny(e.name, hostBase.guestModules),
  );
  if (dkms.length > 0)
    add({
      question: 'kernel',
      value: 'own',
      strength: 2,
      file: '/var/lib/dkms',
      reason: `DKMS builds modules for this kernel: ${listOf(dkms.map((e) => e.name))}`,
    });
  const listed: [string, string[]][] = [];
  const files = (await fs.list('etc/modules-load.d'))
    .filter((e) => e.name.endsWith('.conf'))
    .map((e) => `etc/modules-load.d/${e.name}`);
  for (const path of ['etc/modules', ...files]) {
    const names = ((await fs.read(path)) ?? '')
      .split('\n')
      .map(
        (l) =>
          l
            .replace(/[#;].*$/, '')
            .trim()
            .split(/\s+/)[0] ?? '',
      )
      .filter(
        (m) =>
          m !== '' &&
          !matchesAny(m, hostBase.commonModules) &&
          !matchesAny(m, hostBase.guestModules) &&
          // Loaded and untainted: the distribution's kernel carries it.
          !(loaded.has(m) && !/[OE]/.test(loaded.get(m)!)),
      );
    if (names.length > 0) listed.push([fs.show(path), names]);
  }
  for (const [file, names] of listed)
    add({
      question: 'kernel',
      value: 'own',
      strength: 1,
      file,
      reason: `loads ${short(names.join(', '), 60)} at boot: in a container, only the host loads modules`,
    });
}

/** Packages changed after installation: the system is patched in place. */
export async function scanUpdates(
  fs: RootFs,
  units: readonly EnabledUnit[],
  add: Add,
): Promise<void> {
  const apt = await fs.read('var/log/apt/history.log');
  if (apt !== undefined) {
    const runs = apt.match(/^Start-Date:/gm)?.length ?? 0;
    const upgrades = apt.match(/^Upgrade:/gm)?.length ?? 0;
    if (runs > 0)
      add({
        question: 'updates',
        value: 'in-place',
        strength: upgrades > 0 ? 3 : 2,
        file: '/var/log/apt/history.log',
        reason:
          upgrades > 0
            ? `apt upgraded packages in place ${upgrades} time(s)`
            : `apt changed packages in place ${runs} time(s)`,
      });
  }
  const histories: [string, string][] = [
    ['var/lib/dnf/history.sqlite', "dnf's transaction history"],
    ['var/lib/yum/history', "yum's transaction history"],
    ['var/log/dnf.rpm.log', "dnf's log of package changes"],
    ['var/log/yum.log', "yum's log of package changes"],
    ['var/log/zypp/history', "zypper's history"],
    ['var/log/pacman.log', "pacman's log"],
  ];
  for (const [path, what] of histories) {
    if (await fs.exists(path))
      add({
        question: 'updates',
        value: 'in-place',
        strength: 2,
        file: fs.show(path),
        reason: `${what}: packages are changed in place`,
      });
  }
  const auto = await fs.read('etc/apt/apt.conf.d/20auto-upgrades');
  if (auto && /Unattended-Upgrade\s+"1"/.test(auto))
    add({
      question: 'updates',
      value: 'in-place',
      strength: 3,
      file: '/etc/apt/apt.conf.d/20auto-upgrades',
      reason: 'unattended-upgrades patches it every day',
    });
  const automatic = units.find((u) => /^dnf-automatic/.test(u.name) && u.type === 'timer');
  if (automatic)
    add({
      question: 'updates',
      value: 'in-place',
      strength: 3,
      file: automatic.file,
      reason: 'dnf-automatic patches it on a timer',
    });
}

export interface EngineFact {
  name: string;
  /** Enabled at boot, or holding containers or images: it runs containers. */
  running: boolean;
  evidence: { file: string; reason: string }[];
}

/** Docker, Podman, containerd, CRI-O, kubelet, LXD/Incus: enabled, holding state, or installed. */
export async function scanEngines(
  fs: RootFs,
  units: readonly EnabledUnit[],
): Promise<EngineFact[]> {
  const found: EngineFact[] = [];
  for (const engine of hostBase.containerEngines) {
    const evidence: EngineFact['evidence'] = [];
    let running = false;
    for (const unit of units) {
      if (!matchesAny(unit.name, engine.services)) continue;
      running = true;
      evidence.push({ file: unit.file, reason: `${unit.name} starts at boot` });
    }
    for (const path of engine.state) {
      const kind = await fs.kind(path);
      if (kind === 'file' || (kind === 'dir' && (await fs.list(path)).length > 0)) {
        running = true;
        evidence.push({
          file: fs.show(path),
          reason: kind === 'dir' ? 'holds state' : 'configured',
        });
      }
    }
    for (const path of engine.programs) {
      if (await fs.exists(path)) {
        evidence.push({ file: fs.show(path), reason: 'installed' });
        break;
      }
    }
    if (evidence.length > 0) found.push({ name: engine.name, running, evidence });
  }
  return found;
}
