// Compose files (and Docker Swarm stacks, which are compose files with `deploy:`): each service
// is its own container, so the service count describes the application's structure.

import { posix } from 'node:path';
import {
  architectureOf,
  type Component,
  onlyBackingServices,
  ownComponents,
} from '../architecture.js';
import { isRecord, renderedJinja, yamlDocuments } from '../read-yaml.js';
import { IN_COMPOSE_FOLDER, toolingRole } from '../roles.js';
import {
  type Finding,
  listOf,
  type Scanner,
  type TextFile,
  withoutTrailingSlashes,
} from '../types.js';

/** A Compose file by its name (`docker-compose.yml`, `compose.prod.yaml`). */
export const COMPOSE = /^(docker-|podman-)?compose([.-][\w-]+)?\.ya?ml$/i;

/**
 * A Compose file by its name, or any YAML file kept in a folder named for Compose
 * (`deployment/docker-compose/apps.yml`, which a Taskfile brings up with `-f`).
 */
export function isComposeFile(path: string, name: string): boolean {
  return COMPOSE.test(name) || IN_COMPOSE_FOLDER.test(path);
}
const STACK = /(^|[-_.])stack([-_.][\w.-]*)?\.ya?ml$/i;

/** A command that deploys Compose files as a Swarm stack. */
const STACK_DEPLOY = /\bdocker\s+stack\s+(?:deploy|up)\b/;
/** The Compose file such a command names (`-c docker-compose.yml`). */
const STACK_DEPLOY_FILE = new RegExp(
  `${STACK_DEPLOY.source}[^\\n]*?\\s(?:-c|--compose-file)[\\s=]+["']?([^\\s"']+)`,
  'g',
);

/** A Compose file templated with Jinja (Ansible's templates/docker-compose.yml.j2). */
const COMPOSE_TEMPLATE = /(^|[-_.])(docker-|podman-)?compose([.-][\w-]+)?\.ya?ml\.j2$/i;

export const composeScanner: Scanner = {
  name: 'compose',
  // And the scripts and playbooks that may deploy them as Swarm stacks.
  wants: (path, name) =>
    isComposeFile(path, name) ||
    STACK.test(name) ||
    COMPOSE_TEMPLATE.test(name) ||
    /\.(sh|bash|ya?ml)$|^Makefile$/.test(name),
  scan(all) {
    // `docker stack deploy -c docker-compose.yml` (joe-mccarthy/home-lab's playbooks): the
    // repository's Compose files are Swarm stacks. Those it names, by name (`-c
    // /home/docker-compose/blog/docker-compose.yaml`, or the module's `compose:` list), or all
    // when it names none; a stack file it generates (full-stack-fastapi-template's
    // docker-stack.yml) leaves them Compose's. Each is said with the file that deploys it.
    const stackDeployers = all.filter(
      (f) =>
        !isComposeFile(f.path, f.name) &&
        toolingRole(f.path) === undefined &&
        (STACK_DEPLOY.test(f.text) || /\bdocker_stack:/.test(f.text)),
    );
    const deployerByName = new Map<string, string>();
    for (const deployer of stackDeployers)
      for (const match of [
        ...deployer.text.matchAll(STACK_DEPLOY_FILE),
        ...(/\bdocker_stack:/.test(deployer.text)
          ? deployer.text.matchAll(/^\s*-\s*["']?([^\s"']+\.ya?ml)["']?\s*$/gm)
          : []),
      ]) {
        const name = posix.basename(match[1]!);
        if (!deployerByName.has(name)) deployerByName.set(name, deployer.path);
      }
    /** The file that deploys a Compose file as a Swarm stack, if one does. */
    const stackDeployerOf = (file: TextFile): string | undefined =>
      deployerByName.size > 0 ? deployerByName.get(file.name) : stackDeployers[0]?.path;
    const read = all.filter(
      (f) => isComposeFile(f.path, f.name) || STACK.test(f.name) || COMPOSE_TEMPLATE.test(f.name),
    );
    // Jinja templates, by name or by their block tags (Mailu's setup/flavors/compose/
    // docker-compose.yml, which its configuration wizard renders).
    const files = read.map((f) =>
      COMPOSE_TEMPLATE.test(f.name) || /^[ \t]*\{%.*%\}[ \t]*$/m.test(f.text)
        ? renderedJinja(f)
        : f,
    );
    const findings: Finding[] = [];
    // The services each file runs, with those of the files it includes (`include:`), each with
    // the folder its build context is relative to.
    const includes = composeIncludes(files);
    const indexOf = new Map(files.map((f, i) => [f.path, i]));
    const servicesOf = (index: number, seen = new Set<number>()): Service[] => {
      if (seen.has(index)) return [];
      seen.add(index);
      const file = files[index]!;
      const doc = yamlDocuments(file)[0];
      const own: Service[] =
        isRecord(doc) && isRecord(doc.services)
          ? Object.entries(doc.services).flatMap(([name, service]) =>
              isRecord(service) ? [{ name, service, folder: posix.dirname(file.path) }] : [],
            )
          : [];
      const included = (includes.get(file.path) ?? []).flatMap((path) =>
        servicesOf(indexOf.get(path)!, seen),
      );
      return [...own, ...included];
    };
    const servicesByFile = files.map((_, index) => servicesOf(index));
    // A file whose services all run in a larger one is a part of that application (a service's
    // own file, for working on it alone, or one another includes), not its structure.
    const serviceSets = servicesByFile.map((services) =>
      services.length > 0 ? new Set(services.map((s) => s.name)) : null,
    );
    /** The file with the most services that runs all of this file's too, if any. */
    const wholeOf = (index: number): number | undefined => {
      const own = serviceSets[index];
      if (!own) return undefined;
      let whole: number | undefined;
      for (const [i, other] of serviceSets.entries())
        if (
          i !== index &&
          other &&
          other.size > own.size &&
          [...own].every((s) => other.has(s)) &&
          (whole === undefined || other.size > serviceSets[whole]!.size)
        )
          whole = i;
      return whole;
    };
    const partOfAnother = (index: number) => wholeOf(index) !== undefined;
    /** The Compose file of the same folder with the most services, not named as tooling. */
    const largestInFolder = (index: number): number => {
      const folder = posix.dirname(files[index]!.path);
      let largest: number | undefined;
      for (const [i, file] of files.entries())
        if (
          posix.dirname(file.path) === folder &&
          !STACK.test(file.name) &&
          toolingRole(file.path) === undefined &&
          (serviceSets[i]?.size ?? 0) > (largest === undefined ? 0 : serviceSets[largest]!.size)
        )
          largest = i;
      return largest ?? index;
    };
    const together = keptTogether(files, servicesByFile);
    const runs = (services: Set<string>) =>
      `Compose runs ${services.size} service(s): ${listOf(services)}`;
    for (const [index, file] of files.entries()) {
      const services = servicesByFile[index]!;
      const count = services.length;
      if (count === 0) continue;
      const images = services.map((s) => s.service.image);
      // A development or test set-up, by what it runs (its databases, a browser, the mounted
      // source, images built from the tests).
      const development =
        databaseMatrix(images) ??
        testBrowser(images) ??
        developmentMode(services) ??
        testBuilds(services) ??
        sourceMounted(services);
      const tooling = development ? { tooling: `a development set-up (${development})` } : {};
      const start = findings.length;
      // A stack file with deploy settings, or deploy settings only Swarm reads (placement, a
      // global mode), whatever the file's name.
      const deploys = services.map((s) => s.service.deploy).filter(isRecord);
      const deployer = stackDeployerOf(file);
      const swarm =
        (deploys.length > 0 && STACK.test(file.name)) ||
        deploys.some((d) => isRecord(d.placement) || d.mode === 'global') ||
        (deployer !== undefined && !development);
      findings.push(
        swarm
          ? {
              question: 'orchestrator',
              value: 'swarm',
              strength: 3,
              file: file.path,
              reason: deployer
                ? `a Docker Swarm stack of ${count} service(s) (${deployer} runs docker stack deploy)`
                : `a Docker Swarm stack of ${count} service(s)`,
            }
          : {
              question: 'orchestrator',
              value: 'compose',
              strength: 3,
              file: file.path,
              // A part of a larger Compose application is the same way of deploying: its reason
              // is the whole's, so that it adds only as a further file does. So are the files
              // kept in one folder (an application's docker-compose.yml beside its .ui.yml and
              // .registry.yml): one way of deploying, said as its largest file says it.
              reason: runs(serviceSets[largestInFolder(wholeOf(index) ?? index)]!),
            },
      );
      findings.push({
        question: 'processes',
        value: 'single',
        strength: 2,
        file: file.path,
        reason: `${count} service(s), each in its own container`,
      });
      // Files kept together are one application: its structure is read once, from all of them.
      const group = together.get(index);
      const architecture =
        group === undefined
          ? architectureOf(componentsOf(services), file.path)
          : group[0] === index
            ? keptWith(
                architectureOf(componentsOf(group.flatMap((i) => servicesByFile[i]!)), file.path),
                group.map((i) => files[i]!.name),
              )
            : undefined;
      if (architecture && !partOfAnother(index)) findings.push(architecture);
      const builds = services.filter((s) => s.service.build !== undefined).length;
      if (builds > 0)
        findings.push({
          question: 'imageSource',
          value: 'dockerfile',
          strength: 2,
          file: file.path,
          reason: `${builds} service(s) built from a Dockerfile`,
        });
      findings.push({
        question: 'updates',
        value: 'replace',
        strength: 1,
        file: file.path,
        reason: 'Compose recreates containers from images to update them',
      });
      // Every service built here: the file runs those images, and is what their Dockerfiles are.
      const dockerfiles = services.map(dockerfileOf);
      const built = dockerfiles.filter((d): d is string => d !== undefined);
      // The images a service gives a command of its own, not a shell or an init (mhvtl's
      // `command: /sbin/init` runs nothing of the project's).
      const run = services.flatMap((s, i) => {
        const command = [s.service.entrypoint, s.service.command]
          .flat()
          .filter((w): w is string => typeof w === 'string')
          .join(' ')
          .trim();
        const dockerfile = dockerfiles[i];
        return dockerfile !== undefined &&
          command !== '' &&
          !/^(\S*\/)?((ba|da)?sh|init|systemd|tini|sleep)(\s|$)/.test(command)
          ? [dockerfile]
          : [];
      });
      const builtHere = {
        ...(built.length === dockerfiles.length ? { runsImagesOf: built } : {}),
        ...(run.length > 0 ? { builds: run } : {}),
      };
      // Only databases, caches and queues, none of the application's own (hcb's
      // docker-compose.dbonly.yml, anotame's root Compose file): beside another way of
      // deploying the application, the developers' backing services.
      const components = componentsOf(services);
      const backingOnly = onlyBackingServices(components)
        ? {
            toolingBesideDeployment: `the developers' backing services (${listOf(components.map((c) => c.name))}), beside the application's own deployment`,
          }
        : {};
      for (const finding of findings.slice(start))
        Object.assign(finding, tooling, builtHere, backingOnly);
    }
    return findings;
  },
};

/**
 * Compose files kept in a folder named for Compose (not by Compose's own names), each running
 * services of its own, none of them tooling by name: the parts of one application brought up
 * together (`docker compose -f infra.yml -f apps.yml up`). Each such file's index maps to its
 * folder's, the one with the application's own services first.
 */
function keptTogether(
  files: readonly TextFile[],
  servicesByFile: readonly Service[][],
): Map<number, number[]> {
  const byFolder = new Map<string, number[]>();
  for (const [index, file] of files.entries())
    if (
      !COMPOSE.test(file.name) &&
      isComposeFile(file.path, file.name) &&
      servicesByFile[index]!.length > 0 &&
      toolingRole(file.path) === undefined
    ) {
      const folder = posix.dirname(file.path);
      byFolder.set(folder, [...(byFolder.get(folder) ?? []), index]);
    }
  const together = new Map<number, number[]>();
  for (const indices of byFolder.values()) {
    const names = indices.flatMap((i) => servicesByFile[i]!.map((s) => s.name));
    // Overlays of one another share service names; parts of a whole do not, and only one of
    // them runs the application's own services (variants, java25.yml and native.yml, each do).
    const withOwn = indices.filter(
      (i) => ownComponents(componentsOf(servicesByFile[i]!)).length > 0,
    );
    if (indices.length < 2 || new Set(names).size < names.length || withOwn.length > 1) continue;
    // The file of the application's own services first: the structure is said about it.
    const group = [...withOwn, ...indices.filter((i) => !withOwn.includes(i))];
    for (const i of group) together.set(i, group);
  }
  return together;
}

/** A finding about files kept together, saying which. */
function keptWith(finding: Finding | undefined, names: readonly string[]): Finding | undefined {
  return (
    finding && {
      ...finding,
      reason: `${finding.reason} (Compose files kept together: ${listOf(names)})`,
    }
  );
}

/** A service of a Compose file, and the folder of the file that declares it. */
interface Service {
  name: string;
  service: Record<string, unknown>;
  folder: string;
}

/**
 * The Compose files each one includes (`include:`, Compose 2.20), by path: retail-store's
 * src/app/docker-compose.yml is the services' own files together.
 */
export function composeIncludes(files: readonly TextFile[]): Map<string, string[]> {
  const paths = new Set(files.map((f) => f.path));
  const includes = new Map<string, string[]>();
  for (const file of files) {
    const doc = yamlDocuments(file)[0];
    if (!isRecord(doc) || !Array.isArray(doc.include)) continue;
    const targets = doc.include
      .flatMap((entry) => {
        const path = isRecord(entry) ? entry.path : entry;
        return Array.isArray(path) ? path : [path];
      })
      .filter((p): p is string => typeof p === 'string')
      .map((p) => posix.join(posix.dirname(file.path), p))
      .filter((p) => paths.has(p) && p !== file.path);
    if (targets.length > 0) includes.set(file.path, targets);
  }
  return includes;
}

/** The Dockerfile a service's image is built from, by its path, if it is built here. */
function dockerfileOf({ service, folder }: Service): string | undefined {
  const build = service.build;
  const context =
    typeof build === 'string' ? build : isRecord(build) ? String(build.context ?? '.') : undefined;
  if (context === undefined) return undefined;
  const dockerfile =
    isRecord(build) && typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile';
  return posix.join(folder, context, dockerfile);
}

/**
 * The services as components, a service that extends another of the same file (`worker:
 * {extends: web}`) run as that one's image: one deployable.
 */
function componentsOf(services: readonly Service[]): Component[] {
  const components = services.map(componentOf);
  return components.map((component, i) => {
    const { service } = services[i]!;
    const base =
      typeof service.extends === 'string'
        ? service.extends
        : isRecord(service.extends) &&
            service.extends.file === undefined &&
            typeof service.extends.service === 'string'
          ? service.extends.service
          : undefined;
    const from =
      base === undefined ? undefined : components[services.findIndex((s) => s.name === base)];
    if (!from || service.image !== undefined || service.build !== undefined) return component;
    const { image, build } = from;
    return {
      ...component,
      ...(image !== undefined ? { image } : {}),
      ...(build !== undefined ? { build } : {}),
    };
  });
}

function componentOf({ name, service, folder }: Service): Component {
  const build = service.build;
  // A service that extends one of another file (`extends: {file: docker-services.yml,
  // service: base_app}`, 18F/calc's app and its two workers) runs that one's image: the services
  // extending it are one deployable, named by it, as services of one build context are.
  const extended =
    isRecord(service.extends) && typeof service.extends.file === 'string'
      ? `extends ${posix.join(folder, service.extends.file)} ${String(service.extends.service ?? '')}`
      : undefined;
  // Contexts are relative to the file's folder: `.` in src/cart/ and in src/ui/ differ.
  const context =
    typeof build === 'string'
      ? posix.join(folder, build)
      : isRecord(build)
        ? `${posix.join(folder, String(build.context ?? '.'))} ${String(build.dockerfile ?? '')}`
        : typeof service.image === 'string'
          ? undefined
          : extended;
  // depends_on: a list of names, or a map of names to conditions.
  const dependsOn = Array.isArray(service.depends_on)
    ? service.depends_on.filter((d): d is string => typeof d === 'string')
    : isRecord(service.depends_on)
      ? Object.keys(service.depends_on)
      : [];
  return {
    name,
    ...(typeof service.image === 'string' ? { image: service.image } : {}),
    ...(context !== undefined ? { build: context } : {}),
    ...(dependsOn.length > 0 ? { dependsOn } : {}),
  };
}

/** Database engines by an image's name (SQL Server's is mcr.microsoft.com/mssql/server). */
const DATABASE_ENGINES: readonly [RegExp, string][] = [
  [/(^|\/)(postgres|postgis)[\w-]*$/, 'postgresql'],
  [/(^|\/)mysql[\w-]*$/, 'mysql'],
  [/(^|\/)mariadb[\w-]*$/, 'mariadb'],
  [/mssql|sqlserver|azure-sql/, 'sqlserver'],
  [/(^|\/)oracle[\w-]*$|gvenzl\/oracle/, 'oracle'],
  [/(^|\/)(cockroach|cockroachdb)[\w-]*$/, 'cockroachdb'],
];

/**
 * Images built here that run the repository's own source, mounted over the folder they
 * work in (wild-workouts' `./internal:/internal` with `working_dir: /internal/trainer`): the
 * developers' set-up, where code changes take effect without a rebuild.
 */
function sourceMounted(services: readonly Service[]): string | undefined {
  const built = services.filter((s) => s.service.build !== undefined);
  const mounted = built.filter(({ service }) => {
    const workdir = typeof service.working_dir === 'string' ? service.working_dir : undefined;
    if (!Array.isArray(service.volumes)) return false;
    // The build context mounted into the container it builds (ohana-web-search's `build: .`
    // with `.:/ohana-web-search`, ChiefOnboarding's `./back` with `./back:/app`): the image's
    // copy of the source is covered.
    const context = plainPath(
      typeof service.build === 'string'
        ? service.build
        : isRecord(service.build) && typeof service.build.context === 'string'
          ? service.build.context
          : '.',
    );
    return service.volumes.some((volume) => {
      if (typeof volume !== 'string') return false;
      const [source, target, mode] = volume.split(':');
      if (source === undefined || target === undefined || !/^\.(\/|$)/.test(source)) return false;
      // Read-only, it is configuration handed in (`./nginx:/etc/nginx/conf.d:ro`), not source.
      if (mode !== undefined && /(^|,)ro(,|$)/.test(mode)) return false;
      // The build context mounted over the container's files (`./back:/app`), not into its
      // configuration (`/etc/…`).
      if (plainPath(source) === context && target.startsWith('/') && !target.startsWith('/etc/'))
        return true;
      return (
        workdir !== undefined &&
        `${withoutTrailingSlashes(workdir)}/`.startsWith(`${withoutTrailingSlashes(target)}/`)
      );
    });
  });
  // Most of them: an emulator of a cloud service built beside them mounts nothing.
  return mounted.length > 0 && mounted.length * 2 > built.length
    ? `it mounts the source over the images it builds: ${listOf(mounted.map((s) => s.name))}`
    : undefined;
}

/** A relative path as written in a Compose file, plain: `./` and `.` alike, no trailing slash. */
function plainPath(path: string): string {
  return withoutTrailingSlashes(path.replace(/^\.\/+/, '')) || '.';
}

/**
 * Images built here and run in a framework's development mode with the repository mounted
 * (ifme's `RAILS_ENV=development` and `.:/app`): a developer's set-up.
 */
function developmentMode(services: readonly Service[]): string | undefined {
  const modes = services.flatMap(({ service }) => {
    if (service.build === undefined || !Array.isArray(service.volumes)) return [];
    // The repository, or a folder of its source (tock's `./tock:/tock`).
    const mountsRepository = service.volumes.some(
      (v) => typeof v === 'string' && /^\.(\/[\w.-]+)*\/?:/.test(v),
    );
    const environment = Array.isArray(service.environment)
      ? service.environment.filter((e): e is string => typeof e === 'string')
      : isRecord(service.environment)
        ? Object.entries(service.environment).map(([k, v]) => `${k}=${String(v)}`)
        : [];
    const mode =
      environment.find(
        (e) =>
          /^(RAILS|RACK|NODE|APP|FLASK|DJANGO|MIX|ASPNETCORE)_ENV(IRONMENT)?=["']?(development|dev)["']?$/i.test(
            e,
          ) || /^DJANGO_SETTINGS_MODULE=["']?[\w.]*\.(dev|development|local)["']?$/.test(e),
      ) ??
      developmentServer(service.command) ??
      interactiveShell(service);
    return mountsRepository && mode ? [mode] : [];
  });
  return modes.length > 0 ? `it runs ${listOf(modes)} with the repository mounted` : undefined;
}

/**
 * A shell for a person to work in (sqlfluff's `entrypoint: /bin/bash` with `tty: true`): no
 * service runs there, only what someone types.
 */
function interactiveShell(service: Record<string, unknown>): string | undefined {
  const shellOnly = (value: unknown) => {
    const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
    return /^\s*(?:\/(?:usr\/)?bin\/)?(?:ba|z|a)?sh\s*$/.test(text);
  };
  const starts =
    shellOnly(service.entrypoint) ||
    (service.entrypoint === undefined && shellOnly(service.command));
  return starts && (service.tty === true || service.stdin_open === true) ? 'a shell' : undefined;
}

/** A framework's development server as a service's command (`manage.py runserver`). */
function developmentServer(command: unknown): string | undefined {
  const text = Array.isArray(command)
    ? command.join(' ')
    : typeof command === 'string'
      ? command
      : '';
  // Or a developer's tools run as services over the source: tests, linters, a console
  // (abalone's `rspec`, `rubocop -a`, `rails console`).
  return /\bmanage\.py\s+runserver\b|\bflask\s+run\b|\bnodemon\b|\b(npm|yarn|pnpm)\s+(run\s+)?dev\b|\b(?:rspec|rubocop|brakeman|pytest|phpunit|rails\s+console)\b/.exec(
    text,
  )?.[0];
}

/**
 * Images all built from the project's tests (openvpn-install's `dockerfile:
 * test/Dockerfile.server`): where the installer is tested, not how anything is deployed.
 */
function testBuilds(services: readonly Service[]): string | undefined {
  const dockerfiles = services.flatMap(({ service }) =>
    isRecord(service.build)
      ? [`${String(service.build.context ?? '.')}/${String(service.build.dockerfile ?? '')}`]
      : typeof service.build === 'string'
        ? [service.build]
        : [],
  );
  return dockerfiles.length > 0 && dockerfiles.every((d) => /(^|\/)(tests?|e2e)\//.test(d))
    ? `its images are built from the tests: ${listOf(dockerfiles.map((d) => d.replace(/^\.\//, '')))}`
    : undefined;
}

/**
 * A browser for end-to-end tests among a Compose file's services (casa's selenium_chrome):
 * where developers run the test suite, not how the application is deployed.
 */
function testBrowser(images: readonly unknown[]): string | undefined {
  const browser = images.find(
    (image): image is string =>
      typeof image === 'string' &&
      /^(selenium|seleniarm|browserless|cypress)\/|(^|\/)playwright(:|$)/.test(image.toLowerCase()),
  );
  return browser ? `it runs a browser for the tests: ${browser}` : undefined;
}

/**
 * Why a Compose file is where developers test against databases, if it is: no deployment runs
 * three database engines side by side (shlink's MySQL, PostgreSQL, MariaDB and SQL Server), nor
 * three versions of one (pgweb's PostgreSQL 13 to 18).
 */
function databaseMatrix(images: readonly unknown[]): string | undefined {
  const versions = new Map<string, Set<string>>(); // engine → its tags
  for (const image of images) {
    if (typeof image !== 'string') continue;
    const reference = image.toLowerCase().replace(/@.*$/, '');
    const tag = /:([^/:]*)$/.exec(reference)?.[1] ?? 'latest';
    const name = reference.replace(/:[^/:]*$/, '');
    const engine = DATABASE_ENGINES.find(([pattern]) => pattern.test(name))?.[1];
    if (engine) versions.set(engine, (versions.get(engine) ?? new Set()).add(tag));
  }
  if (versions.size >= 3)
    return `it runs ${versions.size} database engines side by side: ${listOf(versions.keys())}`;
  const [engine, tags] = [...versions].find(([, t]) => t.size >= 3) ?? [];
  return engine && tags
    ? `it runs ${tags.size} versions of ${engine} side by side: ${listOf(tags)}`
    : undefined;
}
