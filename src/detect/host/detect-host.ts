// Infers answers from a Linux system (`detect --host`): this machine, or a root tree such as a
// mounted disk image or an extracted snapshot. Reads only, runs nothing, never leaves the root
// (root-fs.ts). The answers come out as repository detection's do (resolve.ts), each with its
// evidence, plus facts about the host.
import { resolve as resolvePath } from 'node:path';
import type { CompiledRuleSet } from '../../engine/compile.js';
import type { Detection } from '../detect.js';
import { mustBeDirectory } from '../must-be-directory.js';
import { resolve } from '../resolve.js';
import { type Finding, processesFor, short } from '../types.js';
import { hostBase, matchesAny } from './base.js';
import { HOST_LIMITS, RootFs, type RootLimits } from './root-fs.js';
import {
  type EngineFact,
  scanConfigManagement,
  scanCron,
  scanEngines,
  scanKernel,
  scanLogin,
  scanUpdates,
} from './signals.js';
import {
  type ContainerFact,
  containerFact,
  hostname,
  initFact,
  osRelease,
  pid1Environment,
} from './system.js';
import { enabledUnits } from './units.js';

interface HostFacts {
  hostname: string | null;
  prettyName: string | null;
  /** What runs as PID 1 (or, in a snapshot, what /sbin/init starts). */
  init: string | null;
  /** Whether the system is itself a container, and of which kind. */
  container: ContainerFact | null;
  /** Container engines found: this host already runs application containers if one runs. */
  containerEngines: EngineFact[];
  /** Files and folders that could not be read for want of permission: less evidence. */
  unreadable: string[];
}

export interface HostDetection extends Detection {
  host: HostFacts;
}

/** Host detection on a root that must exist and be a folder (`flag` names the option, for the error). */
export async function detectHostRoot(
  compiled: CompiledRuleSet,
  root: string,
  flag: string,
  limits: RootLimits = HOST_LIMITS,
): Promise<HostDetection> {
  await mustBeDirectory(root, flag);
  return detectHost(compiled, root, limits);
}

export async function detectHost(
  compiled: CompiledRuleSet,
  root: string,
  limits: RootLimits = HOST_LIMITS,
): Promise<HostDetection> {
  const fs = new RootFs(resolvePath(root), limits);
  const findings: Finding[] = [];
  const add = (finding: Finding) => {
    if (compiled.questionById.get(finding.question)?.effects.has(finding.value))
      findings.push(finding);
  };
  // `/` is this machine, with its /proc; a root tree's proc/ is read if it has one.
  const withProc = fs.root === '/' || (await fs.kind('proc/1')) === 'dir';

  const release = await osRelease(fs);
  const env = withProc ? await pid1Environment(fs) : new Map<string, string>();
  const container = await containerFact(fs, env);
  const appContainer = container?.type === 'app';
  const init = await initFact(fs, withProc);
  const units = await enabledUnits(fs);
  const engines = await scanEngines(fs, units);

  // PID 1: an init, a zombie reaper, a supervisor, or one service.
  const managesServices =
    init === undefined || ['systemd', 'openrc', 'sysvinit', 'busybox'].includes(init.role);
  if (init) {
    const { file, reason } = init.evidence;
    if (init.role === 'systemd' || init.role === 'openrc' || init.role === 'sysvinit')
      add({
        question: 'init',
        value: 'yes',
        strength: init.live ? 3 : 2,
        file,
        reason: `${reason}, an init managing services`,
      });
    else if (init.role === 'busybox')
      add({
        question: 'init',
        value: 'yes',
        strength: 1,
        file,
        reason: `${reason}, with an inittab`,
      });
    else if (init.role === 'reaper') {
      add({
        question: 'init',
        value: 'no',
        strength: 2,
        file,
        reason: `${reason}: a zombie reaper, not an init (docker run --init)`,
      });
      if (init.child)
        add({
          question: 'processes',
          value: 'single',
          strength: 3,
          file,
          reason: `PID 1 starts one service: ${init.child}`,
        });
    } else if (init.role === 'supervisor')
      add({
        question: 'processes',
        value: 'few',
        strength: 1,
        file,
        reason: `${reason}: a process supervisor runs several programs`,
      });
    else if (init.role === 'app') {
      add({
        question: 'init',
        value: 'no',
        strength: 3,
        file,
        reason: `${reason}: one program, not an init`,
      });
      add({
        question: 'processes',
        value: 'single',
        strength: 3,
        file,
        reason: `PID 1 is the service itself: ${init.program}`,
      });
    }
  }

  // Services enabled beyond the base system, the container engines and the agents of
  // configuration management (evidence of their own). Units no init will start do not run.
  const engineServices = hostBase.containerEngines.flatMap((e) => e.services);
  const services = [
    ...new Map(
      units
        .filter(
          (u) =>
            u.type === 'service' &&
            // A oneshot unit runs a task at boot and exits: not a service that stays up.
            u.oneshot !== true &&
            !matchesAny(u.name, hostBase.baseServices) &&
            !hostBase.agentServices.some((a) => a.service === u.name) &&
            !matchesAny(u.name, engineServices),
        )
        .map((u) => [u.name, u]),
    ).values(),
  ];
  if (services.length > 0 && managesServices) {
    const names = services.map((s) => s.name);
    add({
      question: 'processes',
      value: processesFor(services.length),
      strength: 2,
      file: mostCommon(services.map((s) => s.file.slice(0, s.file.lastIndexOf('/')))),
      reason: `${services.length} service(s) start at boot beyond the base system: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''}`,
    });
  }

  await scanCron(fs, units, add);
  await scanLogin(fs, units, appContainer, add);
  await scanConfigManagement(fs, units, add);
  // Inside a container, proc/modules lists the host's modules, and nothing there loads one.
  if (!container) await scanKernel(fs, withProc, add);
  if (appContainer) {
    // An image's package history is its build, not patches to a running system.
    add({
      question: 'updates',
      value: 'replace',
      strength: 1,
      file: container.evidence[0]!.file,
      reason: 'it is an application container, replaced by a rebuilt image',
    });
    add({
      question: 'imageSource',
      value: 'dockerfile',
      strength: 2,
      file: container.evidence[0]!.file,
      reason: `it runs as a ${container.kind} container, from an image built in layers`,
    });
  } else await scanUpdates(fs, units, add);

  const running = engines.filter((e) => e.running);
  if (running.length > 0)
    add({
      question: 'nesting',
      value: 'yes',
      strength: 2,
      file: running[0]!.evidence[0]!.file,
      reason: `it runs containers (${running.map((e) => e.name).join(', ')}): moved whole into a container, it needs nesting`,
    });

  // A whole distribution installed and booting its own init: a machine, built from a distribution.
  const packageDb = await firstExisting(fs, [
    'var/lib/dpkg/status',
    'var/lib/rpm',
    'usr/lib/sysimage/rpm',
    'lib/apk/db/installed',
    'var/lib/pacman/local',
  ]);
  const boots = init && ['systemd', 'openrc', 'sysvinit'].includes(init.role);
  if (release && packageDb && boots && !appContainer) {
    const name =
      release.fields.get('PRETTY_NAME') ?? release.fields.get('NAME') ?? 'a distribution';
    add({
      question: 'vmLike',
      value: 'yes',
      strength: 2,
      file: release.file,
      reason: `a whole ${short(name)} install (package database ${fs.show(packageDb)}) booting ${init.program}, run like a machine`,
    });
    add({
      question: 'imageSource',
      value: 'distro-image',
      strength: 1,
      file: fs.show(packageDb),
      reason: `installed from ${short(name)} packages, not built from a Dockerfile`,
    });
  }

  const { answers, conflicts, open, tension } = resolve(compiled, findings);
  return {
    schemaVersion: 1,
    directory: root,
    answers,
    conflicts,
    open,
    ...(tension ? { tension } : {}),
    tooling: [],
    scanned: { entries: fs.entries, filesRead: fs.filesRead, bytesRead: fs.bytesRead },
    skipped: fs.notes,
    host: {
      hostname: (await hostname(fs, fs.root === '/')) ?? null,
      prettyName: release?.fields.get('PRETTY_NAME') ?? null,
      init: init?.program ?? null,
      container: container ?? null,
      containerEngines: engines,
      unreadable: fs.unreadable,
    },
  };
}

async function firstExisting(fs: RootFs, paths: readonly string[]): Promise<string | undefined> {
  for (const path of paths) if (await fs.exists(path)) return path;
  return undefined;
}

/** The value most often in a list (the first of those tied): the folder most services are in. */
function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}
