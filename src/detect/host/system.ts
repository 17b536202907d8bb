// Facts about the system itself: its name, its distribution, whether it is a container, and what
// runs as PID 1 (or, in a snapshot, what /sbin/init would start).
import { short } from '../types.js';
import type { RootFs } from './root-fs.js';

interface Evidence {
  file: string;
  reason: string;
}

export interface ContainerFact {
  /** docker, podman, lxc, systemd-nspawn, … as the system names itself. */
  kind: string;
  /** An application container (Docker, Podman, OCI) or a system container (LXC, nspawn, …). */
  type: 'app' | 'system';
  evidence: Evidence[];
}

/** What starts the system: an init, a zombie reaper, a supervisor, a shell, or an application. */
export interface InitFact {
  role: 'systemd' | 'openrc' | 'sysvinit' | 'busybox' | 'reaper' | 'supervisor' | 'shell' | 'app';
  /** The program's name (`systemd`, `tini`, `nginx`). */
  program: string;
  /** For a reaper: the program it starts. */
  child?: string;
  /** Read from a running PID 1 (proc/1), or from what /sbin/init points to. */
  live: boolean;
  evidence: Evidence;
}

const APP_CONTAINERS = new Set(['docker', 'podman', 'oci', 'rkt', 'containerd', 'kubernetes']);

export async function osRelease(
  fs: RootFs,
): Promise<{ file: string; fields: Map<string, string> } | undefined> {
  for (const path of ['etc/os-release', 'usr/lib/os-release']) {
    const text = await fs.read(path);
    if (text === undefined) continue;
    const fields = new Map<string, string>();
    for (const line of text.split('\n')) {
      const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
      if (m) fields.set(m[1]!, m[2]!.replace(/^(["'])(.*)\1$/, '$2'));
    }
    return { file: fs.show(path), fields };
  }
  return undefined;
}

export async function hostname(fs: RootFs, live: boolean): Promise<string | undefined> {
  for (const path of [...(live ? ['proc/sys/kernel/hostname'] : []), 'etc/hostname']) {
    const name = (await fs.read(path))
      ?.split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '' && !l.startsWith('#'));
    if (name) return name.slice(0, 255);
  }
  return undefined;
}

/** PID 1's environment, when readable (only its owner and root may read it). */
export async function pid1Environment(fs: RootFs): Promise<Map<string, string>> {
  const env = new Map<string, string>();
  for (const item of ((await fs.read('proc/1/environ')) ?? '').split('\0')) {
    const at = item.indexOf('=');
    if (at > 0) env.set(item.slice(0, at), item.slice(at + 1));
  }
  return env;
}

export async function containerFact(
  fs: RootFs,
  env: ReadonlyMap<string, string>,
): Promise<ContainerFact | undefined> {
  const evidence: Evidence[] = [];
  let kind: string | undefined;
  if (await fs.exists('.dockerenv')) {
    kind = 'docker';
    evidence.push({ file: '/.dockerenv', reason: 'Docker marks its containers with this file' });
  }
  if (await fs.exists('run/.containerenv')) {
    kind ??= 'podman';
    evidence.push({
      file: '/run/.containerenv',
      reason: 'Podman marks its containers with this file',
    });
  }
  const fromEnv = env.get('container');
  if (fromEnv) {
    kind ??= fromEnv;
    evidence.push({
      file: '/proc/1/environ',
      reason: `PID 1 runs with container=${fromEnv.slice(0, 40)}`,
    });
  }
  const marker = (await fs.read('run/systemd/container'))?.trim();
  if (marker) {
    kind ??= marker;
    evidence.push({
      file: '/run/systemd/container',
      reason: `systemd found itself in a container: ${marker.slice(0, 40)}`,
    });
  }
  if (kind === undefined) return undefined;
  kind = kind.slice(0, 40);
  return { kind, type: APP_CONTAINERS.has(kind) ? 'app' : 'system', evidence };
}

const REAPERS = new Set([
  'tini',
  'tini-static',
  'dumb-init',
  'catatonit',
  'docker-init',
  'pause',
  'go-init',
]);
const SUPERVISORS = new Set([
  's6-svscan',
  'runsvdir',
  'supervisord',
  'my_init',
  'runit',
  's6-linux-init',
]);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'sleep', 'tail', 'cat']);
/** Interpreters whose script, not themselves, names the service. */
const INTERPRETERS = new Set([
  'python',
  'python3',
  'node',
  'java',
  'ruby',
  'perl',
  'php',
  'bun',
  'deno',
]);

/** What runs as PID 1, or what /sbin/init would start in a snapshot. */
export async function initFact(fs: RootFs, withProc: boolean): Promise<InitFact | undefined> {
  if (withProc) {
    const cmdline = ((await fs.read('proc/1/cmdline')) ?? '').split('\0').filter((a) => a !== '');
    const comm = (await fs.read('proc/1/comm'))?.trim();
    // The program's own name (comm): `systemd` though started as /sbin/init. A process may
    // rewrite its command line (`nginx: master process …`): then the name before the colon.
    const program = comm || base((cmdline[0] ?? '').split(/:? /)[0]!);
    if (program) {
      const file = cmdline.length > 0 ? '/proc/1/cmdline' : '/proc/1/comm';
      const shown = `${program}${cmdline.length > 0 ? ` (${short(cmdline.join(' '))})` : ''}`;
      const role = await roleOf(fs, program === 'init' ? await initTarget(fs) : program);
      const fact: InitFact = {
        role,
        program,
        live: true,
        evidence: { file, reason: `PID 1 is ${shown}` },
      };
      if (role === 'reaper') {
        const child = cmdline.slice(1).find((a) => !a.startsWith('-'));
        if (child) fact.child = serviceName(cmdline.slice(cmdline.indexOf(child)));
      }
      if (role === 'app') fact.program = serviceName(cmdline.length > 0 ? cmdline : [program]);
      return fact;
    }
  }
  const target = await initTarget(fs);
  if (target === undefined) return undefined;
  const role = await roleOf(fs, target);
  // A snapshot says only what would start at boot: an init, or nothing worth a claim.
  if (role !== 'systemd' && role !== 'openrc' && role !== 'sysvinit') return undefined;
  return {
    role,
    program: target,
    live: false,
    evidence: { file: '/sbin/init', reason: `/sbin/init starts ${target}` },
  };
}

/** The program /sbin/init leads to (links followed inside the root). */
async function initTarget(fs: RootFs): Promise<string | undefined> {
  for (const path of ['sbin/init', 'usr/sbin/init']) {
    const real = await fs.resolve(path);
    if (real !== undefined) return base(real);
  }
  return undefined;
}

async function roleOf(fs: RootFs, program: string | undefined): Promise<InitFact['role']> {
  if (program === undefined) return 'app';
  if (program === 'systemd' || program.startsWith('systemd')) return 'systemd';
  if (program === 'openrc-init') return 'openrc';
  if (program === 'busybox' || program === 'init') {
    const inittab = (await fs.read('etc/inittab')) ?? '';
    if (/\bopenrc\b/.test(inittab) && (await fs.exists('sbin/openrc'))) return 'openrc';
    if (program === 'init' && inittab !== '') return 'sysvinit';
    return program === 'busybox' && inittab !== '' ? 'busybox' : 'app';
  }
  if (REAPERS.has(program)) return 'reaper';
  if (SUPERVISORS.has(program)) return 'supervisor';
  if (SHELLS.has(program)) return 'shell';
  return 'app';
}

/** `nginx` for `/usr/sbin/nginx -g …`; `node server.js` for an interpreter and its script. */
function serviceName(argv: readonly string[]): string {
  const program = base((argv[0] ?? '').split(/:? /)[0]!);
  if (!INTERPRETERS.has(program.replace(/[\d.]+$/, ''))) return program;
  const script = argv.slice(1).find((a) => !a.startsWith('-'));
  return script ? `${program} ${base(script)}` : program;
}

function base(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
