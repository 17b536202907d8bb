// What a file is for. Files that test, document, demonstrate or build the project (test
// fixtures, docs, examples, CI, development containers, Molecule scenarios, Helm test hooks)
// are tooling: what they suggest is listed apart and is never evidence for an answer (unless
// asked for with --include-tooling). Everything else describes how the project is deployed.

/** Folders, anywhere in a path, whose files are tooling, with what they are for. */
const TOOLING_FOLDERS: ReadonlyMap<string, string> = new Map([
  ['test', 'a test'],
  ['tests', 'a test'],
  ['testing', 'a test'],
  ['spec', 'a test'],
  ['specs', 'a test'],
  ['__tests__', 'a test'],
  ['e2e', 'a test'],
  ['cypress', 'a test'],
  ['playwright', 'a test'],
  // An app deployed only to try the platform (luminosita/packer-ubuntu's tf/modules/testapp/).
  ['testapp', 'a test'],
  ['testapps', 'a test'],
  ['testdata', 'test data'],
  ['fixtures', 'test data'],
  ['molecule', 'a Molecule test scenario'],
  ['.kitchen', 'a Test Kitchen set-up'],
  ['docs', 'documentation'],
  ['doc', 'documentation'],
  ['documentation', 'documentation'],
  ['examples', 'an example'],
  ['example', 'an example'],
  ['samples', 'an example'],
  ['sample', 'an example'],
  ['.devcontainer', 'a development container'],
  ['dev', 'a development set-up'],
  // Kubernetes projects' scripts for developers and CI (kubernetes/hack, amazon-eks-ami/hack).
  ['hack', 'a development script'],
  ['devel', 'a development set-up'],
  ['develop', 'a development set-up'],
  ['development', 'a development set-up'],
  // Trials beside the deployment (coffeeshop-on-nomad's experiments/grpc-dns/).
  ['experiments', 'an experiment'],
  ['experimental', 'an experiment'],
  // Files kept after they were retired (wlanboy/vagrantkind's oldstuff/).
  ['old', 'retired (kept, no longer used)'],
  ['oldstuff', 'retired (kept, no longer used)'],
  ['archive', 'retired (kept, no longer used)'],
  ['archived', 'retired (kept, no longer used)'],
  ['attic', 'retired (kept, no longer used)'],
  ['deprecated', 'retired (kept, no longer used)'],
  ['obsolete', 'retired (kept, no longer used)'],
  ['.github', 'CI configuration'],
  ['.gitlab', 'CI configuration'],
  ['.circleci', 'CI configuration'],
  ['.buildkite', 'CI configuration'],
  ['.ci', 'CI configuration'],
  ['ci', 'CI configuration'],
]);

/** Words that make a folder's name a test's, among others (`test-environments`). */
const TEST_WORDS = new Set(['test', 'tests', 'testing', 'e2e']);

/** File names that are tooling wherever they are. */
const TOOLING_FILES: readonly [RegExp, string][] = [
  [/^\.gitpod/i, 'a Gitpod development environment'],
  [/^\.gitlab-ci\.ya?ml$/i, 'CI configuration'],
  [/^\.travis\.ya?ml$/i, 'CI configuration'],
  [/^\.?kitchen(\.[\w-]+)?\.ya?ml$/i, 'a Test Kitchen set-up'],
  [/^\.?devcontainer\.json$/i, 'a development container'],
];

/**
 * Compose files and Dockerfiles whose names say what they are for, by any word of the name
 * beside the usual one (`docker-compose.ci-test.yml`, `Dockerfile.dev`, `test.Dockerfile`).
 */
const CONTAINER_FILE =
  /^(?:(?:docker-|podman-)?compose[.-]([\w.-]+)\.ya?ml|(?:Dockerfile|Containerfile)[.-]([\w.-]+)|([\w.-]+)\.(?:Dockerfile|Containerfile))$/i;

const PURPOSE_WORDS: readonly [RegExp, string, string][] = [
  // [word, role for a Compose file, role for a Dockerfile]
  [/^(test|tests|testing|e2e|ci|integration)$/, 'a test', 'CI configuration'],
  [/^(load|loadtest|perf|performance|bench|benchmark)$/, 'a load test', 'a load test'],
  [/^(dev|devel|development|local|debug)$/, 'a development set-up', 'a development container'],
  [/^(docs?|mkdocs|documentation|sphinx)$/, 'documentation', 'documentation'],
  [/^(build|builder)$/, 'a build set-up', 'a build environment'],
];

/** A YAML file in a folder named for Compose is a Compose file, its whole name the purpose. */
export const IN_COMPOSE_FOLDER = /(?:^|\/)(?:docker-|podman-)?compose\/([^/]+)\.ya?ml$/i;

function containerFileRole(path: string, name: string): string | undefined {
  const match = CONTAINER_FILE.exec(name);
  const inFolder = match ? undefined : IN_COMPOSE_FOLDER.exec(path);
  const purpose = match ? (match[1] ?? match[2] ?? match[3]) : inFolder?.[1];
  if (purpose === undefined) return undefined;
  const words = purpose.toLowerCase().split(/[.\-_]/);
  for (const [word, composeRole, dockerfileRole] of PURPOSE_WORDS)
    if (words.some((w) => word.test(w)))
      return match?.[1] !== undefined || inFolder ? composeRole : dockerfileRole;
  return undefined;
}

/** Why a file is tooling, or undefined for a file that describes the deployment. */
export function toolingRole(path: string): string | undefined {
  const parts = path.split('/');
  const name = parts[parts.length - 1]!;
  for (const [pattern, role] of TOOLING_FILES) if (pattern.test(name)) return role;
  const containerRole = containerFileRole(path, name);
  if (containerRole) return containerRole;
  for (let i = 0; i < parts.length - 1; i++) {
    // Hidden too (justingarfield/home-ops keeps its retired scripts in .archive/).
    const folder = parts[i]!.toLowerCase();
    const role =
      TOOLING_FOLDERS.get(folder) ??
      (folder.startsWith('.') ? TOOLING_FOLDERS.get(folder.slice(1)) : undefined);
    if (role) return role;
    // A folder named for tests among other words (test-environments, e2e-tests, k8s_test).
    const words = parts[i]!.toLowerCase().split(/[-_.]/);
    if (words.length > 1 && words.some((w) => TEST_WORDS.has(w))) return 'a test';
    // Or for examples (grist-core's docker-compose-examples/).
    if (words.length > 1 && words.some((w) => EXAMPLE_FOLDERS.has(w))) return 'an example';
    // Helm test hooks: templates/tests/ in a chart.
    if (parts[i] === 'templates' && parts[i + 1] === 'tests') return 'a Helm test hook';
  }
  return undefined;
}

const EXAMPLE_FOLDERS = new Set(['examples', 'example', 'samples', 'sample']);

/**
 * Whether a file is an example or a sample (anywhere in its path, even under docs): what a
 * project ships to show how it is deployed, read when nothing else describes the deployment.
 */
export function isExample(path: string): boolean {
  const parts = path.split('/');
  return parts.slice(0, -1).some((part) =>
    part
      .toLowerCase()
      .split(/[-_.]/)
      .some((word) => EXAMPLE_FOLDERS.has(word)),
  );
}

/**
 * What a file's opening comments say it is for, when they say it is not the deployment:
 * "This is an example Dockerfile showing how it's possible to install Klipper in Docker".
 * Only the comment lines before the first instruction are read; usage notes ("Example: docker
 * run …") are not such a statement.
 */
export function saidToBe(text: string): string | undefined {
  const opening = /^(?:[ \t]*(?:#[^\n]*)?\n)*/.exec(text)?.[0] ?? '';
  const match =
    /\b(?:this is an? (?:simple |minimal |basic )?example|an example (?:dockerfile|compose file|set-?up)|example (?:dockerfile|compose file)|(?:only )?for (?:testing|development)(?: purposes)? only|not (?:meant|intended|suitable) for production)\b/i.exec(
      opening,
    );
  return match ? `an example or test set-up (its comment says "${match[0]}")` : undefined;
}
