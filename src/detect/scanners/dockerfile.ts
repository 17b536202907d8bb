// Dockerfile / Containerfile: the image is built layer by layer; FROM chains show shared bases.
import { isOperationsImage } from '../architecture.js';
import { saidToBe } from '../roles.js';
import {
  type Finding,
  isScheduler,
  listOf,
  pastWrappers,
  processesFor,
  type Scanner,
  short,
  type TextFile,
  topmost,
  withoutTrailingSlashes,
} from '../types.js';
import { composeIncludes, isComposeFile } from './compose.js';
import { daemonOf, startedServices } from './shell.js';

/**
 * Process supervisors started as the container's process: supervisord, s6 (`/init`), runit,
 * phusion's my_init, the Procfile runners (forego, honcho, foreman, overmind), which start
 * every process type of a Procfile side by side in the one container, and npm's concurrently.
 */
const SUPERVISOR =
  /\bsupervisord\b|\bs6-svscan\b|^\W*\/init\b|\["\/init"\]|\brunsvdir\b|\bmy_init\b|\bforego\b|\bhoncho\b|\bforeman\s+start\b|\bovermind\b|\bconcurrently\b/;

/** A configuration-management run: a playbook, a Puppet manifest, a Chef or Salt run. */
const CONFIGURATION_RUN =
  /^(\S*\/)?(ansible-playbook|puppet\s+apply|chef-client|chef-solo|cinc-client|salt-call)\b/;

/** Tools for building distribution packages and system images, not for running anything. */
const BUILD_TOOLS = [
  'devscripts',
  'dpkg-dev',
  'debhelper',
  'git-buildpackage',
  'rpm-build',
  'rpmdevtools',
  'mock',
  'live-build',
  'debootstrap',
  'mkosi',
  'xorriso',
];

/** Compilers and kernel build tools: with a shell as the process, an image to build in. */
const COMPILERS = ['build-essential', 'gcc', 'make', 'dkms', 'bc', 'clang', 'cmake'];

/** A path in the project's tests (`tests/test.yml`, `./test/site.pp`). */
const TEST_PATH = /(^|[\s=/.])(tests?|spec|molecule)\/\S/;

/** A script of the project's, or an application server, as a start script's last command. */
const SERVER_IN_FOREGROUND =
  /^\s*((\.{0,2}\/)?[\w./-]+\.sh|(ba)?sh\s+\S+|(gunicorn|uwsgi|uvicorn|hypercorn|daphne|puma|unicorn|rails|bundle|node|npm|yarn|pnpm|python3?|java|php|ruby|dotnet|deno|bun)\b)/;

/**
 * An image whose own process is a shell or an interpreter's prompt: a distribution's
 * (`debian:buster`, `alpine:3`) or a language toolchain's (`golang:1.26-alpine`, `python:3.12`),
 * not a server's (`nginx`, `php:8-apache`).
 */
const SHELL_BASE =
  /^(docker\.io\/)?(library\/)?(debian|ubuntu|alpine|centos|fedora|rockylinux|almalinux|archlinux|opensuse\/\w+|amazonlinux|oraclelinux|busybox|golang|rust|python|node|ruby|openjdk|eclipse-temurin|amazoncorretto|gcc|buildpack-deps|maven|gradle|perl|elixir|erlang|haskell|swift)(:[\w.-]+)?$/;

/** A test runner as a container's process (`pytest`, `go test ./...`, `make check`). */
const TEST_COMMAND =
  /(^|[\s;&|'"(])((py\.?test|rspec|phpunit|bats|tox|ctest|jest|mocha|vitest)(\s|$|['"])|(go|cargo|npm|yarn|pnpm|mvn|gradle|dotnet)\s+(run\s+)?test\b|make\s+(test|check|itest)\b)/;

/** An interpreter running a script (a test suite's runner under `test/`). */
const INTERPRETER = /(^|[\s;&|'"(])(ruby|python3?|node|perl|php|bash|sh)\s/;

/** A Dockerfile or Containerfile by its name (`Dockerfile.prod`, `app.Containerfile`). */
export const DOCKERFILE = /^(Dockerfile|Containerfile)([.-].+)?$|\.(Dockerfile|Containerfile)$/i;

/** A Dockerfile of one image for other architectures (`Dockerfile.aarch64`, flame's `Dockerfile.multiarch`). */
const ARCHITECTURE_VARIANT =
  /^(Dockerfile|Containerfile)[.-](aarch64|arm64(v8)?|armhf|armv7|arm32v7|arm|amd64|x86_64|i386|ppc64le|s390x|riscv64|multi-?arch|multi-?platform)$/i;

/** pm2's process files: `ecosystem.config.js` and its other forms. */
const PM2_CONFIG =
  /^(ecosystem\.config\.(c?js|json|ya?ml)|pm2\.(json|ya?ml)|process\.(json|ya?ml))$/;

/** The programs that run a Procfile's process types side by side. */
const PROCFILE_RUNNERS = 'forego|honcho|foreman|overmind';
/** A Procfile runner as the container's process, and the line that starts it. */
const RUNNER_AS_PROCESS = new RegExp(`\\b(?:${PROCFILE_RUNNERS})\\b.*`);
/** A Procfile runner a start script ends in (`exec bundle exec foreman start -m web=1`). */
const RUNNER_IN_SCRIPT = new RegExp(
  `^[ \\t]*exec[ \\t]+(?:bundle[ \\t]+exec[ \\t]+)?(?:\\S*\\/)?((?:${PROCFILE_RUNNERS})[ \\t]+start\\b.*)$`,
  'gm',
);

export const dockerfileScanner: Scanner = {
  name: 'dockerfile',
  // Compose files are read too: the folder of one marks an application, whose images are
  // compared for a common base (a collection of samples is many applications).
  // Procfiles too: an image whose process is forego or honcho runs a Procfile's types together.
  // And the scripts an image may start (COPY entrypoint.sh /sbin/entrypoint.sh), read for what
  // they start in the container, with no extension too (openvas-docker's `COPY start /start`).
  wants: (path, name) =>
    DOCKERFILE.test(name) ||
    isComposeFile(path, name) ||
    name === 'Procfile' ||
    PM2_CONFIG.test(name) ||
    /\.(sh|bash)$|entrypoint|^(start|run|startup|boot|launch)([-_]\w+)?$/i.test(name),
  scan(all) {
    const files = all.filter((f) => DOCKERFILE.test(f.name));
    if (files.length === 0) return [];
    // Each Compose file's folder marks an application: the including file's, for a file
    // another includes (retail-store's services, each with its own file, are one application).
    const composeFiles = all.filter((f) => isComposeFile(f.path, f.name));
    const includedBy = new Map(
      [...composeIncludes(composeFiles)].flatMap(([from, targets]) =>
        targets.map((to) => [to, from] as const),
      ),
    );
    const appRoots = new Map(
      composeFiles.map((f) => [folderOf(f.path), folderOf(topmost(includedBy, f.path))]),
    );
    // The Procfile with the most process types, for a Procfile runner started in an image.
    const procfile = all
      .filter((f) => f.name === 'Procfile')
      .map((f) => ({
        path: f.path,
        types: [...f.text.matchAll(/^([\w-]+):\s*\S/gm)].map((m) => m[1]!),
      }))
      .sort((a, b) => b.types.length - a.types.length)[0];
    const findings: Finding[] = [];
    // The external bases of each application's Dockerfiles (an application: one top folder).
    const apps = new Map<string, { path: string; bases: string[] }[]>();
    for (const file of files) {
      const instructions = parse(file);
      const start = findings.length;
      // A Dockerfile is one by its content: without a FROM (Dockerfile.ts, a Dockerfile.md),
      // it is another kind of file with a similar name.
      if (!instructions.some((i) => i.op === 'FROM')) continue;
      // FROM [--platform=…] image [AS stage]: the flags are not the image, and a build argument
      // declared before the first FROM is its default (`ARG BASE_IMAGE=outlinewiki/outline-base`).
      const defaults = new Map(
        instructions
          .slice(
            0,
            instructions.findIndex((i) => i.op === 'FROM'),
          )
          .filter((i) => i.op === 'ARG')
          .flatMap((i) => {
            const match = /^(\w+)=["']?([^\s"']+)["']?$/.exec(i.args);
            return match ? [[match[1]!, match[2]!] as const] : [];
          }),
      );
      const froms = instructions
        .filter((i) => i.op === 'FROM')
        .map((i) =>
          i.args
            .replace(/^(--\S+\s+)+/, '')
            .split(/\s+/)[0]!
            .replace(/\$\{?(\w+)\}?/g, (whole, name: string) => defaults.get(name) ?? whole)
            .toLowerCase(),
        );
      findings.push({
        question: 'imageSource',
        value: 'dockerfile',
        strength: 3,
        file: file.path,
        reason: `builds an image from ${froms[0] ?? 'a base image'}, layer by layer`,
      });
      findings.push({
        question: 'updates',
        value: 'replace',
        strength: 1,
        file: file.path,
        reason: 'an image built from a Dockerfile is rebuilt and replaced to change it',
      });
      // Stages named with `FROM x AS name` are not bases of their own.
      const stages = new Set(
        instructions
          .filter((i) => i.op === 'FROM')
          .map((i) => /\sas\s+(\S+)\s*$/i.exec(i.args)?.[1]?.toLowerCase()),
      );
      // Bases are compared within one application: the deepest folder above with a Compose
      // file, or else the whole tree.
      const root = [...appRoots.keys()]
        .filter((folder) => folder === '' || file.path.startsWith(`${folder}/`))
        .reduce((a, b) => (b.length > a.length ? b : a), '');
      const app = appRoots.get(root) ?? root;
      // The image built is the last stage: its base, through the stages it builds on, is what
      // it shares with others (mysql-operator's three images share a Go builder stage, and no
      // base: scratch, alpine, debian).
      const stageBases = new Map(
        instructions
          .filter((i) => i.op === 'FROM')
          .map((i, index) => [
            /\sas\s+(\S+)\s*$/i.exec(i.args)?.[1]?.toLowerCase() ?? `#${index}`,
            froms[index]!,
          ]),
      );
      let last = froms[froms.length - 1];
      for (let hops = 0; last !== undefined && stages.has(last) && hops < 10; hops++)
        last = stageBases.get(last);
      const external =
        last !== undefined && !stages.has(last) && !last.includes('$') && last !== 'scratch'
          ? [last]
          : [];
      // Said by the base of the image built (grist-core's last stage, on node:22-trixie-slim),
      // not of its first stage (`FROM scratch AS ext`).
      const built = findings.find((f, i) => i >= start && f.question === 'imageSource');
      if (built && last !== undefined && !stages.has(last))
        built.reason = `builds an image from ${last}, layer by layer`;
      // Monitoring's images beside the application (its Grafana and Prometheus with their
      // dashboards copied in) are not the application's layers; nor is the same image built for
      // another architecture beside it (linuxserver's `Dockerfile.aarch64` by `Dockerfile`).
      const otherArchitecture =
        ARCHITECTURE_VARIANT.test(file.name) &&
        files.some(
          (f) =>
            f !== file &&
            folderOf(f.path) === folderOf(file.path) &&
            /^(Dockerfile|Containerfile)$/i.test(f.name),
        );
      if (external.length > 0 && !external.every(isOperationsImage) && !otherArchitecture)
        apps.set(app, [
          ...(apps.get(app) ?? []),
          { path: file.path, bases: [...new Set(external)] },
        ]);
      // What the container starts: its CMD and ENTRYPOINT, each, and together.
      // The image built is the last stage's: what it starts, or what the stages before it
      // start when it says nothing (mvdan/sh's scratch image runs shfmt, not an earlier
      // stage's `/init`).
      const lastStage = instructions.slice(instructions.findLastIndex((i) => i.op === 'FROM'));
      const startsOf = (from: readonly Instruction[]) =>
        from.filter((i) => i.op === 'CMD' || i.op === 'ENTRYPOINT').map((i) => i.args);
      const lastStarts = startsOf(lastStage);
      const starts = lastStarts.length > 0 ? lastStarts : startsOf(instructions);
      const run = starts.join(' ');
      if (/\/sbin\/init\b|\bsystemd\b/.test(run))
        findings.push({
          question: 'init',
          value: 'yes',
          strength: 2,
          file: file.path,
          reason: 'starts an init system (systemd) as its process',
        });
      // pm2 kept in the foreground with a process file (`pm2-runtime ecosystem.config.js`):
      // the apps it names run side by side (Peppermint's client and API).
      const pm2File = /\bpm2(?:-runtime|-docker)?\b/.test(run)
        ? /(?:^|[\s"',[/])([\w.-]+\.(?:c?js|json|ya?ml))["']?/.exec(
            run.replace(/^.*?\bpm2(?:-runtime|-docker)?\b/, ''),
          )?.[1]
        : undefined;
      const pm2 = pm2File
        ? all
            .filter(
              (f) => f.name === pm2File && [folderOf(file.path), ''].includes(folderOf(f.path)),
            )
            .map((f) => ({
              path: f.path,
              apps: [
                ...new Set(
                  [
                    ...f.text.matchAll(
                      /^[ \t]*(?:-[ \t]*)?["']?name["']?[ \t]*:[ \t]*["'`]?([\w.@/-]+)/gm,
                    ),
                  ].map((m) => m[1]!),
                ),
              ],
            }))[0]
        : undefined;
      const concurrent = concurrentCommands(starts);
      // The script the container starts, copied in from the repository, read for what it starts:
      // services (jeedom's init.sh: atd, MariaDB and Apache, then cron in the foreground), or a
      // supervisor it hands over to (Zulip's entrypoint.sh: exec supervisord).
      // An ENTRYPOINT's script and the CMD's it hands over to (`exec "$@"`) are read together.
      const scripts = startScripts(starts, instructions, file.path, all);
      const scriptsNamed = `its start ${scripts.length > 1 ? 'scripts' : 'script'} (${scripts.map((s) => s.path).join(', ')})`;
      // A script that starts a supervisor (`service supervisor start`) hands its services
      // over to it: the supervisor's programs are the count, not the script's few lines.
      const startedAll = [...new Set(scripts.flatMap((s) => servicesStarted(s.text)))];
      // A script that starts a daemon and then hands over to the CMD (koillection's entrypoint
      // starts php-fpm, then `exec $@` runs nginx): the CMD's program runs beside it.
      const command = handedOverTo(lastStage.length > 0 ? lastStage : instructions, scripts);
      if (startedAll.length > 0 && command !== undefined && !startedAll.includes(command))
        startedAll.push(command);
      // A Procfile runner started as the process, or by the start script it ends in
      // (PasswordPusher's `exec bundle exec foreman start -m web=1,worker=1`, or `-m web=1`
      // when the worker is switched off: the branch that runs the most process types counts).
      const runnerLines = [
        ...(RUNNER_AS_PROCESS.exec(run) ?? []),
        ...scripts.flatMap((s) => [...s.text.matchAll(RUNNER_IN_SCRIPT)].map((m) => m[1]!)),
      ];
      const runners = runnerLines
        .map((line) => ({
          runner: /^\w+/.exec(line)![0],
          running: procfileTypesRun(line, procfile?.types),
        }))
        .sort((a, b) => b.running.length - a.running.length);
      const runner = runners[0]?.runner;
      const running = runners[0]?.running;
      const startsSupervisor = startedAll.some((n) =>
        /^(supervisor|supervisord|s6|runit)$/.test(n),
      );
      // cron started too is the cron question's, not a service counted here.
      const started = startsSupervisor ? [] : startedAll.filter((n) => !isScheduler(n));
      const supervised =
        SUPERVISOR.test(run) ||
        startsSupervisor ||
        scripts.some((s) =>
          /^[ \t]*exec[ \t]+(\S*\/)?(supervisord|s6-svscan|runsvdir|my_init)\b/m.test(s.text),
        );
      if (pm2 && pm2.apps.length >= 2)
        findings.push({
          question: 'processes',
          value: processesFor(pm2.apps.length),
          strength: 3, // the processes inside the image, named: more specific than any count
          file: file.path,
          reason: `pm2 runs the ${pm2.apps.length} apps of ${pm2.path} side by side in the container: ${listOf(pm2.apps)}`,
        });
      else if (runner && procfile && running && running.length >= 2)
        findings.push({
          question: 'processes',
          value: processesFor(running.length),
          strength: 3, // the processes inside the image, named: more specific than any count
          file: file.path,
          reason: `${runner} runs the ${running.length} process types of ${procfile.path} side by side in the container: ${listOf(running)}`,
        });
      else if (concurrent && concurrent.length >= 2)
        findings.push({
          question: 'processes',
          value: processesFor(concurrent.length),
          strength: 3, // the processes inside the image, named: more specific than any count
          file: file.path,
          reason: `concurrently runs ${concurrent.length} commands side by side in the container: ${listOf(concurrent)}`,
        });
      else if (started.length >= 2)
        findings.push({
          question: 'processes',
          value: processesFor(started.length),
          strength: 3, // the processes inside the image, named: more specific than any count
          file: file.path,
          reason: `${scriptsNamed} start${scripts.length > 1 ? '' : 's'} ${started.length} services in the container: ${listOf(started)}`,
        });
      else if (supervised)
        findings.push({
          question: 'processes',
          value: 'few',
          strength: 2,
          file: file.path,
          reason: SUPERVISOR.test(run)
            ? 'runs a process supervisor, so several services share the container'
            : `${scriptsNamed} hand${scripts.length > 1 ? '' : 's'} over to a process supervisor, so several services share the container`,
        });
      if (/\bcron(d)?\b/.test(run) || startedAll.includes('cron'))
        findings.push({
          question: 'cron',
          value: 'yes',
          strength: 2,
          file: file.path,
          reason: 'starts cron in the container',
        });
      const installs = instructions
        .filter((i) => i.op === 'RUN')
        .map((i) => i.args)
        .join(' ');
      // The RUN lines' commands, one at a time (each RUN split on ;, && and |): each is read word
      // by word, which stays linear however long the lines are.
      const commands = instructions
        .filter((i) => i.op === 'RUN')
        .flatMap((i) => i.args.split(/;|&&|\|\|?/))
        .map((c) => c.trim());
      // QEMU in the image, started to boot a guest (Docker-OSX, Windows in Docker): the
      // container only wraps a VM, whose guest has a kernel of its own.
      if (
        /\bqemu-system-[\w-]+|\bqemu-kvm\b/.test(`${installs} ${run}`) ||
        installsPackage(commands, /^qemu(-system(-[\w]+)?|-kvm|-desktop|-full)?$/)
      )
        findings.push(
          {
            question: 'kernel',
            value: 'own',
            strength: 2,
            file: file.path,
            reason:
              'runs a virtual machine (QEMU) in the container: its guest has a kernel of its own',
          },
          {
            question: 'vmLike',
            value: 'yes',
            strength: 2,
            file: file.path,
            reason: 'the container wraps a whole virtual machine',
          },
        );
      if (
        installsPackage(commands, /^(cron|cronie|dcron|busybox-suid)$/) ||
        /\bcrontab\s|\/etc\/cron\./.test(installs)
      )
        findings.push({
          question: 'cron',
          value: 'yes',
          strength: 2,
          file: file.path,
          reason: 'installs cron jobs in the image',
        });
      if (installsPackage(commands, /^(supervisor|s6|runit)$/) || /s6-overlay/.test(installs))
        findings.push({
          question: 'processes',
          value: 'few',
          strength: 2,
          file: file.path,
          reason:
            'installs a process supervisor in the image, for several services in one container',
        });
      // An SSH server installed and exposed, or started: installed alone is often left off. In
      // a git server's image (GitLab, Gitea, Gitolite) SSH carries git, not people's logins.
      const servesGit = /\b(gitlab-shell|gitaly|gitea|forgejo|gitolite|gogs)\b/i.test(file.text);
      if (
        !servesGit &&
        ((installsPackage(commands, /^openssh-server$/) &&
          instructions.some((i) => i.op === 'EXPOSE' && /\b22\b/.test(i.args))) ||
          /\bsshd\b/.test(run))
      ) {
        findings.push({
          question: 'login',
          value: 'yes',
          strength: 1,
          file: file.path,
          reason: 'installs or exposes an SSH server',
        });
      }
      if (run && !supervised && started.length < 2 && !/\bsystemd\b|\/sbin\/init\b/.test(run))
        findings.push({
          question: 'processes',
          value: 'single',
          strength: 1,
          file: file.path,
          reason: 'starts one command as the container process',
        });
      // An image that applies the project's test playbook (or manifest, recipe, state) is how
      // the configuration code is tested, not how anything is deployed; so is one whose process
      // runs the test suite (fzf's `ruby /fzf/test/runner.rb` under tmux).
      const testRun =
        commands.find((c) => CONFIGURATION_RUN.test(c) && TEST_PATH.test(c)) ??
        (TEST_COMMAND.test(run) || (TEST_PATH.test(run) && INTERPRETER.test(run))
          ? run
          : undefined);
      const said = saidToBe(file.text);
      // One stage that installs the tools for building packages or system images, and serves
      // nothing: the environment the project is built in (VyOS's, ZeroTier's package builders).
      // Or an image of compilers whose process is a shell: a place to build kernel modules
      // (rtl8821ce's image of kernel headers and DKMS, started with /bin/bash).
      const shell = /^\W*(\/bin\/)?(ba)?sh\W*$/.test(run);
      // Or an image of Packer itself (goffinet/packer-kvm's hashicorp/packer with QEMU added),
      // to build the project's machine images in.
      const buildTools = instructions.some((i) => i.op === 'EXPOSE')
        ? []
        : [
            ...(froms.length === 1 && /^hashicorp\/packer(:|$)/.test(froms[0]!) ? ['Packer'] : []),
            ...[...(froms.length === 1 ? BUILD_TOOLS : []), ...(shell ? COMPILERS : [])].filter(
              (tool) => installsPackage(commands, new RegExp(`^${tool}$`)),
            ),
          ];
      // An image of only the project's documentation or website (blincus's: `COPY site .`,
      // built and served by httpd) is its website, not its deployment.
      const copied = copiesOf(instructions).flatMap(({ sources }) =>
        sources.map((source) => source.replace(/^\.\//, '').split('/')[0]!),
      );
      const website =
        copied.length > 0 &&
        copied.every((folder) => /^(docs?|site|website|documentation)$/.test(folder));
      if (website)
        for (const finding of findings.slice(start))
          finding.tooling = `a documentation site (it copies in only ${listOf([...new Set(copied)])})`;
      else if (said) for (const finding of findings.slice(start)) finding.tooling = said;
      else if (testRun)
        for (const finding of findings.slice(start))
          finding.tooling = `a test image (it runs ${short(testRun, 60)})`;
      else if (buildTools.length > 0)
        for (const finding of findings.slice(start))
          finding.tooling = `a build environment (it installs ${listOf(buildTools, 3)})`;
      else if (
        run === '' &&
        file.partial !== true &&
        SHELL_BASE.test(froms[froms.length - 1] ?? '') &&
        !files.some(
          (other) =>
            other !== file &&
            DOCKERFILE.test(other.name) &&
            folderOf(other.path) === folderOf(file.path),
        )
      )
        // No CMD or ENTRYPOINT over an image whose process is a shell or an interpreter, and no
        // other Dockerfile beside it (dockge's Base.Dockerfile is the base its Dockerfile builds
        // on): an image to try the project in by hand (unbound-manager's, which downloads its
        // installer and starts nothing; cheat's golang sandbox), not a service's image.
        for (const finding of findings.slice(start))
          finding.toolingUnlessRun = `an image that starts only a shell or an interpreter (no CMD or ENTRYPOINT over ${froms[froms.length - 1]})`;
    }
    // Several images over a common base: the article's "Layers of Containers". Each application
    // that builds several images says yes or no; a collection of samples is the sum of its apps.
    for (const images of apps.values()) {
      if (images.length < 2) continue;
      const users = new Map<string, string[]>();
      for (const image of images)
        for (const base of image.bases) users.set(base, [...(users.get(base) ?? []), image.path]);
      // Layers are shared when at least half of the application's images share their base with
      // another (Go services on one distroless base, Python ones on one python base); three of
      // a dozen services on node:14 is a coincidence of language, not a layered design.
      const sharing = new Set([...users.values()].filter((p) => p.length >= 2).flat());
      const shared = [...users]
        .sort(([, a], [, b]) => b.length - a.length)
        .find(([, paths]) => paths.length >= 2 && sharing.size * 2 >= images.length);
      // Images built on an image built here, named for its folder (nestybox's
      // almalinux-8-systemd-docker on nestybox/almalinux-8-systemd): layers by design.
      // Or named, or tagged, for its Dockerfile's own name (emojivoto's
      // buoyantio/emojivoto-svc-base from Dockerfile-base; dockge's louislam/dockge:base from
      // Base.Dockerfile and :build-healthcheck from BuildHealthCheck.Dockerfile).
      const folders = new Map(images.map((i) => [folderOf(i.path).split('/').pop() ?? '', i.path]));
      const bare = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
      const variants = images.flatMap((i) => {
        const variant = /^(?:Dockerfile[.-]([\w-]+)|([\w-]+)\.Dockerfile)$/i.exec(
          i.path.split('/').pop()!,
        );
        return variant ? [[(variant[1] ?? variant[2])!.toLowerCase(), i.path] as const] : [];
      });
      const onOwn = images.filter((image) =>
        image.bases.some((base) => {
          // Pushed under an owner (nestybox/…): an official image (alpine) is not one of ours.
          if (!base.includes('/')) return false;
          const name =
            base
              .replace(/[:@].*$/, '')
              .split('/')
              .pop() ?? '';
          const tag = /:([\w.-]+)$/.exec(base)?.[1] ?? '';
          const built =
            folders.get(name) ??
            variants.find(
              ([variant]) =>
                name === variant ||
                name.endsWith(`-${variant}`) ||
                (tag !== '' && bare(tag) === bare(variant)),
            )?.[1];
          return built !== undefined && built !== image.path;
        }),
      );
      if (onOwn.length > 0 && !shared)
        findings.push({
          question: 'layers',
          value: 'yes',
          strength: 2,
          file: onOwn[0]!.path,
          reason: `${onOwn.length} Dockerfile(s) build on images built here: ${listOf(onOwn.map((i) => i.path))}`,
        });
      else if (shared)
        findings.push({
          question: 'layers',
          value: 'yes',
          strength: 2,
          file: shared[1][0]!,
          reason: `${shared[1].length} Dockerfiles build on the same base (${shared[0]}): ${listOf(shared[1])}`,
        });
      else
        findings.push({
          question: 'layers',
          value: 'no',
          strength: 1,
          file: images[0]!.path,
          reason: `${images.length} Dockerfiles of one application build on different bases (${listOf(users.keys())}), fewer than half sharing one`,
        });
    }
    return findings;
  },
};

/** Whether one of the commands installs a package the pattern names, with a package manager. */
function installsPackage(commands: readonly string[], packages: RegExp): boolean {
  return commands.some((command) => {
    const words = command.trim().split(/\s+/);
    return (
      words.some((w) => /^(apt-get|apt|apk|dnf|yum|microdnf|zypper|pip3?)$/.test(w)) &&
      words.some((w) => w === 'install' || w === 'add') &&
      words.some((w) => packages.test(w.replace(/^["']|["']$/g, '')))
    );
  });
}

/**
 * The repository's files that a container starts: the scripts the ENTRYPOINT and CMD name, which
 * a COPY or ADD puts there (`COPY entrypoint.sh /sbin/entrypoint.sh`, into a folder, or with a
 * folder: `COPY ./scripts/docker ./scripts/docker`), looked up beside the Dockerfile and from the
 * repository's root (the usual build contexts).
 */
function startScripts(
  starts: readonly string[],
  instructions: readonly Instruction[],
  dockerfile: string,
  all: readonly TextFile[],
): TextFile[] {
  const words = starts.flatMap((start) => {
    const exec = /^\s*\[/.test(start) ? jsonWords(start) : undefined;
    return exec ?? start.split(/\s+/);
  });
  // A relative script (`./run.sh`, `scripts/docker/entrypoint.sh`) is in the working directory
  // the image last set; a relative WORKDIR (pinry's `WORKDIR pinry`) is within the one before.
  // A stage starts where the stage it is built from left off (`FROM base AS prod`), or at the
  // root.
  let workdir = '';
  let stage: string | undefined;
  const stageWorkdirs = new Map<string, string>();
  for (const i of instructions) {
    if (i.op === 'FROM') {
      if (stage !== undefined) stageWorkdirs.set(stage, workdir);
      const [from, , name] = i.args
        .replace(/^(--\S+\s+)+/, '')
        .toLowerCase()
        .split(/\s+/);
      workdir = stageWorkdirs.get(from ?? '') ?? '';
      stage = name;
    } else if (i.op === 'WORKDIR') {
      const dir = withoutTrailingSlashes(i.args.trim());
      workdir = dir.startsWith('/') ? dir : `${workdir}/${dir}`;
    }
  }
  const scripts = words
    .map((w) =>
      /^(\.\/)?[\w.-]+(\/[\w.-]+)*\.(sh|bash)$/.test(w)
        ? `${workdir}/${w.replace(/^\.\//, '')}`
        : w,
    )
    .filter(
      (w) =>
        /^\/[\w./-]+$/.test(w) &&
        !/^\/(usr\/)?s?bin\/((ba|da)?sh|tini|dumb-init|init|env)$/.test(w),
    );
  const contexts = [folderOf(dockerfile), ''];
  const inRepository = (from: string) => {
    for (const context of contexts) {
      const path = [context, from].filter(Boolean).join('/');
      const found = all.find((f) => f.path === path);
      if (found) return found;
    }
    return undefined;
  };
  const found = new Set<TextFile>();
  for (const script of scripts)
    for (const copy of copiesOf(instructions)) {
      // A relative destination is in the working directory (`COPY . .`).
      const destination = (
        copy.destination.startsWith('/') ? copy.destination : `${workdir}/${copy.destination}`
      ).replace(/\/\.(?=\/|$)/g, '');
      const within = `${withoutTrailingSlashes(destination)}/`;
      for (const source of copy.sources) {
        const plain = withoutTrailingSlashes(source.replace(/^\.\//, ''));
        const name = plain.split('/').pop()!;
        // Copied to the script's own path, or into its folder (`COPY run.sh /app/`, or `/app`
        // when that is a folder); or a folder copied, its files into the destination (`COPY . .`,
        // `COPY ./scripts/docker ./scripts/docker`).
        const file =
          withoutTrailingSlashes(destination) === script || `${within}${name}` === script
            ? inRepository(plain)
            : undefined;
        const inFolder =
          file === undefined && script.startsWith(within)
            ? inRepository(
                [plain === '.' ? '' : plain, script.slice(within.length)].filter(Boolean).join('/'),
              )
            : undefined;
        const hit = file ?? inFolder;
        if (hit) found.add(hit);
      }
    }
  return [...found];
}

/**
 * The program of the CMD a start script hands over to (`exec "$@"`), when the CMD names one and
 * not a script of its own (that is read as a start script).
 */
function handedOverTo(
  instructions: readonly Instruction[],
  scripts: readonly TextFile[],
): string | undefined {
  if (!scripts.some((s) => /^[ \t]*exec[ \t]+"?\$(?:@|\{@\})"?[ \t]*$/m.test(s.text)))
    return undefined;
  const cmd = instructions.findLast((i) => i.op === 'CMD')?.args;
  if (cmd === undefined) return undefined;
  const words = pastWrappers(
    (/^\s*\[/.test(cmd) ? jsonWords(cmd) : undefined) ?? cmd.trim().split(/\s+/),
  );
  const program = words[0];
  // A script of the project's own is read as a start script, not counted as a program.
  if (
    program === undefined ||
    program === '' ||
    /\.(sh|bash)$|^-/.test(program) ||
    scripts.some((s) => s.name === program.split('/').pop())
  )
    return undefined;
  const name = programName(words.join(' '), program);
  return /^(sh|bash|dash|sleep|tail|true)$/.test(name) ? undefined : name;
}

/**
 * What each COPY and ADD takes from the build context (not `--from` another stage or image),
 * and where it puts it; the flags (`--chown=…`) dropped.
 */
function copiesOf(
  instructions: readonly Instruction[],
): { sources: string[]; destination: string }[] {
  return instructions
    .filter((i) => (i.op === 'COPY' || i.op === 'ADD') && !/--from=/.test(i.args))
    .map((i) =>
      i.args
        .replace(/(^|\s)--\S+/g, ' ')
        .trim()
        .split(/\s+/),
    )
    .filter((parts) => parts.length >= 2)
    .map((parts) => ({ sources: parts.slice(0, -1), destination: parts[parts.length - 1]! }));
}

/** The words of an exec-form instruction (`["bash", "/root/init.sh"]`), or undefined. */
function jsonWords(args: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed)
      ? parsed.filter((w): w is string => typeof w === 'string')
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The services a start script starts, by name: `service apache2 start`, `/etc/init.d/x start`,
 * `systemctl start x` (or restart), and cron kept in the foreground (`cron -f`). MariaDB's
 * service is MySQL's, whichever name a script tries.
 */
function servicesStarted(text: string): string[] {
  const names = new Set<string>();
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    // A program found on the path as it runs (`exec "$(command -v named)" -u bind`) is itself.
    .replace(/"?\$\((?:command\s+-v|which)\s+([\w.-]+)\)"?/g, '$1')
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^\s*#/.test(line));
  // Programs left running in the background (`nginx &`, `celery … worker &`), and with them the
  // one the script ends in, in the foreground (tubearchivist's run.sh). Not the script's own
  // functions (netbox-docker's `load_configuration &`, which configures Unit and returns).
  const functions = new Set(
    lines.flatMap((line) => /^\s*(?:function\s+)?([\w-]+)\s*\(\s*\)/.exec(line)?.[1] ?? []),
  );
  let background = 0;
  let forked = 0;
  for (const whole of lines) {
    // Redirections that hold an & (`> /dev/null 2>&1 &`) are not the one that backgrounds.
    const line = withoutAssignments(whole.replace(/\d*>&\d+|&>>?/g, ' '));
    // An & inside quotes (`bash -c "cd src && flask run" &`) is the quoted command's own.
    const unquoted = line.replace(/"[^"]*"|'[^']*'/g, '""');
    const backgrounded = /^\s*(?:exec\s+|nohup\s+)?(\S+)(?:\s[^&]*)?[^&]&\s*$/.test(unquoted);
    const program = backgrounded ? /^\s*(?:exec\s+|nohup\s+)?(\S+)/.exec(line)?.[1] : undefined;
    const name = program && programName(line, program);
    if (
      name &&
      !functions.has(name) &&
      !/^(sleep|tail|wait|echo|cat|true|timeout|kill|trap|service|systemctl)$/.test(name)
    ) {
      names.add(name);
      background += 1;
    }
  }
  for (const [index, line] of lines.entries()) {
    for (const { name } of startedServices(line)) names.add(asMysql(name));
    // cron in the foreground (`cron -f`), or left to fork into the background (`crond`).
    if (
      /^\s*(exec\s+)?(\S*\/)?(cron|crond)(\s+-\S+)*\s*(&\s*)?$|^\s*(exec\s+)?(\S*\/)?(cron|crond)\s+-f\b/.test(
        line,
      )
    )
      names.add('cron');
    // A daemon started by its control program (`fail2ban-client -x start`, `apache2ctl start`).
    const control = /^\s*(\S+?)(?:-client|ctl)\s(?:.*\s)?start\b/.exec(withoutAssignments(line));
    const controlled = control?.[1]?.split('/').pop();
    if (controlled && daemonOf(controlled) !== undefined) names.add(controlled);
    // A daemon run by its own name, which forks into the background or keeps the foreground
    // (`/usr/sbin/xrdp-sesman`, then `/usr/sbin/xrdp --nodaemon`): not a check of its
    // configuration (`nginx -t`), a signal (`nginx -s reload`), nor MySQL's client.
    const daemon = /^\s*(?:exec\s+)?(\S+)(.*)$/.exec(withoutAssignments(line));
    const base = daemon ? daemon[1]!.split('/').pop() : undefined;
    if (
      daemon &&
      base &&
      base !== 'mysql' &&
      daemonOf(base) !== undefined &&
      daemonOf(base) !== 'supervisor' &&
      !/\s(-[tTvVs]|--(test|version|help|initialize\S*)|configtest|stop|reload|status)\b/.test(
        daemon[2]!,
      )
    ) {
      names.add(asMysql(base));
      // One the script goes on past (pinry's `/usr/sbin/nginx`, then gunicorn) has forked into
      // the background: were it in the foreground, the lines after it would never run.
      if (!/^\s*exec\s/.test(line) && index < lines.length - 1) forked += 1;
    }
  }
  // With programs left in the background, the command the script ends in runs beside them: the
  // last, past a `wait` for the rest or a hand-over to the CMD (pingvin-share starts Caddy and
  // its frontend in the background, then `cd backend && npm run prod`); with services started,
  // the program it ends in with `exec` (Tandoor starts nginx, then `exec gunicorn`). One that
  // closes a block (`fi`, `done`) ends the script inside it, and names no program.
  if (names.size > 0) {
    const last = lines.findLast(
      (line) => !/^\s*(wait|exec\s+"?\$(?:@|\{@\})"?)(\s|;|$)/.test(line),
    );
    const command = last === undefined ? '' : withoutAssignments(last.split(/&&|;/).pop()!);
    // Past a daemon that forked, a script of the project's or an application server keeps the
    // foreground (pinry's `./docker/scripts/_start_gunicorn.sh`); a chown does not.
    const program =
      background > 0 ||
      /^\s*exec\s/.test(command) ||
      (forked > 0 && SERVER_IN_FOREGROUND.test(command))
        ? /^\s*(?:exec\s+)?(\S+)/.exec(command)?.[1]
        : undefined;
    const name = program && !/&\s*$/.test(command) ? programName(command, program) : undefined;
    if (name && !/^(sleep|tail|trap|exit|echo|printf|true|:|fi|done|esac|\})$/.test(name))
      names.add(name);
  }
  return [...names];
}

/**
 * The process types a Procfile runner starts: those its formation names with a count
 * (`-m web=1,worker=1`; `all=0` names none), or all of the Procfile's.
 */
function procfileTypesRun(line: string, types: readonly string[] = []): readonly string[] {
  const formation = /\s(?:-m|--formation)[\s=]+["']?([\w=,-]+)/.exec(line)?.[1];
  if (formation === undefined) return types;
  return formation
    .split(',')
    .map((entry) => entry.split('='))
    .filter(([type, count]) => type !== 'all' && Number(count ?? 1) > 0)
    .map(([type]) => type!);
}

/** A command without the variables set for it (`PORT=3333 node server.js`). */
function withoutAssignments(command: string): string {
  return command.replace(/^(\s*)(?:[A-Za-z_]\w*=(?:"[^"]*"|'[^']*'|\S*)\s+)+/, '$1');
}

/** MySQL's service by any of its names (mysqld, mysqld_safe, MariaDB's), as installers name it. */
function asMysql(name: string): string {
  return daemonOf(name) === 'mysql' ? 'mysql' : name;
}

/** A command's program by name: an interpreter's script by its own (`python backend_start.py`). */
function programName(line: string, program: string): string {
  const base = program.split('/').pop()!;
  // A command run as another user or by a shell (`su - postgres -c "…/bin/postgres -D …"`,
  // `sudo -u searxng bash -c "cd /srv && python -m flask run"`: the list's last command), or
  // through a wrapper (`gosu app gunicorn`, `nohup celery worker`): the program it runs.
  const quoted = /^(su|runuser|sudo|bash|sh|dash)$/.test(base)
    ? /\s-c\s+(?:"([^"]*)"|'([^']*)'|(\S+))/
        .exec(line)
        ?.slice(1)
        .find((group) => group !== undefined)
    : undefined;
  const all = line.trim().split(/\s+/);
  const words =
    quoted !== undefined
      ? pastWrappers(['sh', '-c', withoutAssignments(quoted.split(/&&|;/).at(-1) ?? '')])
      : pastWrappers(all.slice(Math.max(0, all.indexOf(program))));
  if (words[0] !== undefined && words[0] !== program) return programName(words.join(' '), words[0]);
  if (/^(python3?|node|bash|sh|ruby|php|perl)$/.test(base)) {
    // A Python module run as a program (`python -m flask run`): the module, given among
    // python's own options, not the script's (`python worker.py -m 4`).
    const module = /^python3?$/.test(base)
      ? /(?:^|\s)(?:\S*\/)?python3?\s+(?:-[A-Za-z]+\s+)*-m\s+([\w.]+)/.exec(line)?.[1]
      : undefined;
    if (module) return module;
    const script = line.trim().split(/\s+/)[/^\s*(exec|nohup)\s/.test(line) ? 2 : 1];
    if (script && !script.startsWith('-')) {
      // A script of a common name by its folder too (`frontend/server`, not `server`).
      const parts = script.replace(/\.\w+$/, '').split('/');
      const own = parts.pop()!;
      const folder = parts.pop();
      return folder && /^(server|index|main|app|start|run)$/.test(own) ? `${folder}/${own}` : own;
    }
  }
  return asMysql(base.replace(/\.(sh|bash)$/, ''));
}

function folderOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

interface Instruction {
  op: string;
  args: string;
}

/** Instructions with continuation lines joined and comments dropped. */
function parse(file: TextFile): Instruction[] {
  const joined = file.text.replace(/\\\r?\n/g, ' ');
  const out: Instruction[] = [];
  for (const line of joined.split(/\r?\n/)) {
    const match = /^[ \t]*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (match && !line.trimStart().startsWith('#'))
      out.push({ op: match[1]!.toUpperCase(), args: match[2]!.trim() });
  }
  return out;
}

/** concurrently's options that take a value (the rest are switches such as -k). */
const CONCURRENTLY_VALUED =
  /^(-n|--names|-c|--prefix-colors|-p|--prefix|--max-processes|-m|--success|-s|--restart-tries|--restart-after|--timestamp-format|-t|--name-separator|--handle-input|--default-input-target|--passthrough-arguments)$/;

/**
 * The commands npm's concurrently is given (`concurrently -k -n web,worker "next start" "tsx
 * worker.ts"`), in a CMD or ENTRYPOINT of either form: their names when -n gives as many, or
 * else the commands.
 */
function concurrentCommands(args: readonly string[]): string[] | undefined {
  for (const arg of args) {
    const words = wordsOf(arg);
    const at = words.findIndex((w) => /(^|\/)concurrently$/.test(w));
    if (at < 0) continue;
    const commands: string[] = [];
    let names: string[] | undefined;
    for (let i = at + 1; i < words.length; i++) {
      const word = words[i]!;
      if (/^(&&|\|\|?|;)$/.test(word)) break;
      const named = /^--names=(.+)$/.exec(word);
      if (named) names = named[1]!.split(',');
      else if (CONCURRENTLY_VALUED.test(word)) {
        if (word === '-n' || word === '--names') names = words[i + 1]?.split(',');
        i++;
      } else if (!word.startsWith('-')) commands.push(word);
    }
    return names && names.length === commands.length ? names : commands;
  }
  return undefined;
}

/**
 * The words of a CMD or ENTRYPOINT: an exec form's strings (one that holds a shell script, as
 * `sh -c "…"`, split again), or a shell form's words with their quotes taken off.
 */
function wordsOf(args: string): string[] {
  if (args.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(args);
      if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string'))
        return parsed.flatMap((p: string) =>
          /\s/.test(p) && /\bconcurrently\b/.test(p) ? wordsOf(p) : [p],
        );
    } catch {
      // Not JSON after all: read as the shell form.
    }
  }
  return [...args.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3])!,
  );
}
