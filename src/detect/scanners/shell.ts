// Shell provisioning: scripts that install a server's daemons with the package manager
// (Mail-in-a-Box's setup/*.sh, Homestead's features, a Dockerfile's install.sh). What they
// install runs side by side on the one system the scripts set up.
import { hostBase, matchesAny } from '../host/base.js';
import { type Finding, listOf, platformHostOf, processesFor, type Scanner } from '../types.js';

/**
 * Packages that run a long-lived daemon, by the service each runs (a package manager's name,
 * or the start of it: `php8.2-fpm`, `dovecot-imapd`, `postgresql-16`).
 */
const DAEMONS: readonly [RegExp, string][] = [
  [/^postfix$/, 'postfix'],
  [/^exim4?(-daemon[\w-]*)?$/, 'exim'],
  [/^dovecot(-(core|imapd|pop3d|lmtpd))?$/, 'dovecot'],
  [/^(nginx|nginx-(full|light|extras|core))$/, 'nginx'],
  [/^(apache2|httpd)$/, 'apache'],
  [
    /^(mariadb(-server)?|mariadbd?(-safe)?|mysqld?(_safe)?|mysql-server|mysql-community-server|percona-server-server)$/,
    'mysql',
  ],
  [/^postgresql(-\d+)?$|^postgresql\d*-server$/, 'postgresql'],
  [/^(redis-server|redis|valkey-server)$/, 'redis'],
  [/^memcached$/, 'memcached'],
  [/^(mongodb-org|mongodb-server|mongodb)$/, 'mongodb'],
  [/^rabbitmq-server$/, 'rabbitmq'],
  [/^(elasticsearch|opensearch)$/, 'elasticsearch'],
  [/^(spamassassin|spampd|rspamd|amavisd-new)$/, 'spam filter'],
  [/^(clamav-daemon|clamd)$/, 'clamav'],
  [/^(opendkim|opendmarc|postgrey)$/, 'mail milter'],
  [/^(nsd|bind9|named|unbound|dnsmasq|pdns-server)$/, 'dns'],
  [/^php[\d.]*-fpm$|^php-fpm[\d.]*$/, 'php-fpm'],
  [/^(munin-node|munin)$/, 'munin'],
  [/^(squid|haproxy|varnish)$/, 'proxy'],
  [/^(supervisor)$/, 'supervisor'],
  [/^(beanstalkd|gearman-job-server)$/, 'queue'],
  [/^(slapd|openldap-servers)$/, 'ldap'],
  [/^fail2ban$/, 'fail2ban'],
  [/^(tomcat\d*)$/, 'tomcat'],
  [/^(guacd|guacamole-server)$/, 'guacd'],
  [/^xrdp$/, 'xrdp'],
  [/^xrdp-sesman$/, 'xrdp session manager'],
  [/^(samba|smbd)$/, 'samba'],
  [/^(nfs-kernel-server|nfs-server)$/, 'nfs server'],
  [/^(vsftpd|proftpd(-basic)?|pure-ftpd)$/, 'ftp'],
  [/^mosquitto$/, 'mosquitto'],
  [/^(openvpn(-server)?|strongswan|strongswan-starter|ipsec)$/, 'vpn'],
  [/^(coturn|turnserver)$/, 'turn'],
  [/^(prosody|ejabberd)$/, 'xmpp'],
  [/^(asterisk|freeswitch)$/, 'telephony'],
  [/^(grafana|grafana-server)$/, 'grafana'],
  [/^(prometheus|influxdb)$/, 'metrics store'],
  [/^(jenkins)$/, 'jenkins'],
  [/^(cups|cups-daemon)$/, 'cups'],
];

/** The daemon a package runs, by its service's name, or undefined for any other package. */
export function daemonOf(name: string): string | undefined {
  return DAEMONS.find(([pattern]) => pattern.test(name))?.[1];
}

/** Packages that make the system run containers: an engine, or a Kubernetes node's kubelet. */
const ENGINES =
  /^(docker-ce|docker\.io|docker-engine|moby-engine|containerd(\.io)?|cri-o|podman|kubelet|kubeadm|k3s|lxd|incus)$/;

/** The services of the container engines host detection knows (rules/host-base.yaml). */
const ENGINE_SERVICES = hostBase.containerEngines.flatMap((e) => e.services);

/** A package manager's install: apt-get install, dnf install, apk add. */
const PACKAGE_MANAGER_INSTALL =
  /\b(apt-get|apt|apt-fast|dnf|yum|zypper|snap|pacman)\s+(-\S+\s+)*install\b|\bapk\s+(-\S+\s+)*add\b|\bpacman\s+(-\S+\s+)*-S\s/;

/**
 * The body of each function a script defines, by its name: the lines from `name() {` (or
 * `function name {`) to a line that starts with `}`. Read line by line, each line once.
 */
function functionBodies(lines: readonly string[]): Map<string, string[]> {
  const bodies = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines) {
    const start = FUNCTION_START.exec(line);
    if (start) {
      current = [];
      bodies.set((start[1] ?? start[2])!, current);
    } else if (/^\s*\}/.test(line)) current = undefined;
    else current?.push(line);
  }
  return bodies;
}

/** A function's first line: `name() {`, `function name() {` or `function name {`. */
const FUNCTION_START =
  /^[ \t]*(?:function[ \t]+([\w-]+)(?:[ \t]*\([ \t]*\))?|([\w-]+)[ \t]*\([ \t]*\))(?:[ \t]*\{)?[ \t]*$/;

/**
 * The functions of a script that run a package manager's install (bbb-install.sh's need_pkg):
 * a line naming one installs what follows.
 */
function installWrappers(bodies: ReadonlyMap<string, readonly string[]>): Set<string> {
  return new Set(
    [...bodies]
      .filter(([, body]) => body.some((line) => PACKAGE_MANAGER_INSTALL.test(line)))
      .map(([name]) => name),
  );
}

/**
 * A test that the script runs in a container (systemd-detect-virt says lxc or openvz,
 * /.dockerenv, an LXC cgroup), not its negation: the start of an `if` that refuses to go on.
 */
const IN_A_CONTAINER =
  /^\s*(el)?if\b(?!.*(!\s*-[ef]|!=|!\s*grep)).*(\/\.dockerenv|\/run\/\.containerenv|machine-lxc|==?\s*["']?(lxc|openvz|docker|podman)["']?\s*\]|systemd-detect-virt\s+(-c|--container))/;

/**
 * What a comparison with "docker" or "lxc" must test to be about where the script runs: what
 * systemd-detect-virt or virt-what said (`$VIRT`), `$container`, the cgroups of PID 1. A choice
 * of engine (`$CONTAINER_ENGINE == "podman"`) is none.
 */
const VIRTUALIZATION_PROBE = /virt|\$\{?container\}?(?!\w)|\/proc\/(1\/|vz)|cgroup/i;

/**
 * Where a script refuses to run in a container: an `if` that tests for one and, before its
 * `fi`, exits with an error (OpenMediaVault's "OMV does not work in LXC!", wireguard-install's
 * "OpenVZ is not supported"). The project says a container cannot serve it.
 */
function refusesContainers(lines: readonly string[]): string[] {
  const kinds = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const test = IN_A_CONTAINER.exec(lines[i]!);
    if (!test || (test[4] !== undefined && !VIRTUALIZATION_PROBE.test(lines[i]!))) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 10); j++) {
      if (/^\s*(fi|else|elif)\b/.test(lines[j]!)) break;
      if (/^\s*exit\s+[1-9]/.test(lines[j]!)) {
        kinds.add(containerKind(test[3]!));
        break;
      }
    }
  }
  return [...kinds];
}

const containerKind = (marker: string): string =>
  /docker/.test(marker)
    ? 'Docker'
    : /containerenv|podman/.test(marker)
      ? 'Podman'
      : /lxc/.test(marker)
        ? 'LXC'
        : /openvz/.test(marker)
          ? 'OpenVZ'
          : 'a container';

// A command run (at the start, after an operator, `then`, `sudo`, `exec`), not named in a
// message (`echo 'Please execute: systemctl enable v2ray'`); by its path or not.
const AS_A_COMMAND = String.raw`(?:^|[;&|(]|\b(?:then|do|else|sudo|exec))\s*`;
const BY_PATH = String.raw`(?:\/[\w.-]+){0,4}\/?`;
const SYSTEMCTL = new RegExp(
  String.raw`${AS_A_COMMAND}${BY_PATH}systemctl\s+(?:-\S+\s+)*(enable|start|restart)\s+(.*)$`,
);
// A function's systemctl on the service its first argument names (`systemctl enable ${1}.service`).
const SYSTEMCTL_FIRST_ARGUMENT = new RegExp(
  String.raw`${AS_A_COMMAND}${BY_PATH}systemctl\s+(?:-\S+\s+)*(enable|start|restart)\s+(?:--now\s+)?["']?\$\{?1\}?(?!\w)`,
);
// `service apache2 start`, or a wrapper's `service apache2 "$1"`, and SysV's own script.
const SERVICE_START = new RegExp(
  String.raw`${AS_A_COMMAND}(?:${BY_PATH}service\s+|\/etc\/init\.d\/)([\w@.-]+)\s+(?:(?:re)?start|"?\$1"?)(?![\w-])`,
);
const RC_UPDATE = new RegExp(String.raw`${AS_A_COMMAND}${BY_PATH}rc-update\s+add\s+(.*)$`);

/**
 * The services a line enables or starts (`systemctl enable -q --now sonarr`,
 * `/bin/systemctl start fleet.service`, `service suricata start`, `/etc/init.d/apache2 start`,
 * OpenRC's `rc-update add`), in an installer or in a container's start script:
 * its words up to the first redirection or operator, options left out, an instance's template
 * by the name before its `@`. Timers, sockets and other units are no services; a name that is
 * only a variable says nothing. `enabled` when it is enabled at boot.
 */
export function startedServices(code: string): { name: string; enabled: boolean }[] {
  // A message that tells the user what to run (`echo '… systemctl enable v2ray; …'`).
  if (/^\s*(echo|printf|print|log\w*|info|warn\w*|msg\w*|say)\b/.test(code)) return [];
  const systemctl = SYSTEMCTL.exec(code);
  const service = SERVICE_START.exec(code);
  const openrc = RC_UPDATE.exec(code);
  const [words, enabled] = systemctl
    ? [systemctl[2]!, systemctl[1] === 'enable']
    : service
      ? [service[1]!, false]
      : openrc
        ? [openrc[1]!, true]
        : ['', false];
  const names: { name: string; enabled: boolean }[] = [];
  for (const whole of words.split(/\s+/)) {
    if (/^\d?[<>&|;]/.test(whole)) break;
    // A word up to an operator (`v2ray;`) ends the command.
    const word = /^[^;&|)<>]*/.exec(whole)![0];
    if (word.startsWith('-')) continue;
    const name = word
      .replace(/["']/g, '')
      .replace(/\$\{?\w+\}?/g, '')
      .replace(/@.*$/, '')
      .replace(/\.service$/, '')
      // What a variable left (`postgresql-${VERSION}`, OpenRC's `wg-quick.${NIC}`).
      .replace(/[-.]+$/, '');
    if (/^[\w][\w.-]*$/.test(name) && !/\.(timer|socket|mount|target|path|slice)$/.test(name))
      names.push({ name, enabled });
    // OpenRC's runlevel follows the name; a quote that closes after the name ends the command
    // too (`--post-hook "… systemctl restart nginx" --post-hook "mv …"`).
    if (word !== whole || openrc || /["']/.test(whole.replace(/^["']/, ''))) break;
  }
  return names;
}

/**
 * The units a script writes with a here-document (`cat > /lib/systemd/system/dummy-nic.service
 * << HERE`) that run once and exit (`Type=oneshot`, or a command that configures and returns:
 * `ExecStart=/sbin/ip addr add …`): enabled, they are no long-running service.
 */
function oneshotUnits(text: string): Set<string> {
  const names = new Set<string>();
  for (const unit of text.matchAll(
    /([\w@.-]+)\.service["']?\s*<<-?\s*["']?(\w+)["']?[^\n]*\n([\s\S]{0,4000}?)^\s*\2\s*$/gm,
  ))
    if (
      /^\s*Type\s*=\s*oneshot\b/m.test(unit[3]!) ||
      /^\s*ExecStart\s*=\s*-?(\/\S*\/)?(ip|sysctl|modprobe|echo|true|mount|iptables|ethtool)\s/m.test(
        unit[3]!,
      )
    )
      names.add(unit[1]!.replace(/@.*$/, ''));
  return names;
}

/** A word with a shell brace list, expanded (`php8.3-{cli,fpm}` is php8.3-cli and php8.3-fpm). */
function braceExpanded(word: string): string[] {
  const match = /^([^{}]*)\{([^{}]*,[^{}]*)\}([^{}]*)$/.exec(word);
  return match ? match[2]!.split(',').map((part) => `${match[1]}${part}${match[3]}`) : [word];
}

/**
 * The functions of a script that start or enable the service their first argument names
 * (wazuh's `installCommon_startService "wazuh-manager"`, whose body runs
 * `systemctl enable ${1}.service`): a call names a service started. With whether it enables
 * the service at boot.
 */
function startWrappers(bodies: ReadonlyMap<string, readonly string[]>): Map<string, boolean> {
  const wrappers = new Map<string, boolean>();
  for (const [name, body] of bodies) {
    const verbs = body.flatMap(
      (line) => SYSTEMCTL_FIRST_ARGUMENT.exec(line.replace(/^\s*eval\s+["']/, ''))?.[1] ?? [],
    );
    if (verbs.length > 0) wrappers.set(name, verbs.includes('enable'));
  }
  return wrappers;
}

/** A kernel's package: a distribution's, a mainline build, or a hypervisor's. */
const KERNEL_PACKAGE =
  /\b(?:linux-image-[\w.${}-]+|kernel-(?:ml|lt)(?![\w-])|pve-kernel|proxmox-ve\b|proxmox-default-kernel|linux-xanmod)/;
/** The boot loader set to start a newly installed kernel. */
const BOOT_LOADER =
  /\b(?:update-grub2?|grub2?-mkconfig|grub2?-set-default|grubby|proxmox-boot-tool)\b/;

export const shellScanner: Scanner = {
  name: 'shell',
  // Scripts by extension, installers by name without one (OpenMediaVault's `install`), and
  // scripts at the root without an extension (seafile-server-installer's
  // `seafile-11.0_ubuntu`), which count only when their first line says they are shell.
  wants: (path, name) =>
    /\.(sh|bash)$/.test(name) ||
    (!name.includes('.') && /install|setup|bootstrap/i.test(name)) ||
    (!path.includes('/') && !/\.[a-z][a-z0-9]{0,5}$/i.test(name)),
  scan(files) {
    let refuses: { file: string; kinds: string[] } | undefined;
    let bootsKernel: { file: string; kernel: string } | undefined;
    const daemons = new Map<string, string>(); // service → the script installing it
    const engines = new Map<string, string>(); // container engine → the script installing it
    let upgrades: string | undefined;
    let ssh: string | undefined; // the script installing an SSH server
    let crontab: string | undefined; // the script writing a crontab
    let selfUpdating: string | undefined; // the script installing unattended upgrades
    let enables: { file: string; service: string } | undefined;
    // Installer scripts at the repository's root (bbb-install.sh, virtualmin-install.sh): they
    // install the project onto a distribution's system with its package manager.
    let installer: string | undefined;
    // Shell scripts only, continuation lines joined, comments dropped; each one's functions.
    const scripts = files
      .filter(
        (file) => /\.(sh|bash)$/.test(file.name) || /^#![^\n]*\b(ba|da|z|k)?sh\b/.test(file.text),
      )
      .map((file) => {
        const lines = file.text
          .replace(/\\\r?\n/g, ' ')
          .split(/\r?\n/)
          .map((line) => line.replace(/(^|\s)#.*$/, ''));
        return { file, lines, bodies: functionBodies(lines) };
      });
    // Functions that start the service they are given, from every script (one defines them,
    // another calls them).
    const starters = new Map<string, boolean>();
    for (const { bodies } of scripts)
      for (const [name, enables] of startWrappers(bodies))
        starters.set(name, (starters.get(name) ?? false) || enables);
    for (const { file, lines, bodies } of scripts) {
      const wrappers = installWrappers(bodies);
      const oneshots = oneshotUnits(file.text);
      const kinds = refuses ? [] : refusesContainers(lines);
      if (kinds.length > 0) refuses = { file: file.path, kinds };
      // A kernel installed and booted into (teddysun's bbr.sh: a mainline linux-image, then
      // grub set to start it), or a hypervisor's (proxmox-ve brings its own kernel).
      if (!bootsKernel) {
        // Messages left out: a sentence in quotes names a kernel without installing it
        // ("Same issues apply to kernel-lt variants").
        const code = lines
          .filter(
            (line) =>
              !/^\s*(?:echo|printf|cecho|_?(?:red|green|yellow|blue|info|warn|error|log))\b/.test(
                line,
              ),
          )
          .map((line) => line.replace(/"[^"]*\s[^"]*"|'[^']*\s[^']*'/g, '""'))
          .join('\n');
        const kernel = KERNEL_PACKAGE.exec(code)?.[0];
        if (kernel && (BOOT_LOADER.test(code) || /^proxmox-/.test(kernel)))
          bootsKernel = { file: file.path, kernel };
      }
      let installs = false;
      let containers = false;
      let startsServices = false;
      for (const code of lines) {
        if (/\b(apt-get|apt|dnf|yum|zypper)\s+(-\S+\s+)*(dist-|full-)?upgrade\b/.test(code))
          upgrades ??= file.path;
        // A crontab written (`| crontab -`, a file in /etc/cron.d/): jobs on a schedule.
        if (
          /\bcrontab\s+(-u\s+\S+\s+)?-\s*$|\bcrontab\s+(-u\s+\S+\s+)?-\s*[;&|)]|>>?\s*["']?\/etc\/cron\.d\//.test(
            code,
          )
        )
          crontab ??= file.path;
        // Services enabled at boot (`systemctl enable nginx`): the init system runs them, side
        // by side with the daemons installed (the same service once: mariadb is mysql).
        const call = /^\s*([\w-]+)\s+["']?([\w@.-]+)["']?\s*$/.exec(code);
        const started =
          call && starters.has(call[1]!)
            ? [{ name: call[2]!.replace(/\.service$/, ''), enabled: starters.get(call[1]!)! }]
            : startedServices(code);
        for (const { name, enabled } of started) {
          startsServices = true;
          if (/^(ssh|sshd|openssh)$/.test(name)) ssh ??= file.path;
          if (
            oneshots.has(name) ||
            matchesAny(name, [...hostBase.baseServices, ...ENGINE_SERVICES])
          )
            continue;
          if (enabled) enables ??= { file: file.path, service: name };
          const service = daemonOf(name) ?? name;
          if (!daemons.has(service)) daemons.set(service, file.path);
        }
        // Containers run, or a container engine set up (Docker's convenience script, its
        // service started): the script makes a container host, not the project's system.
        if (
          /\bdocker(-compose|\s+compose|\s+run)\b|\bpodman(-compose|\s+run)\b|\bget\.docker\.com\b|\bsystemctl\s+(start|enable)\s+(--now\s+)?(docker|podman)\b/.test(
            code,
          )
        )
          containers = true;
        // A line that installs: a package manager's install (apt-get install, dnf install, apk
        // add), a command whose name says it installs (a wrapper such as apt_install, or
        // install_haproxy), or a function of the script that runs the package manager
        // (need_pkg). Its words are packages; a line that only talks of installing
        // (`echo "… not installed"`) is not one.
        const packageManager = PACKAGE_MANAGER_INSTALL.test(code);
        const command = /^\s*([\w-]+)/.exec(code)?.[1] ?? '';
        if (!packageManager && !/install/.test(command) && !wrappers.has(command)) continue;
        installs ||= packageManager || wrappers.has(command);
        const named = /^install[_-]([\w-]+)$/.exec(command)?.[1];
        // The packages are the words after the install (`podman exec box apt-get install x`
        // installs x, not podman).
        const install = PACKAGE_MANAGER_INSTALL.exec(code);
        const packages = install ? code.slice(install.index + install[0].length) : code;
        const words = [...packages.split(/[\s`;&|()]+/), ...(named ? [named] : [])].flatMap(
          braceExpanded,
        );
        for (const word of words) {
          const name = word
            .replace(/["']/g, '')
            .replace(/\$\{?\w+\}?/g, '')
            .toLowerCase();
          const service = daemonOf(name);
          if (service && !daemons.has(service)) daemons.set(service, file.path);
          const engine = ENGINES.exec(name)?.[0];
          if (engine && !engines.has(engine)) engines.set(engine, file.path);
          if (engine) containers = true;
          // Debian's and Fedora's server package, or Arch's and Alpine's whole OpenSSH.
          if (name === 'openssh-server' || name === 'openssh') ssh ??= file.path;
          if (name === 'unattended-upgrades' || name === 'dnf-automatic')
            selfUpdating ??= file.path;
        }
      }
      // At the root or in a top folder for installing (wazuh's `install_functions/`), an
      // installer by its name, or by what it does: installs packages and starts the services
      // they bring (seafile-server-installer's `seafile-11.0_ubuntu`).
      if (
        installs &&
        !containers &&
        (!file.path.includes('/') || /^(install|setup|bootstrap)[\w-]*\/[^/]+$/i.test(file.path)) &&
        (/install|setup|bootstrap/i.test(file.name) || startsServices)
      )
        installer ??= file.path;
    }
    const findings: Finding[] = [];
    if (daemons.size >= 2) {
      const first = [...daemons.values()][0]!;
      const scripts = new Set(daemons.values()).size;
      findings.push({
        question: 'processes',
        value: processesFor(daemons.size),
        strength: 2,
        file: first,
        reason: `shell scripts install or enable ${daemons.size} daemons to run side by side: ${listOf(daemons.keys())}${scripts > 1 ? ` (in ${scripts} scripts)` : ''}`,
      });
    }
    if (engines.size > 0)
      findings.push({
        question: 'nesting',
        value: 'yes',
        strength: 2,
        file: [...engines.values()][0]!,
        reason: `shell scripts install a container engine or a Kubernetes node (${listOf(engines.keys())}): it runs containers itself`,
      });
    if (installer)
      findings.push(
        {
          question: 'updates',
          value: 'in-place',
          strength: 2,
          file: installer,
          reason:
            "an installer script: it installs onto a distribution's system with its package manager, which upgrades it in place",
        },
        {
          question: 'imageSource',
          value: 'distro-image',
          strength: 2,
          file: installer,
          reason:
            "an installer script: it installs onto a distribution's system, not into an image",
        },
      );
    // Installed onto a system (not into an image, whose scripts a Dockerfile may run), its
    // daemons run as the system's services.
    if (installer && daemons.size > 0)
      findings.push({
        question: 'init',
        value: 'yes',
        strength: 1,
        file: installer,
        reason: `the daemons the installer sets up run as the system's services: ${listOf(daemons.keys())}`,
      });
    if (refuses)
      findings.push({
        question: 'kernel',
        value: 'own',
        strength: 2,
        file: refuses.file,
        reason: `the script refuses to run in a container (it tests for ${listOf(refuses.kinds)} and exits): it needs a kernel of its own`,
      });
    if (bootsKernel)
      findings.push({
        question: 'kernel',
        value: 'own',
        strength: 2,
        file: bootsKernel.file,
        reason: `the script installs a kernel and boots into it (${bootsKernel.kernel}): a container cannot`,
      });
    if (crontab)
      findings.push({
        question: 'cron',
        value: 'yes',
        strength: 2,
        file: crontab,
        reason: 'writes a crontab: jobs run on a schedule beside it',
      });
    if (selfUpdating)
      findings.push({
        question: 'updates',
        value: 'in-place',
        strength: 2,
        file: selfUpdating,
        reason: 'installs unattended upgrades: the system patches its own packages in place',
      });
    if (ssh)
      findings.push({
        question: 'login',
        value: 'yes',
        strength: 1,
        file: ssh,
        reason: 'installs an SSH server',
      });
    if (enables)
      findings.push({
        question: 'init',
        value: 'yes',
        strength: 2,
        file: enables.file,
        reason: `enables services at boot with systemctl (${enables.service})`,
      });
    if (upgrades)
      findings.push({
        question: 'updates',
        value: 'in-place',
        strength: 1,
        file: upgrades,
        reason: 'upgrades the installed packages in place',
      });
    // Scripts that set up an orchestrator's agent (Nomad, kubelet) provision the hosts under
    // its workloads (a homelab's Packer provisioners), not the workloads.
    const hostOf = platformHostOf([...daemons.keys(), ...engines.keys()]);
    return hostOf ? findings.map((f) => ({ ...f, hostOf })) : findings;
  },
};
