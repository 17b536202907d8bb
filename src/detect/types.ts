// The shapes detection works with: files read from the tree, and findings about answers.

/** A file a scanner asked for, read as text (at most MAX_FILE_BYTES of it). */
export interface TextFile {
  /** The path relative to the scanned directory, with forward slashes. */
  path: string;
  /** The file name alone. */
  name: string;
  /** The text; empty for a binary file, which only its name and presence describe. */
  text: string;
  binary: boolean;
  /** Only its start was read (it is larger than the bound): counts from it are at least. */
  partial?: true;
}

/** One piece of evidence for one answer. */
export interface Finding {
  question: string;
  value: string;
  /** How much it says: 1 a hint, 2 a clear sign, 3 near proof. */
  strength: 1 | 2 | 3;
  file: string;
  reason: string;
  /**
   * The tooling role its content shows, wherever the file is: a Dockerfile that runs the
   * project's tests (`ansible-playbook tests/test.yml`) is a test image.
   */
  tooling?: string;
  /**
   * The tooling role its content shows unless the deployment runs its image: a Dockerfile with
   * no CMD over a shell's or an interpreter's image is one to try the project in by hand, unless
   * a Compose service builds it and gives it a `command:`.
   */
  toolingUnlessRun?: string;
  /** The Dockerfiles a Compose file's services build and give a command of their own, by path. */
  builds?: readonly string[];
  /**
   * The tooling role this file has when the project deploys some other way: a Vagrantfile
   * beside a Dockerfile or a playbook is the developers' or the tests' VM, not the deployment.
   */
  toolingBesideDeployment?: string;
  /**
   * The orchestrators whose hosts this finding describes (the units and playbooks that set up
   * Nomad or Kubernetes agents). When the repository also holds workloads those orchestrators
   * run, the finding is about the hosts under the workloads, not the workloads.
   */
  hostOf?: readonly string[];
  /**
   * The configuration management tool whose runs this finding reads as changing systems in
   * place. When a Packer template provisions its images with that tool, it runs once, into each
   * image built, and the finding is set aside.
   */
  runsOf?: ConfigurationTool;
  /**
   * What the project's README tells its users to run: it decides between values the files
   * show, and answers nothing alone.
   */
  documented?: true;
  /** The configuration management tools a Packer template provisions its images with. */
  bakesWith?: readonly ConfigurationTool[];
  /**
   * The Dockerfiles whose images a Compose file runs, by path, when it runs only images built
   * here. When each of them is tooling by its content (a build environment), so is the file.
   */
  runsImagesOf?: readonly string[];
}

export type ConfigurationTool = 'ansible' | 'chef' | 'puppet' | 'salt';

// Agents of container platforms, by service name: a host that runs them runs other workloads.
const PLATFORM_AGENTS: readonly [RegExp, readonly string[]][] = [
  [/^(nomad|consul)(-client|-server)?$/, ['nomad']],
  [/^(kubelet|k3s|k3s-agent|rke2-server|rke2-agent|kube-proxy|microk8s)$/, ['kubernetes']],
  [/^(docker|dockerd|containerd|podman|cri-o|crio)$/, ['compose', 'swarm', 'kubernetes', 'nomad']],
];

// What a container host runs besides its engine and still is only that host: the network it
// joins (Tailscale, WireGuard, ZeroTier), the storage it mounts, the metrics and guest agents.
const HOST_PLUMBING =
  /^(tailscaled?|zerotier-one|netbird|nebula|wg-quick@.*|open-iscsi|iscsid|rpcbind|nfs-(client|common)|node[-_]exporter|prometheus-node-exporter|qemu-guest-agent|open-vm-tools|vmtoolsd)$/;

/**
 * The orchestrators a set of services is the host of: when it sets up an orchestrator's agent
 * (Nomad, Consul for Nomad, kubelet), or when every one of them is a container engine.
 */
export function platformHostOf(services: readonly string[]): readonly string[] | undefined {
  if (services.length === 0) return undefined;
  const orchestrators = new Set<string>();
  let others = 0;
  let orchestratorAgent = false;
  for (const service of services) {
    const name = service.replace(/\.service(\.in)?$/, '').toLowerCase();
    const match = PLATFORM_AGENTS.find(([pattern]) => pattern.test(name));
    if (!match) {
      if (!HOST_PLUMBING.test(name)) others += 1;
      continue;
    }
    if (match[1].length === 1) orchestratorAgent = true;
    for (const o of match[1]) orchestrators.add(o);
  }
  // With an orchestrator's own agent (Nomad, kubelet), the other services are that host's
  // plumbing (storage, VPN); a container engine alone must be all there is.
  return orchestrators.size > 0 && (others === 0 || orchestratorAgent)
    ? [...orchestrators]
    : undefined;
}

/**
 * A scheduler's daemon (cron, crond, cronie, s6's svc-cron): the cron question says it runs, so
 * it is not counted among the services side by side, as host detection leaves it out too.
 */
export const isScheduler = (name: string): boolean =>
  /(^|[-_])(cron|crond|cronie|anacron)$/.test(name);

/** One scanner per ecosystem: it names the files it reads, then turns them into findings. */
export interface Scanner {
  name: string;
  /** Binary files are passed only to scanners that say so (their presence is the evidence). */
  readsBinary?: boolean;
  /** Whether to read this file (by its relative path and name; nothing is read to decide). */
  wants(path: string, name: string): boolean;
  scan(files: readonly TextFile[]): Finding[];
}

/**
 * Whether a systemd unit is a task run once (Type=oneshot) rather than a service that stays up.
 * A oneshot that only runs `true` stands for instances started another way (Debian's
 * postgresql.service for postgresql@16-main): that one is a running service.
 */
export function isOneshotTask(unit: string): boolean {
  return (
    /^[ \t]*Type[ \t]*=[ \t]*oneshot[ \t]*$/m.test(unit) &&
    !/^[ \t]*ExecStart[ \t]*=[ \t]*(\/usr)?\/bin\/true[ \t]*$/m.test(unit)
  );
}

/**
 * A path without its trailing slashes (`/app/` → `/app`), by a loop: `/\/+$/` tries every
 * position of a long run of slashes and takes quadratic time.
 */
export function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end -= 1;
  return path.slice(0, end);
}

/** The folder of a file's path, with its slash (`a/b/c.yml` → `a/b/`; `c.yml` → ''). */
export function folderWithSlash(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** A systemd unit's command as written (`/usr/sbin/nginx -c /nginx/nginx.conf`), if it has one. */
export function unitCommand(unit: string): string | undefined {
  return /^[ \t]*ExecStart[ \t]*=[ \t]*[-@:+!]*(\S.*)$/m.exec(unit)?.[1]?.trimEnd();
}

/** A text cut to `most` characters (by code point, so no character is split), with an ellipsis. */
export function short(text: string, most = 60): string {
  const chars = [...text];
  return chars.length > most ? `${chars.slice(0, most - 1).join('')}…` : text;
}

/** A list in a finding's reason: the first few names, then how many in all. */
export function listOf(names: Iterable<string>, most = 6): string {
  const all = [...names];
  return all.length > most
    ? `${all.slice(0, most).join(', ')}, … (${all.length} in all)`
    : all.join(', ');
}

/** What a number of services side by side answers: 1 single, 2 or 3 few, 4 or more many. */
export function processesFor(count: number): 'single' | 'few' | 'many' {
  return count >= 4 ? 'many' : count >= 2 ? 'few' : 'single';
}

/**
 * The last of a chain of parents (a Compose file included by one included by another, a chart
 * put together by an umbrella chart of an umbrella chart): the key itself when it has none.
 * Ten hops at most, so that a cycle ends.
 */
export function topmost(parentOf: ReadonlyMap<string, string>, key: string): string {
  let top = key;
  for (let hops = 0; parentOf.has(top) && hops < 10; hops++) top = parentOf.get(top)!;
  return top;
}

/**
 * A command's words past the wrappers that run it: those that drop privileges (`gosu app …`,
 * `su-exec`, `sudo -u app …`, `chpst -u app …`), `nice`, `exec`, `nohup` and `dumb-init` with
 * their options, and a shell given a command list (`sh -c "cd /app && exec gunicorn"`), whose
 * last command it is.
 */
export function pastWrappers(command: readonly string[]): string[] {
  let words = [...command];
  // A wrapper's own options go with it: nice's and chpst's each take a value (`nice -n 10`,
  // `chpst -u app -e /env`), the others' take none.
  const withoutOptions = (rest: string[], takeValues: boolean) => {
    let i = 0;
    while (i < rest.length && rest[i]!.startsWith('-'))
      i += takeValues && !/^-\d+$/.test(rest[i]!) && !rest[i]!.includes('=') ? 2 : 1;
    return rest.slice(i);
  };
  for (let hops = 0; hops < 8; hops++) {
    const base = words[0]?.split('/').pop() ?? '';
    if (/^(gosu|su-exec|setuidgid|s6-setuidgid)$/.test(base)) words = words.slice(2);
    else if (/^(sudo|runuser)$/.test(base) && words[1] === '-u') words = words.slice(3);
    else if (/^(chpst|nice)$/.test(base)) words = withoutOptions(words.slice(1), true);
    else if (/^(exec|nohup|dumb-init)$/.test(base)) words = withoutOptions(words.slice(1), false);
    else if (/^(ba|da)?sh$/.test(base) && words[1] === '-c') {
      const list = words
        .slice(2)
        .join(' ')
        .replace(/^["']|["']$/g, '')
        .split(/&&|;/)
        .map((part) => part.trim())
        .filter((part) => part !== '' && !/^(cd|export)\s/.test(part));
      words = (list.at(-1) ?? '').split(/\s+/).filter(Boolean);
    } else break;
  }
  return words;
}
