// Infers answers from a directory's files, each with its evidence. Reads only: nothing found
// is run, no link is followed, and the walk is bounded (walk.ts).
import { posix } from 'node:path';
import type { CompiledRuleSet } from '../engine/compile.js';
import { mustBeDirectory } from './must-be-directory.js';
import {
  type Conflict,
  type DetectedAnswer,
  type OpenQuestion,
  resolve,
  type Tension,
} from './resolve.js';
import { isExample, toolingRole } from './roles.js';
import { aspireScanner } from './scanners/aspire.js';
import { COMPOSE, composeScanner } from './scanners/compose.js';
import {
  ansibleScanner,
  chefScanner,
  puppetScanner,
  saltScanner,
} from './scanners/config-management.js';
import { DOCKERFILE, dockerfileScanner } from './scanners/dockerfile.js';
import {
  guestBuildScanner,
  kernelScanner,
  systemImageScanner,
  vmToolScanner,
} from './scanners/images.js';
import { kubernetesScanner } from './scanners/kubernetes.js';
import { packagingScanner } from './scanners/packaging.js';
import { readmeScanner } from './scanners/readme.js';
import {
  capistranoScanner,
  cronScanner,
  herokuScanner,
  nomadScanner,
  procfileScanner,
  supervisorScanner,
  systemdScanner,
} from './scanners/services.js';
import { shellScanner } from './scanners/shell.js';
import { type ConfigurationTool, type Finding, folderWithSlash, type Scanner } from './types.js';
import { DEFAULT_LIMITS, type Skipped, type WalkLimits, walk } from './walk.js';

export const SCANNERS: readonly Scanner[] = [
  dockerfileScanner,
  composeScanner,
  kubernetesScanner,
  nomadScanner,
  procfileScanner,
  herokuScanner,
  aspireScanner,
  capistranoScanner,
  supervisorScanner,
  systemdScanner,
  cronScanner,
  ansibleScanner,
  chefScanner,
  puppetScanner,
  saltScanner,
  systemImageScanner,
  vmToolScanner,
  guestBuildScanner,
  kernelScanner,
  shellScanner,
  packagingScanner,
  readmeScanner,
];

const ORCHESTRATOR_NAMES: Readonly<Record<string, string>> = {
  nomad: 'Nomad',
  kubernetes: 'Kubernetes',
  compose: 'Compose',
  swarm: 'Swarm',
};

/**
 * Questions whose clear answers show a way of deploying: an image, an orchestrator,
 * configuration management, units or init scripts for a host, a kernel module, a machine or
 * system-container image (a Packer template, an LXD profile).
 */
const DEPLOYMENT_QUESTIONS = new Set([
  'imageSource',
  'orchestrator',
  'configManagement',
  'init',
  'kernel',
  'vmLike',
]);

export interface Detection {
  schemaVersion: 1;
  directory: string;
  answers: Record<string, DetectedAnswer>;
  conflicts: Conflict[];
  /** Questions the files disagree on too evenly to answer: each with the values they show. */
  open: OpenQuestion[];
  tension?: Tension;
  /** Tooling files (tests, docs, examples, CI) and what each would suggest: not evidence. */
  tooling: ToolingFile[];
  /**
   * Set when nothing but the project's examples and samples describes how it is deployed:
   * their findings were then counted (a project that ships sample units or image
   * definitions and nothing else is deployed as they show).
   */
  fromExamples?: true;
  scanned: { entries: number; filesRead: number; bytesRead: number };
  skipped: Skipped[];
}

/** Detection on a directory that must exist (`flag` names the option or command, for the error). */
export async function detectDirectory(
  compiled: CompiledRuleSet,
  directory: string,
  flag: string,
  options: DetectOptions = {},
): Promise<Detection> {
  await mustBeDirectory(directory, flag);
  return detect(compiled, directory, options);
}

interface ToolingFile {
  file: string;
  /** What the file is for: a test, documentation, an example, CI configuration, … */
  role: string;
  suggests: { question: string; value: string; reason: string }[];
}

export interface DetectOptions {
  /** Count what tooling files (tests, docs, examples, CI) suggest as evidence too. */
  includeTooling?: boolean;
  limits?: WalkLimits;
}

export async function detect(
  compiled: CompiledRuleSet,
  directory: string,
  options: DetectOptions = {},
): Promise<Detection> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const walked = await walk(
    directory,
    (path, name) => SCANNERS.some((s) => s.wants(path, name)),
    limits,
  );
  // Files are read in groups by what they are for (the deployment, tests, documentation, …):
  // what a scanner concludes across files (images sharing a base, a Compose file part of
  // another, units side by side) never mixes a development container with the deployment.
  const groups = new Map<string | undefined, typeof walked.files>();
  const roles = new Map<string, string | undefined>(); // each file's tooling role, looked up once
  for (const file of walked.files) {
    const role = toolingRole(file.path);
    roles.set(file.path, role);
    const group = groups.get(role);
    if (group) group.push(file);
    else groups.set(role, [file]);
  }
  const findings: Finding[] = [];
  for (const group of groups.values())
    for (const scanner of SCANNERS) {
      const files = group.filter(
        (f) => scanner.wants(f.path, f.name) && (!f.binary || scanner.readsBinary === true),
      );
      if (files.length > 0)
        findings.push(...scanner.scan(files).filter((f) => isValid(compiled, f)));
    }
  const roleOf = setAside(
    findings,
    roles,
    walked.files.filter((f) => f.name === 'Vagrantfile'),
  );
  const tooling = new Map<string, ToolingFile>();
  const evidence = findings.filter((finding) => {
    const role = roleOf(finding);
    if (role === undefined) return true;
    const entry = tooling.get(finding.file) ?? { file: finding.file, role, suggests: [] };
    entry.suggests.push({
      question: finding.question,
      value: finding.value,
      reason: finding.reason,
    });
    tooling.set(finding.file, entry);
    return options.includeTooling === true;
  });
  // Nothing outside tooling: the examples and samples are how the project shows its deployment.
  // An example shows rather than proves: each of its findings counts as a hint.
  // What a README tells its users to run only chooses between what files show: not evidence alone.
  const examples = evidence.every((finding) => finding.documented === true)
    ? findings
        .filter((finding) => isExample(finding.file))
        .map((finding) => ({ ...finding, strength: 1 as const }))
    : [];
  const { answers, conflicts, open, tension } = resolve(
    compiled,
    examples.length > 0 ? examples : evidence,
  );
  return {
    schemaVersion: 1,
    directory,
    answers,
    conflicts,
    open,
    ...(tension ? { tension } : {}),
    ...(examples.length > 0 ? { fromExamples: true as const } : {}),
    tooling: [...tooling.values()]
      .filter((t) => examples.length === 0 || !isExample(t.file))
      .sort((a, b) => (a.file < b.file ? -1 : 1)),
    scanned: {
      entries: walked.entries,
      filesRead: walked.files.length,
      bytesRead: walked.bytesRead,
    },
    skipped: walked.skipped,
  };
}

// A scanner may only claim values the questions allow (the tests hold every scanner to it).
function isValid(compiled: CompiledRuleSet, finding: Finding): boolean {
  return compiled.questionById.get(finding.question)?.effects.has(finding.value) ?? false;
}

const TOOL_NAMES: Readonly<Record<ConfigurationTool, string>> = {
  ansible: 'Ansible',
  chef: 'Chef',
  puppet: 'Puppet',
  salt: 'Salt',
};

/**
 * What sets a finding aside from the evidence, if anything: its file is tooling (tests, docs,
 * examples, CI); it describes the hosts under an orchestrator's workloads that are here too
 * (a Nomad homelab's Ansible, and the files of its roles); it is configuration management a
 * Packer template runs into its images; or it is a Vagrant VM's (the Vagrantfile, and the files
 * it names to provision the VM) beside another way of deploying; or its content shows it tooling
 * (a test image). Each file's tooling role comes from the walk's groups.
 */
function setAside(
  findings: readonly Finding[],
  roles: ReadonlyMap<string, string | undefined>,
  vagrantfiles: readonly { path: string; text: string }[],
): (finding: Finding) => string | undefined {
  const toolingOf = (file: string) => (roles.has(file) ? roles.get(file) : toolingRole(file));
  // The Dockerfiles that Compose files (not tooling) build and give a command: run, whatever
  // their own CMD.
  const built = new Set(
    findings
      .filter((f) => f.tooling === undefined && toolingOf(f.file) === undefined)
      .flatMap((f) => f.builds ?? []),
  );
  const unlessRun = (finding: Finding) =>
    finding.toolingUnlessRun !== undefined && !built.has(finding.file)
      ? finding.toolingUnlessRun
      : undefined;
  // A Compose file that runs only images whose Dockerfiles are tooling by content or place
  // (wsadza's build/docker-compose.yml, of the image distrobuilder runs in) is that tooling.
  const byContent = new Map(
    findings.flatMap((f) => {
      const role = f.tooling ?? unlessRun(f);
      return role ? [[f.file, role] as const] : [];
    }),
  );
  const runsTooling = (finding: Finding) => {
    const imageRoles = finding.runsImagesOf?.map((p) => byContent.get(p) ?? toolingOf(p));
    return imageRoles && imageRoles.length > 0 && imageRoles.every((r) => r !== undefined)
      ? `it runs only images of tooling: ${imageRoles[0]}`
      : undefined;
  };
  // Neither its file's place nor its content makes it tooling; a README's commands are not a
  // way of deploying of their own.
  const deployment = findings.filter(
    (f) =>
      f.tooling === undefined &&
      toolingOf(f.file) === undefined &&
      unlessRun(f) === undefined &&
      !runsTooling(f) &&
      f.documented !== true,
  );
  // Folders a Vagrantfile provisions from or syncs into its VM (VVV's provision/) hold what the
  // VM runs: units there are the VM's, not another way of deploying.
  const intoVm = foldersNamedBy(vagrantfiles);
  // The files a Vagrantfile provisions its VM with by name (`ansible.playbook = "setup.yml"`):
  // the VM's, as the Vagrantfile is, and set aside with it when the project deploys otherwise
  // (wate/vagrant-boxes tests its Packer box with a LEMP playbook).
  const named = filesNamedBy(vagrantfiles);
  // Unless the same tool deploys the project from files of its own too (ansible-nas's test VM
  // runs its main playbook, whose roles are the deployment).
  const toolOf = new Map(
    findings.filter((f) => f.question === 'configManagement').map((f) => [f.file, f.value]),
  );
  const deployingTools = new Set(
    deployment
      .filter((f) => f.question === 'configManagement' && !named.has(f.file))
      .map((f) => f.value),
  );
  const provisionedFiles = new Set(
    [...named].filter((file) => !deployingTools.has(toolOf.get(file) ?? '')),
  );
  const deploysOtherwise = deployment.some(
    (f) =>
      f.toolingBesideDeployment === undefined &&
      !intoVm.has(f.file.split('/')[0]!) &&
      !provisionedFiles.has(f.file) &&
      DEPLOYMENT_QUESTIONS.has(f.question) &&
      f.strength >= 2,
  );
  const orchestrators = new Set(
    deployment
      .filter((f) => f.question === 'orchestrator' && f.hostOf === undefined)
      .map((f) => f.value),
  );
  // The files of an Ansible role that provisions those hosts (a unit in roles/zfs/files/) are the
  // hosts' too, whichever scanner read them.
  const hostRoles = new Map<string, readonly string[]>();
  for (const f of findings) {
    const roles = /^(?:.*\/)?roles\//.exec(f.file)?.[0];
    if (f.hostOf && roles) hostRoles.set(roles, f.hostOf);
  }
  const hostOf = (finding: Finding) =>
    finding.hostOf ?? [...hostRoles].find(([roles]) => finding.file.startsWith(roles))?.[1];
  // Configuration management that a Packer template runs into its images changes no running
  // system: each image is built anew (travis-ci/packer-templates' chef-solo).
  const baked = new Set(deployment.flatMap((f) => f.bakesWith ?? []));
  const bakedRole = (finding: Finding) =>
    finding.runsOf && baked.has(finding.runsOf)
      ? `${TOOL_NAMES[finding.runsOf]} as Packer runs it, into each machine image it builds`
      : undefined;
  const hostRole = (finding: Finding) => {
    const runs = hostOf(finding)?.filter((o) => orchestrators.has(o));
    return runs && runs.length > 0
      ? `the hosts that run its ${runs.map((o) => ORCHESTRATOR_NAMES[o] ?? o).join(' or ')} workloads`
      : undefined;
  };
  // A cluster's workloads kept in many places (a home-ops repository's Flux tree, a folder of
  // workloads each): the configuration management kept in a top folder of its own beside them
  // (its `ansible/`) looks after the machines around the cluster (its nodes, a NAS, network
  // gear), not the workloads. Only its own files: a Compose file or a Dockerfile there stays.
  const clusterPlaces = new Set(
    deployment
      .filter(
        (f) => f.question === 'orchestrator' && f.value === 'kubernetes' && f.hostOf === undefined,
      )
      .map((f) => f.file),
  );
  const topOf = (file: string) => (file.includes('/') ? file.split('/')[0]! : '');
  const clusterTops = new Set([...clusterPlaces].map(topOf));
  const aroundCluster =
    clusterPlaces.size >= CLUSTER_PLACES
      ? new Set(
          deployment
            .filter((f) => f.question === 'configManagement' && topOf(f.file) !== '')
            .map((f) => topOf(f.file))
            .filter((top) => !clusterTops.has(top)),
        )
      : new Set<string>();
  const clusterRole = (finding: Finding) =>
    aroundCluster.has(topOf(finding.file)) && !isContainerFile(finding.file.split('/').pop()!)
      ? `the machines around its Kubernetes cluster (configuration management in ${topOf(finding.file)}/, apart from its workloads in ${clusterPlaces.size} places)`
      : undefined;
  return (finding) =>
    toolingOf(finding.file) ??
    finding.tooling ??
    unlessRun(finding) ??
    runsTooling(finding) ??
    hostRole(finding) ??
    clusterRole(finding) ??
    bakedRole(finding) ??
    (deploysOtherwise
      ? (finding.toolingBesideDeployment ??
        (provisionedFiles.has(finding.file) ? PROVISIONED_ROLE : undefined))
      : undefined);
}

/** A Compose file or a Dockerfile, by its name: a way of deploying containers of its own. */
function isContainerFile(name: string): boolean {
  return COMPOSE.test(name) || DOCKERFILE.test(name);
}

/**
 * In how many places (folders, charts, kustomizations) Kubernetes workloads make a cluster's
 * tree, beside which configuration management in a folder of its own looks after the machines.
 */
const CLUSTER_PLACES = 5;

/** The top folders a Vagrantfile names in a quoted path ('provision/', "scripts/setup.sh"). */
const PROVISIONED_ROLE =
  'what a development or test VM is provisioned with (the project deploys otherwise)';

/**
 * The files Vagrantfiles name for provisioning (`ansible.playbook = "prepare.yml"`, or
 * `config.vm.provision :shell, path: 'provision.sh'`), by path.
 */
function filesNamedBy(vagrantfiles: readonly { path: string; text: string }[]): Set<string> {
  const files = new Set<string>();
  for (const { path, text } of vagrantfiles) {
    const folder = folderWithSlash(path);
    for (const match of text.matchAll(
      /(?:\.(?:playbook|config_file|path)\s*=|\bpath:|:path\s*=>)\s*["'](?:\.\/)?([\w./-]+)["']/g,
    ))
      if (!match[1]!.startsWith('/')) files.add(posix.normalize(`${folder}${match[1]!}`));
  }
  return files;
}

function foldersNamedBy(vagrantfiles: readonly { text: string }[]): Set<string> {
  const folders = new Set<string>();
  // Relative paths only (`'provision/'`, `"./scripts/a.sh"`, Homestead's
  // `File.dirname(__FILE__) + '/scripts/homestead.rb'`): `/etc/app.conf` is in the guest, and a
  // box's name (`bento/ubuntu-24.04`) is no folder.
  for (const { text } of vagrantfiles)
    for (const match of text
      .replace(/\.vm\.box\s*=\s*['"][^'"]*['"]/g, '')
      .matchAll(
        /['"](?:\.\/)?([\w.-]+)\/[^'"]*['"]|File\.join\(\s*[\w.]*\s*,?\s*['"]([\w.-]+)['"]|(?:__FILE__\)|__dir__)\s*\+\s*['"]\/([\w.-]+)\//g,
      )) {
      const folder = match[1] ?? match[2] ?? match[3];
      if (folder && folder !== '.' && folder !== '..') folders.add(folder);
    }
  return folders;
}
