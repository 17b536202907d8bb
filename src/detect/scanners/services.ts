// How the workload's processes are run: Nomad jobs, Procfiles and heroku.yml, Capistrano deploys, supervisors
// (supervisord, s6, runit), systemd units and timers, crontabs.
import { isRecord, yamlDocuments } from '../read-yaml.js';
import {
  type Finding,
  folderWithSlash,
  isOneshotTask,
  isScheduler,
  listOf,
  pastWrappers,
  platformHostOf,
  processesFor,
  type Scanner,
  type TextFile,
  unitCommand,
} from '../types.js';

export const nomadScanner: Scanner = {
  name: 'nomad',
  // Nomad jobs (*.nomad, *.hcl, *.job, told by content), and Nomad Pack's templates (*.nomad.tpl).
  wants: (_path, name) => /\.(nomad|job)(\.hcl|\.tpl)?$/i.test(name) || /\.hcl$/i.test(name),
  scan(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      // job "name" { … }, or a Nomad Pack template's job [[ template ]] { … }, quoted or not
      // (`job "[[ var "job_name" . ]]" {`).
      if (!/^[ \t]*job\s+("\[\[.*?\]\]"|"[^"]+"|\[\[.*?\]\])\s*\{/m.test(file.text)) continue;
      const driver = /driver\s*=\s*"(\w+)"/.exec(file.text)?.[1];
      findings.push({
        question: 'orchestrator',
        value: 'nomad',
        strength: 3,
        file: file.path,
        reason: `a Nomad job${driver ? ` (driver ${driver})` : ''}`,
      });
      // Tasks of a container driver run images: Nomad replaces them to update them.
      if (driver === 'docker' || driver === 'podman')
        findings.push({
          question: 'updates',
          value: 'replace',
          strength: 1,
          file: file.path,
          reason: `Nomad replaces ${driver} tasks from images to update them`,
        });
      const tasks = [...file.text.matchAll(/^[ \t]*task\s+"[^"]+"/gm)].length;
      if (tasks > 0)
        findings.push({
          question: 'processes',
          value: 'single',
          strength: 1,
          file: file.path,
          reason: `${tasks} task(s), each its own process`,
        });
    }
    return findings;
  },
};

export const procfileScanner: Scanner = {
  name: 'procfile',
  wants: (_path, name) => name === 'Procfile',
  scan(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      const types = [...file.text.matchAll(/^([\w-]+):\s*\S/gm)].map((m) => m[1]!);
      if (types.length === 0) continue;
      // A platform runs the process types (Heroku, Dokku, Scalingo): a scheduler none of the
      // questions' others name. A clear sign, less than an orchestrator's own files.
      findings.push({
        question: 'orchestrator',
        value: 'other',
        strength: 2,
        file: file.path,
        reason: 'a Procfile: a platform such as Heroku or Dokku runs its process types',
      });
      findings.push({
        question: 'updates',
        value: 'replace',
        strength: 1,
        file: file.path,
        reason: 'a Procfile app: releases replace the running processes',
      });
      // Each process type runs as a process of its own (a dyno, or a container each): one service
      // per environment, whatever the number of types.
      findings.push({
        question: 'processes',
        value: 'single',
        strength: types.length === 1 ? 2 : 1,
        file: file.path,
        reason:
          types.length === 1
            ? `one process type (${types[0]})`
            : `${types.length} process types (${listOf(types)}), each run as its own process`,
      });
      if (types.length === 1 && types[0] === 'web')
        findings.push({
          question: 'architecture',
          value: 'monolith',
          strength: 1,
          file: file.path,
          reason: 'a lone web process: one deployable',
        });
    }
    return findings;
  },
};

// Heroku's manifest for images it builds (`heroku.yml`): the platform builds and runs them, one
// dyno per process type, beside the add-ons it provisions (a database, a cache).
export const herokuScanner: Scanner = {
  name: 'heroku',
  wants: (path) => path === 'heroku.yml',
  scan(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      const manifest = yamlDocuments(file)[0];
      if (!isRecord(manifest) || !(isRecord(manifest.build) || isRecord(manifest.run))) continue;
      findings.push(
        {
          question: 'orchestrator',
          value: 'other',
          strength: 3,
          file: file.path,
          reason: 'a heroku.yml: Heroku builds the images and runs them',
        },
        {
          question: 'updates',
          value: 'replace',
          strength: 1,
          file: file.path,
          reason: 'Heroku releases replace the running dynos',
        },
      );
      const types = isRecord(manifest.run) ? Object.keys(manifest.run) : [];
      if (types.length > 0)
        findings.push({
          question: 'processes',
          value: 'single',
          strength: 3,
          file: file.path,
          reason: `Heroku runs each process type in dynos of its own (${listOf(types)})`,
        });
      const addons = (
        isRecord(manifest.setup) && Array.isArray(manifest.setup.addons)
          ? manifest.setup.addons
          : []
      )
        .map((a) => (isRecord(a) ? a.plan : a))
        .filter((plan): plan is string => typeof plan === 'string')
        .map((plan) => plan.split(':')[0]!);
      if (addons.length > 0)
        findings.push({
          question: 'architecture',
          value: 'multi-tier',
          strength: 2,
          file: file.path,
          reason: `the app with the add-ons Heroku provisions for it: ${listOf([...new Set(addons)])}`,
        });
    }
    return findings;
  },
};

// Capistrano's plugins that run a service on the servers it deploys to, by the name each is
// required by (`require 'capistrano/puma'`, or a plugin installed: `Capistrano::Puma::Nginx`).
// The application server is the application itself; a plugin that only runs a task
// (bundler, assets, migrations, whenever's crontab) starts nothing that stays.
const CAPISTRANO_SERVICES: readonly [RegExp, string][] = [
  [
    /capistrano\/(puma|unicorn|passenger|thin)\b|Capistrano::(Puma|Unicorn|Passenger)\b/,
    'the application server',
  ],
  [/capistrano\/nginx\b|Capistrano::(Puma::|Unicorn::)?Nginx\b/, 'nginx'],
  [/capistrano\/sidekiq\b|Capistrano::Sidekiq\b/, 'sidekiq'],
  [/capistrano\/delayed[_-]job\b|Capistrano::DelayedJob\b/, 'delayed_job'],
  [/capistrano\/resque\b|Capistrano::Resque\b/, 'resque'],
  [/capistrano\/(good[_-]?job|solid[_-]?queue)\b/, 'a job worker'],
];

export const capistranoScanner: Scanner = {
  name: 'capistrano',
  wants: (path, name) =>
    name === 'Capfile' ||
    path === 'config/deploy.rb' ||
    /(^|\/)config\/deploy\/[^/]+\.rb$/.test(path),
  scan(files) {
    const capfile = files.find((f) => f.name === 'Capfile' && /capistrano\//.test(f.text));
    if (!capfile) return [];
    // A stage that names the servers it deploys to (`server '52.168.72.226', roles: %w[web
    // app db]`, or from the environment): releases land on long-lived hosts. The stage files
    // `cap install` writes hold only comments, and say nothing (abalone deploys on Heroku).
    const stages = files.filter(
      (f) =>
        /config\/deploy\/[^/]+\.rb$/.test(f.path) &&
        /^[ \t]*(server|role)\b\s*[(:'"A-Z]/m.test(uncommentedRuby(f.text)),
    );
    if (stages.length === 0) return [];
    const findings: Finding[] = [];
    const stage = stages[0]!;
    findings.push({
      question: 'updates',
      value: 'in-place',
      strength: 2,
      file: stage.path,
      reason: `Capistrano deploys each release onto the servers ${stages.length > 1 ? `its stages (${listOf(stages.map((s) => s.path))}) name` : 'this stage names'}, which stay up between releases`,
    });
    const plugins = uncommentedRuby(capfile.text);
    const services = CAPISTRANO_SERVICES.filter(([pattern]) => pattern.test(plugins)).map(
      ([, name]) => name,
    );
    if (services.length > 0)
      findings.push({
        question: 'processes',
        value: processesFor(services.length),
        strength: 2,
        file: capfile.path,
        reason:
          services.length === 1
            ? `Capistrano runs one service on each server (${services[0]})`
            : `Capistrano runs ${services.length} services side by side on each server: ${listOf(services)}`,
      });
    return findings;
  },
};

/** Ruby without its comments (`# server 'example.com'` in a stage `cap install` wrote). */
function uncommentedRuby(text: string): string {
  // Line by line: a `=begin` left open comments out the rest, without a regular expression
  // searching the rest of the file again from each one.
  let block = false;
  const kept: string[] = [];
  for (const line of text.split('\n')) {
    if (block) block = !line.startsWith('=end');
    else if (line.startsWith('=begin')) block = true;
    else if (!/^[ \t]*#/.test(line)) kept.push(line);
  }
  return kept.join('\n');
}

/**
 * The programs a uWSGI configuration runs side by side: the application, and each
 * `attach-daemon` outside an `if-env`/`if-exists` block (healthchecks' sendalerts and
 * sendreports; its smtpd only when a port is set). None without a daemon attached.
 */
function uwsgiDaemons(text: string): string[] {
  if (!/^\[uwsgi\]/m.test(text)) return [];
  const daemons: string[] = [];
  let conditional = false;
  for (const line of text.split('\n')) {
    if (/^\s*if-[\w-]+\s*=/.test(line)) conditional = true;
    else if (/^\s*endif\s*=?/.test(line)) conditional = false;
    const command = /^\s*(?:smart-)?attach-(?:daemon2?|control-daemon)\s*=\s*(\S.*)$/.exec(
      line,
    )?.[1];
    if (command && !conditional) {
      // Named by the command's own words (`./manage.py sendalerts` is sendalerts).
      const words = command.split(/\s+/).filter((w) => !w.startsWith('-'));
      const named = /manage\.py$|^(python3?|node|php)$/.test(words[0]!.split('/').pop()!)
        ? words[1]
        : words[0];
      if (named) daemons.push(named.split('/').pop()!);
    }
  }
  return daemons.length > 0 ? ['uwsgi', ...daemons] : [];
}

export const supervisorScanner: Scanner = {
  name: 'supervisors',
  wants: (path, name) =>
    // Program files wherever they are (conf.d/, ONLYOFFICE's config/supervisor/ds/,
    // AzuraCast's util/docker/web/service.full/); told by their [program:…] sections.
    /\.conf$/i.test(name) ||
    // Run scripts: s6's, runit's (/etc/service, /etc/sv, a runlevel's /etc/runit/runsvdir/*).
    /(^|\/)(s6-overlay\/s6-rc\.d|services\.d|etc\/service|etc\/sv|etc\/runit\/(runsvdir\/[^/]+|sv))\/[^/]+\/run$/.test(
      path,
    ) ||
    // …or a scan folder of the image's own (mailserver2's rootfs/services/, run by s6-svscan).
    /(^|\/)services\/[^/]+\/run$/.test(path) ||
    // uWSGI's configuration: its attach-daemon lines run programs beside the application.
    /\.ini$/i.test(name) ||
    // s6-rc's type files: only a longrun's run script is a service (a oneshot's runs once).
    /(^|\/)s6-rc\.d\/[^/]+\/type$/.test(path) ||
    // Build scripts that write supervisor programs with heredocs (docker-gitlab's install.sh).
    /\.sh$/.test(name),
  scan(files) {
    const findings: Finding[] = [];
    const programs = new Set<string>();
    // What each supervisor program runs, by its program and script: programs that all run one
    // (mautic's three `php bin/console messenger:consume …`) are workers of one service.
    const commands = new Map<string, string>();
    let first = '';
    let runner = 'a supervisor'; // uWSGI, when its attached daemons are all there is
    // s6-rc's service folders by the type each declares.
    const types = new Map(
      files.filter((f) => f.name === 'type').map((f) => [f.path.slice(0, -'type'.length), f.text]),
    );
    for (const file of files) {
      if (file.name === 'type') continue;
      if (file.name === 'run') {
        const folder = file.path.slice(0, -'run'.length);
        const name = folder.split('/').slice(-2)[0]!;
        if (/^\s*(oneshot|bundle)\s*$/.test(types.get(folder) ?? '')) continue;
        // Not a service: s6's own folders (`_parent`, `.s6-svscan`), a logger for another
        // (`exec s6-log …`), or, without a type to say otherwise, an initialisation step
        // (linuxserver's `init-adduser`, a oneshot in their base image).
        if (/^[_.]/.test(name) || /\b(s6-log|logutil-service|svlogd)\b/.test(file.text)) continue;
        if (/^init-/.test(name) && !types.has(folder)) continue;
        programs.add(file.path.split('/').slice(-2)[0]!);
        first ||= file.path;
        continue;
      }
      for (const match of file.text.matchAll(/^\[program:([^\]]+)\]([^[]*)/gm)) {
        programs.add(match[1]!);
        commands.set(match[1]!, commandOf(match[2]!) ?? match[1]!);
      }
      const attached = uwsgiDaemons(file.text);
      if (attached.length > 0 && programs.size === 0) runner = 'uWSGI';
      for (const daemon of attached) programs.add(daemon);
      if (programs.size > 0) first ||= file.path;
    }
    const services = [...programs].filter((p) => !isScheduler(p));
    const schedulers = [...programs].filter(isScheduler);
    const run = new Set(services.map((p) => commands.get(p) ?? p));
    if (services.length >= 2 && run.size === 1) {
      findings.push({
        question: 'processes',
        value: 'single',
        strength: 3, // the programs inside the image: more specific than a count of containers
        file: first,
        reason: `${runner} runs ${services.length} workers of one program (${[...run][0]}): ${services.slice(0, 6).join(', ')}`,
      });
    } else if (services.length >= 2) {
      const value = processesFor(services.length);
      findings.push({
        question: 'processes',
        value,
        strength: 3, // the programs inside the image: more specific than a count of containers
        file: first,
        reason: `${runner} runs ${services.length} services: ${services.slice(0, 6).join(', ')}${schedulers.length > 0 ? `, and ${schedulers.join(', ')} for scheduled jobs` : ''}`,
      });
    }
    if (schedulers.length > 0)
      findings.push({
        question: 'cron',
        value: 'yes',
        strength: 2,
        file: first,
        reason: 'the supervisor runs cron beside the services',
      });
    return findings;
  },
};

/**
 * A supervisor program's command by its program, its script and its subcommand (`php
 * /var/www/html/bin/console messenger:consume`, whatever queue follows; `pretalx webworker` and
 * `pretalx taskworker` are two).
 */
function commandOf(section: string): string | undefined {
  const command = /^[ \t]*command[ \t]*=[ \t]*(.+)$/m.exec(section)?.[1];
  if (!command) return undefined;
  // The program a wrapper runs, not the wrapper (`gosu '$USER' bash run.sh`, `bash -c
  // "websockify …"`): Tiryoh's vnc and novnc are two programs.
  const words = pastWrappers(command.trim().split(/\s+/));
  if (words.length === 0 || words[0] === '') return undefined;
  const interpreter = /(^|\/)(php|python3?|node|ruby|perl|bash|sh)$/.test(words[0]!);
  const program = interpreter ? words.slice(0, 2) : words.slice(0, 1);
  const subcommand = words.slice(program.length).find((w) => !w.startsWith('-'));
  return [...program, ...(subcommand ? [subcommand] : [])].join(' ');
}

/** A unit's command that starts containers: an engine's run or start, or Compose's up. */
const CONTAINER_START =
  /^[ \t]*ExecStart=[-@+!:]*\S*?\b(?:(?:docker|podman|nerdctl)[ \t]+(?:container[ \t]+)?(?:run|start|compose|kube[ \t]+play)\b|(?:docker|podman)-compose\b)/m;

function startsContainers(unit: string): boolean {
  return CONTAINER_START.test(unit);
}

/** Names an init script or unit may have; what it is, is told by its content. */
const INIT_FILE = /\.(service|timer|systemd|openrc|initd|init|sysv)(\.in)?$/i;

export const systemdScanner: Scanner = {
  name: 'systemd',
  // systemd units and timers, and init scripts, by name or place (init.d/), told by content.
  wants: (path, name) => INIT_FILE.test(name) || /(^|\/)(init\.d|conf\.d\/init)\/[^/]+$/.test(path),
  scan(files) {
    const findings: Finding[] = [];
    // A unit is a file with a [Service] section, whatever its name (pihole-FTL.systemd).
    const allUnits = files.filter(
      (f) => !/\.timer(\.in)?$/i.test(f.name) && /^\[Service\]/m.test(f.text),
    );
    // A unit that starts containers (podman-compose up, docker run) is the host's, around the
    // workload: the workload is the containers, not a service of the system.
    const units = allUnits.filter((u) => !startsContainers(u.text));
    for (const unit of allUnits.filter((u) => startsContainers(u.text)))
      findings.push({
        question: 'orchestrator',
        value: 'none',
        strength: 1,
        file: unit.path,
        reason: 'a unit on the host that starts its containers, with no scheduler',
        toolingBesideDeployment: "the host's unit that starts its containers",
      });
    const scripts = files.filter(
      (f) => /^### BEGIN INIT INFO/m.test(f.text) || /^#!\s*\/sbin\/openrc-run/.test(f.text),
    );
    if (units.length === 0 && scripts.length > 0)
      findings.push({
        question: 'init',
        value: 'yes',
        strength: 2,
        file: scripts[0]!.path,
        reason: `${scripts.length} init script(s) (${/openrc-run/.test(scripts[0]!.text) ? 'OpenRC' : 'SysV'}): ${scripts
          .map((f) => f.name)
          .slice(0, 5)
          .join(', ')}`,
      });
    const timers = files.filter(
      (f) => /\.timer(\.in)?$/i.test(f.name) && /^\[Timer\]/m.test(f.text),
    );
    if (units.length > 0) {
      const hostOf = platformHostOf(units.map((u) => u.name));
      const host = hostOf ? { hostOf } : {};
      findings.push({
        question: 'init',
        value: 'yes',
        strength: 2,
        file: units[0]!.path,
        reason: `${units.length} systemd unit(s): ${units
          .map((u) => u.name)
          .slice(0, 5)
          .join(', ')}`,
        ...host,
      });
      // A oneshot unit runs a task and exits (often started by a timer): not a service that
      // stays up beside the others.
      // Units side by side in one folder run on one system; units in other folders belong to
      // other parts of the project (ZeroTier's daemon in debian/, a relay tool in tcp-proxy/).
      const byFolder = new Map<string, TextFile[]>();
      for (const unit of units) {
        if (isOneshotTask(unit.text)) continue;
        const folder = folderWithSlash(unit.path);
        byFolder.set(folder, [...(byFolder.get(folder) ?? []), unit]);
      }
      const inOneFolder = [...byFolder.values()].reduce<TextFile[]>(
        (most, inFolder) => (inFolder.length > most.length ? inFolder : most),
        [],
      );
      // Except a toolkit's folder per service, side by side, each named for its unit
      // (AtoMiC-ToolKit's sonarr/sonarr.service, radarr/radarr.service, … installed onto one
      // host): four or more such folders under one parent are one system's services.
      const named = [...byFolder.entries()].filter(([folder, inFolder]) => {
        const own = folder.replace(/\/$/, '').split('/').pop()!.toLowerCase();
        return (
          own !== '' &&
          inFolder.some((u) => {
            const unit = u.name.replace(/\.service(\.in)?$/i, '').toLowerCase();
            return unit.startsWith(own) || own.startsWith(unit);
          })
        );
      });
      const byParent = new Map<string, TextFile[]>();
      for (const [folder, inFolder] of named) {
        const parent = folder.replace(/[^/]+\/$/, '');
        byParent.set(parent, [...(byParent.get(parent) ?? []), ...inFolder]);
      }
      const toolkit = [...byParent.values()].find(
        (inFolders) => new Set(inFolders.map((f) => folderWithSlash(f.path))).size >= 4,
      );
      const chosen =
        toolkit !== undefined && toolkit.length > inOneFolder.length ? toolkit : inOneFolder;
      // Units that run the same command, in the same place, as the same user, are one service
      // under two names (The-World-Is-Yours's nginx.service and nginx-raweb.service, both
      // `/usr/sbin/nginx -c /nginx/nginx.conf`).
      const keys = chosen.map((unit) => {
        const command = unitCommand(unit.text);
        if (command === undefined) return undefined;
        const settings =
          unit.text.match(/^[ \t]*(WorkingDirectory|Environment\w*|User)[ \t]*=.*$/gm) ?? [];
        return [command, ...settings.map((line) => line.trim())].join('\n');
      });
      const longRunning = chosen.filter(
        (_, i) => keys[i] === undefined || keys.indexOf(keys[i]) === i,
      );
      if (longRunning.length >= 2)
        findings.push({
          question: 'processes',
          value: processesFor(longRunning.length),
          strength: 2,
          file: longRunning[0]!.path,
          reason: `${longRunning.length} long-running services managed by systemd: ${listOf(longRunning.map((u) => u.name))}`,
          ...host,
        });
    }
    if (timers.length > 0)
      findings.push({
        question: 'cron',
        value: 'yes',
        strength: 2,
        file: timers[0]!.path,
        reason: `${timers.length} systemd timer(s) run scheduled jobs`,
      });
    return findings;
  },
};

export const cronScanner: Scanner = {
  name: 'cron',
  wants: (path, name) =>
    /^crontab$/i.test(name) ||
    /\.cron(tab)?$/i.test(name) ||
    /(^|\/)cron\.(d|daily|hourly|weekly|monthly)\/[^/]+$/.test(path) ||
    // A cron folder of the project's own (borgmatic's sample/cron/): told by its lines.
    /(^|\/)cron\/[^/.]+$/.test(path),
  scan(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      const periodic = /(^|\/)cron\.(daily|hourly|weekly|monthly)\//.test(file.path);
      const entries = file.text
        .split(/\r?\n/)
        .filter((l) =>
          /^[ \t]*(@\w+|[\d*,/-]+\s+[\d*,/-]+\s+[\d*,/-]+\s+[\d*,/-]+\s+[\d*,/a-z-]+)\s+\S/i.test(
            l,
          ),
        );
      if (entries.length === 0 && !periodic) continue;
      findings.push({
        question: 'cron',
        value: 'yes',
        strength: 3,
        file: file.path,
        reason: periodic
          ? 'a periodic cron script'
          : `${file.partial ? 'at least ' : ''}${entries.length} cron job(s)${file.partial ? ' (only its start was read)' : ''}`,
      });
    }
    return findings;
  },
};
