// Configuration management: Ansible, Chef, Puppet and Salt code provisions long-lived hosts.
import { posix } from 'node:path';
import { hostBase, matchesAny } from '../host/base.js';
import { isRecord, yamlDocuments } from '../read-yaml.js';
import { toolingRole } from '../roles.js';
import {
  type ConfigurationTool,
  type Finding,
  listOf,
  platformHostOf,
  processesFor,
  type Scanner,
  short,
  type TextFile,
} from '../types.js';

const IN_PLACE = 'provisioning by configuration management changes running systems in place';

/** A Jinja value that is off unless something sets it: `{{ … | default(false) }}`. */
const FALLS_BACK_TO_OFF =
  /^\{\{[^{}]*\|\s*default\(\s*(?:false|False|no|''|"")\s*(?:,\s*(?:true|True)\s*)?\)\s*\}\}$/;

/** What the provisioned services and cron jobs say about processes, init and cron. */
function managed(
  tool: string,
  services: ReadonlyMap<string, string>,
  cronFile: string | undefined,
  together?: { names: readonly string[]; where: string },
  optional: readonly string[] = [],
  bringsUpContainers = false,
): Finding[] {
  const findings: Finding[] = [];
  if (services.size > 0) {
    const names = [...services.keys()];
    const file = services.get(names[0]!)!;
    const list = listOf(names);
    const files = new Set(services.values()).size;
    // The base system's services (chrony, firewalld) do not stop a host being an orchestrator's.
    // Nor do the services of a home server's own (ZFS scrubs, a backup agent) when it sets up a
    // container engine: beside Compose files of the repository's own, it is their Docker host
    // (brettinternet/homelab's playbooks under its compose/ stacks). Not when the playbooks
    // bring those projects up themselves (lemmy-ansible): then they are the deployment.
    const engineServices = hostBase.containerEngines.flatMap((e) => e.services);
    const engines = names.filter((n) =>
      matchesAny(n.replace(/\.service$/, '').toLowerCase(), engineServices),
    );
    const hostOf =
      platformHostOf(
        names.filter(
          (n) => !matchesAny(n.replace(/\.(service|socket|timer)$/, ''), hostBase.baseServices),
        ),
      ) ?? (engines.length > 0 && !bringsUpContainers ? platformHostOf(engines) : undefined);
    const host = hostOf ? { hostOf } : {};
    findings.push({
      question: 'init',
      value: 'yes',
      strength: 2,
      file,
      reason: `${tool} manages ${names.length} system service(s) through the init system: ${list}`,
      ...host,
    });
    // The workload's services: not the base system's (sshd, rsyslog, systemd-networkd, as the
    // host lists in rules/host-base.yaml have them), nor a template left half-read.
    // A unit and its socket are one service: dnscrypt-proxy.socket is dnscrypt-proxy.
    // Only the services set up on the same hosts run side by side (one play's roles, not every
    // role of a collection, whose roles may each go to hosts of their own).
    // A timer and the unit it starts are a scheduled job (cron), not a daemon beside the others.
    const scheduled = new Set(
      names.filter((n) => n.endsWith('.timer')).map((n) => n.replace(/\.timer$/, '')),
    );
    const own = [
      ...new Set((together?.names ?? names).map((n) => n.replace(/\.(service|socket|timer)$/, ''))),
    ]
      // Units that are not daemons (a CIS role's tmp.mount, a target) run nothing beside them.
      .filter((n) => !/\.(mount|automount|swap|target|slice|scope|path)$/.test(n))
      .filter((n) => !/[{}]/.test(n) && !scheduled.has(n) && !matchesAny(n, hostBase.baseServices));
    // One daemon of its own (consul, prosody): a single service, a weaker sign than a count of
    // several. Said only of Ansible, whose switches and conditions are read (a service behind
    // one that is off is left out), and not of a container engine, whose containers are the
    // workload. Chef, Puppet and Salt services are found by name alone: one found there is
    // often a helper beside a daemon set up another way (swift-init, a templated name). Nor
    // of a collection whose roles each go to hosts of their own: how they are put together is
    // not in the repository.
    const wholeRepository = together === undefined || together.where.startsWith('one play');
    if (own.length === 1 && tool === 'Ansible' && engines.length === 0 && wholeRepository)
      findings.push({
        question: 'processes',
        value: 'single',
        strength: 1,
        file: services.get(own[0] ?? '') ?? file,
        reason: `${tool} runs one service of its own on the host: ${own[0]}${optional.length > 0 ? `; not counted, off unless switched on: ${listOf(optional)}` : ''}`,
        ...host,
      });
    if (own.length >= 2)
      findings.push({
        question: 'processes',
        value: processesFor(own.length),
        strength: 2,
        file: services.get(together?.names[0] ?? '') ?? file,
        reason: `${tool} runs ${own.length} services on the host${together ? ` (${together.where})` : ''}: ${listOf(own)}${files > 1 && !together ? ` (set up in ${files} files)` : ''}${optional.length > 0 ? `; not counted, off unless switched on: ${listOf(optional)}` : ''}`,
        ...host,
      });
    findings.push({
      question: 'login',
      value: 'yes',
      strength: 1,
      file,
      reason: `${tool} provisions a host that operators run like a server`,
      ...host,
    });
    // A container engine set up: the host runs containers of its own.
    // The container engines are those host detection knows (rules/host-base.yaml).
    if (engines.length > 0)
      findings.push({
        question: 'nesting',
        value: 'yes',
        strength: 2,
        file,
        reason: `${tool} sets up a container engine (${listOf(engines)}): it runs containers itself`,
        ...host,
      });
  }
  if (cronFile)
    findings.push({
      question: 'cron',
      value: 'yes',
      strength: 2,
      file: cronFile,
      reason: `${tool} installs cron jobs`,
    });
  return findings;
}

/**
 * The tool's findings with those about its services. When the services make the hosts an
 * orchestrator's (a container engine and the network it joins), so does the rest of the code
 * that provisions them: its playbooks and configuration are the hosts' too.
 */
function alongside(findings: readonly Finding[], managedFindings: readonly Finding[]): Finding[] {
  const hostOf = managedFindings.find((f) => f.hostOf)?.hostOf;
  return [...(hostOf ? findings.map((f) => ({ ...f, hostOf })) : findings), ...managedFindings];
}

/** Service names and cron resources found by a pattern in each file. */
/**
 * Modules and cookbooks of other authors that set up a daemon, by the daemon: what a Puppet
 * manifest declares or a Chef recipe includes runs on the same host.
 */
const DAEMON_MODULES: ReadonlyMap<string, string> = new Map([
  ['apache', 'apache'],
  ['apache2', 'apache'],
  ['nginx', 'nginx'],
  ['mysql', 'mysql'],
  ['mariadb', 'mysql'],
  ['postgresql', 'postgresql'],
  ['redis', 'redis'],
  ['rabbitmq', 'rabbitmq'],
  ['memcached', 'memcached'],
  ['haproxy', 'haproxy'],
  ['elasticsearch', 'elasticsearch'],
  ['mongodb', 'mongodb'],
  ['postfix', 'postfix'],
  ['dovecot', 'dovecot'],
  ['bind', 'bind'],
  ['icinga2', 'icinga2'],
  ['influxdb', 'influxdb'],
  ['grafana', 'grafana'],
  ['prometheus', 'prometheus'],
  ['php_fpm', 'php-fpm'],
]);

function byPattern(
  files: readonly TextFile[],
  service: RegExp,
  cron: RegExp,
  stopped: RegExp,
): { services: Map<string, string>; cronFile: string | undefined } {
  const services = new Map<string, string>();
  let cronFile: string | undefined;
  for (const file of files) {
    for (const match of file.text.matchAll(service)) {
      // A service the resource stops (puppet-bind's plain named beside named-chroot) is not run.
      const rest = file.text.slice(match.index + match[0].length);
      const end = rest.search(/^[ \t]*(?:\}|end\b)/m);
      const body = end < 0 ? rest : rest.slice(0, end);
      if (!services.has(match[1]!) && !stopped.test(body)) services.set(match[1]!, file.path);
    }
    if (!cronFile && cron.test(file.text)) cronFile = file.path;
  }
  return { services, cronFile };
}

function provisioned(
  value: ConfigurationTool,
  file: TextFile,
  reason: string,
  strength: 2 | 3 = 3,
): Finding[] {
  return [
    { question: 'configManagement', value, strength, file: file.path, reason },
    {
      question: 'updates',
      value: 'in-place',
      strength: 1,
      file: file.path,
      reason: IN_PLACE,
      runsOf: value,
    },
  ];
}

export const ansibleScanner: Scanner = {
  name: 'ansible',
  wants: (path, name) =>
    name === 'ansible.cfg' ||
    /\.ya?ml$/i.test(name) ||
    /(^|\/)(inventory|hosts)(\.ini)?$/.test(path),
  scan(files) {
    const findings: Finding[] = [];
    const services = new Map<string, string>();
    let cronFile: string | undefined;
    // Roles: under roles/, or a folder with meta/main.yml (a role at the repository's root).
    const roleRoots = new Set(
      files.flatMap((f) =>
        /(^|\/)meta\/main\.ya?ml$/.test(f.path) ? [f.path.replace(/meta\/main\.ya?ml$/, '')] : [],
      ),
    );
    const roleOf = (path: string): string | undefined => {
      // Task files may sit in folders of their own (tasks/amplify/install-amplify.yml).
      const match = /^(.*?)(tasks|handlers)\/(?:[^/]+\/)*[^/]+\.ya?ml$/.exec(path);
      if (!match) return undefined;
      const root = match[1]!;
      if (/(^|\/)roles\/[^/]+\/$/.test(root) || roleRoots.has(root)) return root;
      return undefined;
    };
    // Task and handler files: every one of a role's, and those a playbook imports.
    const taskFiles = new Set<string>();
    const rolesSeen = new Set<string>();
    // What sets each service up (a role's folder, or a playbook's own tasks), and what each
    // play applies to its hosts: the services that run side by side are one play's.
    const origins = new Map<string, Set<string>>();
    const plays: { where: string; parts: string[] }[] = [];
    // Container engines set up by other authors' roles a play applies, by the playbook.
    const engineRoles = new Map<string, string>();
    const isAnsible = (file: TextFile) =>
      taskFiles.has(file.path) || findings.some((f) => f.file === file.path);
    for (const file of files) {
      if (file.name === 'ansible.cfg') {
        findings.push(...provisioned('ansible', file, 'an Ansible configuration'));
        continue;
      }
      const role = roleOf(file.path);
      if (role !== undefined) {
        // Every task and handler file of a role: main.yml, and the files it includes.
        taskFiles.add(file.path);
        if (!rolesSeen.has(role)) {
          rolesSeen.add(role);
          const name =
            role === '' ? 'at the repository root' : role.replace(/\/$/, '').split('/').pop();
          findings.push(...provisioned('ansible', file, `an Ansible role (${name})`));
        }
        continue;
      }
      // A playbook names its hosts in each play, at the top of a list item: a file that does
      // not (a locale, a schema, a CRD whose properties include `hosts:`) is not parsed.
      if (!/\.ya?ml$/i.test(file.name) || !/^(-[ \t]+|[ \t]{2,4})hosts:/m.test(file.text)) continue;
      const doc = yamlDocuments(file)[0];
      // A playbook: a list of plays, each with hosts and tasks or roles.
      if (
        Array.isArray(doc) &&
        doc.some(
          (play) => isRecord(play) && 'hosts' in play && ('tasks' in play || 'roles' in play),
        )
      ) {
        findings.push(...provisioned('ansible', file, 'an Ansible playbook'));
        for (const play of doc) {
          if (!isRecord(play) || !('hosts' in play)) continue;
          const roles = Array.isArray(play.roles) ? play.roles : [];
          const parts = roles
            .map((r) => (isRecord(r) ? (r.role ?? r.name) : r))
            .filter((r): r is string => typeof r === 'string')
            .map((r) => `role ${r.split('/').pop()}`);
          if ('tasks' in play || 'pre_tasks' in play || 'post_tasks' in play)
            parts.push(`file ${file.path}`);
          // Roles a play's tasks include or import (include_role: name: wazuh-agent).
          visitTasks(play, (module, args) => {
            if (
              /^(ansible\.builtin\.)?(include|import)_role$/.test(module) &&
              isRecord(args) &&
              typeof args.name === 'string'
            )
              parts.push(`role ${args.name.split('/').pop()}`);
          });
          const hosts = typeof play.hosts === 'string' ? play.hosts : 'its hosts';
          plays.push({ where: `${file.path}, hosts ${short(hosts, 40)}`, parts });
          // A role of another author that sets up a container engine (geerlingguy.docker):
          // its service runs on these hosts as if the play started it.
          for (const part of parts) {
            const engine = /^role (?:[\w-]+\.)?(?:ansible[-_]role[-_])?(docker|podman)$/.exec(
              part,
            )?.[1];
            if (engine) engineRoles.set(engine, file.path);
          }
        }
      }
    }
    // Task files a playbook imports or includes (tasks/docker.yml), and what they include, are
    // its own tasks.
    const paths = new Set(files.map((f) => f.path));
    for (let grew = true; grew; ) {
      grew = false;
      for (const file of files) {
        if (!isAnsible(file) || roleOf(file.path) !== undefined || !/\.ya?ml$/i.test(file.name))
          continue;
        visitTasks(yamlDocuments(file)[0], (module, args, task) => {
          if (!INCLUDE_MODULES.has(module)) return;
          for (const target of loopedTargets(includeTarget(args), task)) {
            const to = includedFile(file.path, target, undefined, paths);
            if (to && !taskFiles.has(to) && roleOf(to) === undefined) {
              taskFiles.add(to);
              grew = true;
            }
          }
        });
      }
    }
    // Role defaults and vars: a templated service name ({{ nomad_service_name }}) by its value.
    // Switches a role leaves off by default (nginx_amplify_enable: false) are noted too.
    const variables = new Map<string, string>();
    const off = new Set<string>();
    // Every value a role's defaults and vars give a setting, for `when: x == "cyrus"`.
    const settings = new Map<string, Set<string>>();
    for (const file of files) {
      if (!/(^|\/)(defaults|vars)\/([^/]+\/)?[^/]+\.ya?ml$/.test(file.path)) continue;
      const values = yamlDocuments(file)[0];
      if (isRecord(values))
        for (const [key, value] of Object.entries(values)) {
          if (typeof value === 'string' && !value.includes('{{') && !variables.has(key))
            variables.set(key, value);
          if (typeof value === 'string')
            settings.set(key, (settings.get(key) ?? new Set<string>()).add(value));
          // Off by default: false, or an empty string or nothing (an API key left unset), or
          // an expression that falls back to false when the play does not set it
          // ("{{ lookup('env', 'CONSUL_DNSMASQ_ENABLE') | default(false, true) }}").
          if (value === false || value === '' || value === null) off.add(key);
          else if (typeof value === 'string' && FALLS_BACK_TO_OFF.test(value.trim())) off.add(key);
        }
    }
    // And a play's own vars (npawelek/home-ops's `nfsd_service_name: nfsd-block-size.service`).
    for (const file of files) {
      if (!isAnsible(file) || !/\.ya?ml$/i.test(file.name) || !/^[ \t]*vars:/m.test(file.text))
        continue;
      const plays = yamlDocuments(file)[0];
      if (!Array.isArray(plays)) continue;
      for (const play of plays)
        if (isRecord(play) && 'hosts' in play && isRecord(play.vars))
          for (const [key, value] of Object.entries(play.vars))
            if (typeof value === 'string' && !value.includes('{{') && !variables.has(key))
              variables.set(key, value);
    }
    // A switch the repository sets nowhere (no key of that name in its variables, inventory or
    // plays; only a Molecule test turns on ansible-nas's `speedtest_enabled`) is off until a
    // user sets it. Read only when a condition asks, from every file but tooling.
    let named: Set<string> | undefined;
    const setSomewhere = (name: string) => {
      named ??= new Set(
        files
          .filter((f) => toolingRole(f.path) === undefined)
          .flatMap((f) => [
            ...[...f.text.matchAll(/^[ \t]*(?:-[ \t]+)?([A-Za-z_]\w*)[ \t]*[:=]/gm)].map(
              (m) => m[1]!,
            ),
            ...[...f.text.matchAll(/\b(?:register|loop_var|name):[ \t]*["']?([A-Za-z_]\w*)/g)].map(
              (m) => m[1]!,
            ),
          ]),
      );
      return named.has(name);
    };
    const optional = optionsOffByDefault(
      files.filter((f) => isAnsible(f) && /\.ya?ml$/i.test(f.name)),
      off,
      settings,
      roleOf,
      setSomewhere,
    );
    const leftOut = new Set<string>();
    const restartedOnly = new Map<string, string>();
    const installed = new Set<string>();
    const containers = new Map<string, string>();
    let deploys: { file: string; module: string; value: 'compose' | 'swarm' } | undefined;
    const setUp = (service: string, path: string) => {
      if (!services.has(service)) services.set(service, path);
      const role = roleOf(path);
      const origin =
        role !== undefined
          ? `role ${role.replace(/\/$/, '').split('/').pop() ?? ''}`
          : `file ${path}`;
      origins.set(service, (origins.get(service) ?? new Set()).add(origin));
    };
    // Services and cron jobs the playbooks and roles set up.
    for (const file of files) {
      if (!isAnsible(file) || !/\.ya?ml$/i.test(file.name)) continue;
      const fileOff = optional.offFiles.has(file.path);
      visitTasks(yamlDocuments(file)[0], (module, args, task, enclosing) => {
        // A service stopped or disabled (a legacy one removed, an agent turned off) runs nowhere.
        if (SERVICE_MODULES.has(module) && stopsService(args)) return;
        if (PACKAGE_MODULES.test(module)) {
          const given = taskArgument(args, 'name');
          for (const name of Array.isArray(given) ? given : [given])
            if (typeof name === 'string') installed.add(name.toLowerCase());
        }
        // A unit the plays write (`dest: /etc/systemd/system/app.service`) is one they set up.
        const dest = taskArgument(args, 'dest');
        const unit =
          typeof dest === 'string'
            ? /\/systemd\/system\/([\w@.-]+)\.service$/.exec(dest)?.[1]
            : undefined;
        if (unit !== undefined) installed.add(unit.toLowerCase());
        // A service a playbook's task (not a role's, nor a handler) only restarts or reloads, with
        // no daemon reload, is one set up elsewhere that the play maintains (npawelek/home-ops
        // restarts unifi-core and Hyperion after copying certificates onto those machines):
        // counted only when the plays install its package or write its unit.
        const state = taskArgument(args, 'state');
        if (
          SERVICE_MODULES.has(module) &&
          (state === 'restarted' || state === 'reloaded') &&
          taskArgument(args, 'enabled') === undefined &&
          taskArgument(args, 'daemon_reload') === undefined &&
          roleOf(file.path) === undefined &&
          !/(^|\/)handlers\//.test(file.path) &&
          !enclosing.some((e) => Array.isArray(e.handlers) && e.handlers.includes(task))
        ) {
          const name = taskArgument(args, 'name');
          if (typeof name === 'string' && !name.includes('{{')) restartedOnly.set(name, file.path);
          return;
        }
        if (SERVICE_MODULES.has(module)) {
          // Set up only when a switch that is off by default is turned on: an option.
          if (fileOff || optional.isOff(task, enclosing) || optional.onlyNotifiedWhenOff(task)) {
            const name = isRecord(args) && typeof args.name === 'string' ? args.name : undefined;
            if (name && !name.includes('{{')) leftOut.add(name);
            return;
          }
          // A task over a list (`name: "{{ item }}"` with `loop: [nomad, consul]`): each item.
          // Over a list known only when the play runs (a registered result), the names are
          // unknown: none is counted, rather than the loop variable's own name.
          const { items, loopVariable } = loopOf(task);
          if (
            isRecord(args) &&
            typeof args.name === 'string' &&
            new RegExp(`^\\{\\{\\s*${loopVariable}\\s*\\}\\}$`).test(args.name.trim())
          ) {
            if (Array.isArray(items))
              for (const item of items) if (typeof item === 'string') setUp(item, file.path);
            return;
          }
          const given = taskArgument(args, 'name');
          const name = typeof given === 'string' ? given : undefined;
          // A templated name ({{ nginx_service_name }}) is still a service: named by the
          // variable's default when the role has one, else by the variable.
          const variable = name?.includes('{{') ? /\{\{\s*([\w.]+)/.exec(name)?.[1] : undefined;
          const shown = variable === undefined ? name : (variables.get(variable) ?? variable);
          if (shown) setUp(shown, file.path);
        }
        // A container run from an image (community.docker.docker_container): the playbook
        // is its orchestrator, and the container is replaced, not patched, to update it.
        // A handler only restarts one (`restart: true`), on notice.
        if (
          CONTAINER_MODULES.test(module) &&
          !/(^|\/)handlers\//.test(file.path) &&
          !fileOff &&
          !optional.isOff(task, enclosing)
        ) {
          const given = taskArgument(args, 'name');
          const variable =
            typeof given === 'string'
              ? /^\{\{\s*([\w.]+)\s*\}\}$/.exec(given.trim())?.[1]
              : undefined;
          const name = variable === undefined ? given : (variables.get(variable) ?? given);
          if (typeof name === 'string' && typeof taskArgument(args, 'image') === 'string')
            if (!containers.has(name)) containers.set(name, file.path);
        }
        if (CRON_MODULES.has(module)) cronFile ??= file.path;
        const brings = /(^|\.)(docker_compose(_v2)?|docker_stack)$/.exec(module)?.[2];
        if (brings && !deploys)
          deploys = {
            file: file.path,
            module,
            value: brings === 'docker_stack' ? 'swarm' : 'compose',
          };
      });
    }
    for (const [name, path] of restartedOnly) {
      const plain = name.replace(/(@.*)?(\.service)?$/, '').toLowerCase();
      if (
        [...installed].some(
          (p) => p === plain || p.startsWith(`${plain}-`) || plain.startsWith(`${p}-`),
        )
      )
        setUp(name, path);
    }
    for (const name of services.keys()) leftOut.delete(name);
    for (const [engine, path] of engineRoles) if (!services.has(engine)) setUp(engine, path);
    // Compose projects or Swarm stacks the playbooks bring up: they deploy containers (Internet
    // Pi's monitoring and Pi-hole stacks), on the host the rest of the playbooks set up.
    const deployed: Finding[] = deploys
      ? [
          {
            question: 'orchestrator',
            value: deploys.value,
            strength: 2,
            file: deploys.file,
            reason: `Ansible brings up ${deploys.value === 'swarm' ? 'Swarm stacks' : 'Compose projects'} (${deploys.module})`,
          },
        ]
      : [];
    // Containers the playbooks run, two or more: each is a service of its own, and each file
    // that runs them says it is updated by replacing them, as a chart's workloads do.
    const containerFindings: Finding[] =
      containers.size >= 2
        ? [
            {
              question: 'processes',
              value: 'single',
              strength: 2,
              file: [...containers.values()][0]!,
              reason: `Ansible runs ${containers.size} containers, each a service of its own: ${listOf([...containers.keys()])}`,
            },
            ...[...new Set(containers.values())].map(
              (path): Finding => ({
                question: 'updates',
                value: 'replace',
                strength: 1,
                file: path,
                reason: 'Ansible runs containers from images: updating one replaces it',
              }),
            ),
          ]
        : [];
    const all = [
      ...containerFindings,
      ...alongside(
        findings,
        managed(
          'Ansible',
          services,
          cronFile,
          sideBySide(services, origins, plays),
          [...leftOut],
          deploys !== undefined,
        ),
      ),
      ...deployed,
    ];
    // An Ansible operator (Operator SDK's watches.yaml maps its custom resources to playbooks
    // and roles): its Ansible runs in the operator's image against Kubernetes' API, and
    // provisions no host (kiali-operator).
    const watches = files.find(
      (f) =>
        /^watches[\w.-]*\.ya?ml$/i.test(f.name) &&
        /^[ \t]*(-[ \t]+)?kind:/m.test(f.text) &&
        /^[ \t]*(-[ \t]+)?(playbook|role):/m.test(f.text),
    );
    return watches
      ? all.map((f) => ({
          ...f,
          tooling: `the logic of an Ansible operator (${watches.path}): it runs in the operator's image, against Kubernetes' API`,
        }))
      : all;
  },
};

/**
 * The services a Salt state with Jinja keeps running, read line by line (linear, whatever the
 * file): a state id at the start of a line, then `service.running` (or `service:` and
 * `- running`) indented under it, named by its `- name:` when it has one (bind_restart's is
 * `{{ map.service }}`, the same as bind's), else by its id. A templated name is named by its
 * variable.
 */
function runningServices(text: string): string[] {
  const names: string[] = [];
  let id: string | undefined;
  let service = false;
  // The state found running, until its `- name:` (or the next state) says what it is called.
  let running: string | undefined;
  const add = (name: string) => {
    const shown = name.includes('{{') ? /\{\{\s*([\w.]+)/.exec(name)?.[1] : name;
    if (shown && !names.includes(shown)) names.push(shown);
  };
  for (const line of text.split('\n')) {
    const top = /^([^\s#-][^:]*):\s*$/.exec(line);
    if (top) {
      if (running !== undefined) add(running);
      running = undefined;
      id = top[1]!.trim();
      service = false;
      continue;
    }
    if (running !== undefined) {
      const named = /^\s+-\s*name:\s*(\S.*?)\s*$/.exec(line);
      if (named) {
        add(named[1]!.replace(/^['"]|['"]$/g, ''));
        running = undefined;
      } else if (/^\s+-?\s*[\w]+\.\w+:?\s*$/.test(line) && !/^\s+-/.test(line)) {
        // Another function of the same state: the service keeps its id.
        add(running);
        running = undefined;
      }
      continue;
    }
    if (id === undefined || !/^\s/.test(line)) continue;
    if (/^\s+service:\s*$/.test(line)) service = true;
    if (/^\s+-?\s*service\.running\b/.test(line) || (service && /^\s+-\s*running\b/.test(line))) {
      running = id;
      id = undefined;
    }
  }
  if (running !== undefined) add(running);
  return names;
}

const INCLUDE_MODULES = new Set([
  'include',
  'include_tasks',
  'import_tasks',
  'ansible.builtin.include_tasks',
  'ansible.builtin.import_tasks',
]);

/**
 * What a role sets up only when a switch it leaves off by default is turned on
 * (`include_tasks: amplify.yml` with `when: nginx_amplify_enable | bool`, which defaults to
 * false): the task files included only that way (and what they include), the tasks under such
 * a `when:`, and the handlers that only those notify.
 */
function optionsOffByDefault(
  files: readonly TextFile[],
  off: ReadonlySet<string>,
  settings: ReadonlyMap<string, ReadonlySet<string>>,
  roleOf: (path: string) => string | undefined,
  setSomewhere: (name: string) => boolean,
): {
  offFiles: ReadonlySet<string>;
  isOff: (task: Record<string, unknown>, enclosing: readonly Record<string, unknown>[]) => boolean;
  onlyNotifiedWhenOff: (handler: Record<string, unknown>) => boolean;
} {
  // A condition needs the switch on: one of its `and`ed parts is the switch (`x`, `x | bool`,
  // `x is truthy`), or that it is set (`x | length > 0`, `x != ''`), or that a setting has a
  // value its defaults never give it (`prosody_authentication == "cyrus"`, default
  // internal_hashed).
  const needsOff = (when: unknown): boolean =>
    (Array.isArray(when) ? when : [when]).some(
      (condition) =>
        typeof condition === 'string' &&
        condition.split(/\s+and\s+/).some((part) => {
          const name =
            /^\(?\s*([A-Za-z_]\w*)\s*(?:\|\s*(?:bool|length)\s*)?(?:(?:>\s*0|!=\s*(?:''|""))\s*)?(?:is\s+(?:truthy|true|sameas\s+true)\s*)?\)?$/.exec(
              part.trim(),
            )?.[1];
          if (name !== undefined) return off.has(name) || !setSomewhere(name);
          const equals = /^\(?\s*([A-Za-z_]\w*)\s*==\s*(['"])([^'"]*)\2\s*\)?$/.exec(part.trim());
          if (equals === null) return false;
          const given = settings.get(equals[1] ?? '');
          return given !== undefined && !given.has(equals[3] ?? '');
        }),
    );
  const isOff = (task: Record<string, unknown>, enclosing: readonly Record<string, unknown>[]) =>
    [task, ...enclosing].some((t) => t.when !== undefined && needsOff(t.when));
  const paths = new Set(files.map((f) => f.path));
  const edges: { from: string; to: string; off: boolean }[] = [];
  const notified: { file: string; names: string[]; off: boolean }[] = [];
  for (const file of files)
    visitTasks(yamlDocuments(file)[0], (module, args, task, enclosing) => {
      if (module === 'notify') {
        const names = (Array.isArray(args) ? args : [args]).filter(
          (n): n is string => typeof n === 'string',
        );
        notified.push({ file: file.path, names, off: isOff(task, enclosing) });
      }
      if (!INCLUDE_MODULES.has(module)) return;
      const target = includeTarget(args);
      const to = target && includedFile(file.path, target, roleOf(file.path), paths);
      if (to) edges.push({ from: file.path, to, off: isOff(task, enclosing) });
    });
  // Files nothing includes run; so does what they include unless under a switch that is off.
  const included = new Set(edges.map((e) => e.to));
  const running = new Set([...paths].filter((p) => !included.has(p)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const edge of edges)
      if (!edge.off && running.has(edge.from) && !running.has(edge.to)) {
        running.add(edge.to);
        grew = true;
      }
  }
  const offFiles = new Set([...included].filter((p) => !running.has(p)));
  const notifiedWhenOn = new Set(
    notified.filter((n) => !n.off && running.has(n.file)).flatMap((n) => n.names),
  );
  const notifiedAtAll = new Set(notified.flatMap((n) => n.names));
  const onlyNotifiedWhenOff = (handler: Record<string, unknown>) => {
    const names = [
      handler.name,
      ...(Array.isArray(handler.listen) ? handler.listen : [handler.listen]),
    ].filter((n): n is string => typeof n === 'string');
    return names.some((n) => notifiedAtAll.has(n)) && !names.some((n) => notifiedWhenOn.has(n));
  };
  return { offFiles, isOff, onlyNotifiedWhenOff };
}

/** A task's loop: its items (`loop:`, `with_items:`) and the variable each is named by. */
function loopOf(task: Record<string, unknown>): { items: unknown; loopVariable: string } {
  const named = isRecord(task.loop_control) ? task.loop_control.loop_var : undefined;
  return {
    items: task.loop ?? task.with_items,
    loopVariable: typeof named === 'string' && /^\w+$/.test(named) ? named : 'item',
  };
}

/**
 * The files an include names, over its loop when it has one (`include_tasks:
 * "tasks/{{ item }}.yml"` with `loop: [traefik, jellyfin]`: one file per item).
 */
function loopedTargets(target: string | undefined, task: Record<string, unknown>): string[] {
  if (target === undefined) return [];
  const { items, loopVariable } = loopOf(task);
  const placeholder = new RegExp(`\\{\\{\\s*${loopVariable}\\s*\\}\\}`).exec(target)?.[0];
  if (!Array.isArray(items) || placeholder === undefined) return [target];
  return items
    .filter((item): item is string => typeof item === 'string' && /^[\w.-]+$/.test(item))
    .map((item) => target.replaceAll(placeholder, item));
}

/** The file an include_tasks or import_tasks names (`file: x.yml`, or the value itself). */
function includeTarget(args: unknown): string | undefined {
  const target = isRecord(args) ? args.file : args;
  return typeof target === 'string' ? target : undefined;
}

/** The file an include names: from the role's path, the including file's folder or tasks/. */
function includedFile(
  from: string,
  target: string,
  role: string | undefined,
  paths: ReadonlySet<string>,
): string | undefined {
  const fromRole = /^\{\{\s*role_path\s*\}\}\/(.*)$/.exec(target.trim());
  if (fromRole) return role !== undefined ? posix.normalize(role + fromRole[1]) : undefined;
  if (target.includes('{{')) return undefined;
  const candidates = [posix.join(posix.dirname(from), target)];
  if (role !== undefined) candidates.push(posix.join(`${role}tasks`, target));
  return candidates.find((c) => paths.has(c));
}

/** Modules that install packages (`ansible.builtin.apt`, `package`, `community.general.pacman`). */
const PACKAGE_MODULES = /(^|\.)(apt|yum|dnf|package|zypper|apk|pacman|homebrew)$/;

const SERVICE_MODULES = new Set([
  'service',
  'systemd',
  'systemd_service',
  'ansible.builtin.service',
  'ansible.builtin.systemd',
  'ansible.builtin.systemd_service',
]);
const CRON_MODULES = new Set(['cron', 'ansible.builtin.cron']);
const CONTAINER_MODULES =
  /^(?:community\.docker\.docker_container|containers\.podman\.podman_container|docker_container|podman_container)$/;

/** A task's argument, given as YAML (`name: nginx`) or in the short form (`name=nginx`). */
function taskArgument(args: unknown, key: string): unknown {
  if (isRecord(args)) return args[key];
  return typeof args === 'string'
    ? new RegExp(`(?:^|\\s)${key}=(\\S+)`).exec(args)?.[1]
    : undefined;
}

/** Whether a service task's arguments stop it (`state: stopped`) or disable it without starting it. */
function stopsService(args: unknown): boolean {
  const state = taskArgument(args, 'state');
  const enabled = taskArgument(args, 'enabled');
  const off = enabled === false || enabled === 'false' || enabled === 'no';
  // Disabled, with a state an expression chooses between stopping and leaving alone (`"{{
  // 'stopped' if __timesync_is_booted else omit }}"`, linux-system-roles/timesync's "Disable
  // ntpd").
  const stopping =
    typeof state === 'string' &&
    /\bstopped\b/.test(state) &&
    !/\b(started|restarted)\b/.test(state);
  return state === 'stopped' || (off && (state === undefined || stopping));
}

// Calls `visit(module, args)` for every key of every task, through plays, blocks and handlers.
// `enclosing` holds the blocks (and plays) around the task, whose `when:` applies to it too.
function visitTasks(
  node: unknown,
  visit: (
    module: string,
    args: unknown,
    task: Record<string, unknown>,
    enclosing: readonly Record<string, unknown>[],
  ) => void,
  depth = 0,
  enclosing: readonly Record<string, unknown>[] = [],
): void {
  if (depth > 12) return;
  if (Array.isArray(node)) {
    for (const item of node) visitTasks(item, visit, depth + 1, enclosing);
    return;
  }
  if (!isRecord(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (['tasks', 'handlers', 'pre_tasks', 'post_tasks', 'block', 'rescue', 'always'].includes(key))
      visitTasks(value, visit, depth + 1, [...enclosing, node]);
    else visit(key, value, node, enclosing);
  }
}

export const chefScanner: Scanner = {
  name: 'chef',
  wants: (path, name) =>
    name === 'metadata.rb' ||
    name === 'Berksfile' ||
    name === 'Policyfile.rb' ||
    /(^|\/)recipes\/[^/]+\.rb$/.test(path),
  scan(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      if (file.name === 'metadata.rb' && !/^[ \t]*name\s+['"]/m.test(file.text)) continue;
      const reason =
        file.name === 'metadata.rb'
          ? 'a Chef cookbook'
          : /recipes\//.test(file.path)
            ? `a Chef recipe (${file.name})`
            : `a Chef ${file.name}`;
      findings.push(...provisioned('chef', file, reason));
    }
    const { services, cronFile } = byPattern(
      files,
      /^[ \t]*service\s+['"]([\w@.-]+)['"]/gm,
      /^[ \t]*cron(_d)?\s+['"]/m,
      /^[ \t]*action\s+\[?\s*:(?:stop|disable)\b/m,
    );
    // The daemons of other cookbooks it includes (include_recipe 'nginx::default') run here too.
    for (const file of files)
      for (const match of file.text.matchAll(/^[ \t]*include_recipe\s+['"]([a-z][\w-]*)/gm)) {
        const daemon = DAEMON_MODULES.get(match[1]!.replace(/-/g, '_'));
        if (daemon && !services.has(daemon)) services.set(daemon, file.path);
      }
    return alongside(findings, managed('Chef', services, cronFile));
  },
};

export const puppetScanner: Scanner = {
  name: 'puppet',
  wants: (_path, name) => /\.pp$/i.test(name) || name === 'Puppetfile' || name === 'hiera.yaml',
  scan(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      if (
        /\.pp$/i.test(file.name) &&
        !/^[ \t]*(class|node|define|package|service|file|include)\b/m.test(file.text)
      )
        continue;
      findings.push(
        ...provisioned(
          'puppet',
          file,
          /\.pp$/i.test(file.name) ? `a Puppet manifest (${file.name})` : `Puppet's ${file.name}`,
        ),
      );
    }
    const manifests = files.filter((f) => /\.pp$/i.test(f.name));
    const { services, cronFile } = byPattern(
      manifests,
      /\bservice\s*\{\s*['"]([\w@.-]+)['"]/g,
      /\bcron\s*\{/,
      /\bensure\s*=>\s*['"]?(?:stopped|false)\b/,
    );
    // The daemons of other modules it declares (class { 'apache': }, include redis) run here too;
    // not this module's own classes (puppetlabs-apache's `include apache` is itself).
    const own = new Set(
      manifests.flatMap((f) =>
        [...f.text.matchAll(/^[ \t]*(?:class|define)\s+(?:::)?([a-z]\w*)(?:::|\s|\(|\{)/gm)].map(
          (m) => m[1]!,
        ),
      ),
    );
    for (const file of manifests)
      for (const match of file.text.matchAll(
        /^[ \t]*(?:class\s*\{\s*['"](?:::)?|(?:include|contain|require)\s+['"]?(?:::)?)([a-z][\w]*)/gm,
      )) {
        const daemon = own.has(match[1]!) ? undefined : DAEMON_MODULES.get(match[1]!);
        if (daemon && !services.has(daemon)) services.set(daemon, file.path);
      }
    return alongside(findings, managed('Puppet', services, cronFile, byClass(services)));
  },
};

/**
 * The services one of a module's classes sets up, when they come from classes of different
 * namespaces and none from its main class (puppet-mongodb's `mongodb::server` and
 * `mongodb::mongos`, each applied to hosts of their own): only those run side by side.
 */
function byClass(
  services: ReadonlyMap<string, string>,
): { names: string[]; where: string } | undefined {
  const classes = new Map<string, string[]>();
  for (const [name, path] of services) {
    const namespace = /(?:^|\/)manifests\/(?:([^/]+)\/)?[^/]+\.pp$/.exec(path);
    if (!namespace) return undefined;
    const key = namespace[1] ?? '';
    classes.set(key, [...(classes.get(key) ?? []), name]);
  }
  if (classes.size < 2 || classes.has('')) return undefined;
  const [namespace, names] = [...classes].sort((a, b) => b[1].length - a[1].length)[0]!;
  return { names, where: `the most one class sets up: ${namespace}` };
}

export const saltScanner: Scanner = {
  name: 'salt',
  wants: (_path, name) => /\.sls$/i.test(name) || name === 'Saltfile',
  scan(files) {
    const findings = files.flatMap((file) =>
      provisioned(
        'salt',
        file,
        file.name === 'top.sls' ? 'a Salt top file' : `a Salt state (${file.name})`,
      ),
    );
    // A state whose functions include service.running names a service (by `- name:`, or its id).
    const services = new Map<string, string>();
    let cronFile: string | undefined;
    for (const file of files) {
      // A state with Jinja is not YAML until rendered (and `{{ map.service }}` may even parse as
      // a mapping): read its text, line by line.
      if (/\{\{|\{%/.test(file.text)) {
        for (const name of runningServices(file.text))
          if (!services.has(name)) services.set(name, file.path);
        if (/\bcron\.(present|file)\b/.test(file.text)) cronFile ??= file.path;
        continue;
      }
      const doc = yamlDocuments(file)[0];
      if (!isRecord(doc)) continue;
      for (const [id, state] of Object.entries(doc)) {
        if (!isRecord(state)) continue;
        if ('service.running' in state) {
          const args = Array.isArray(state['service.running']) ? state['service.running'] : [];
          const named = args.find(
            (a): a is { name: string } => isRecord(a) && typeof a.name === 'string',
          );
          const name = named?.name ?? id;
          if (!services.has(name)) services.set(name, file.path);
        }
        if ('cron.present' in state || 'cron.file' in state) cronFile ??= file.path;
      }
    }
    return alongside(findings, managed('Salt', services, cronFile));
  },
};

/**
 * The services that run side by side on one set of hosts: the largest that one play applies
 * (its roles and its own tasks). Without plays that apply them, the roles of a collection may
 * each go to hosts of their own: the most one role sets up. Undefined when one role or one file
 * sets up everything (nothing to tell apart).
 */
function sideBySide(
  services: ReadonlyMap<string, string>,
  origins: ReadonlyMap<string, ReadonlySet<string>>,
  plays: readonly { where: string; parts: readonly string[] }[],
): { names: string[]; where: string } | undefined {
  const allOrigins = new Set([...origins.values()].flatMap((o) => [...o]));
  if (allOrigins.size < 2) return undefined;
  const of = (parts: readonly string[]) =>
    [...services.keys()].filter((name) => parts.some((p) => origins.get(name)?.has(p)));
  let best: { names: string[]; where: string } | undefined;
  // Plays that leave some service out (set up by a file they include) cannot tell: all count.
  const applied = new Set(plays.flatMap((p) => p.parts));
  if (plays.length > 0 && [...allOrigins].some((o) => !applied.has(o))) return undefined;
  for (const play of plays) {
    const names = of(play.parts);
    if (names.length > (best?.names.length ?? 0))
      best = { names, where: `one play: ${play.where}` };
  }
  if (best) return best;
  for (const origin of allOrigins) {
    const names = of([origin]);
    if (names.length > (best?.names.length ?? 0))
      best = {
        names,
        where: `the most one ${origin.startsWith('role') ? 'role' : 'file'} sets up`,
      };
  }
  return best;
}
