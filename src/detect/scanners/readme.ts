// What the project's README tells its users to run. A repository often holds several ways to
// deploy (a Compose file, Kubernetes manifests, a chart), and the number of files of each says
// little about which one the project means: huly-selfhost's README is a walk through
// `docker compose up`, beside a folder of manifests. The README's commands decide between the
// orchestrators the files show; they answer nothing alone.
import type { Finding, Scanner } from '../types.js';

/** The commands that deploy with each orchestrator, as a README shows them. */
const COMMANDS: readonly [string, RegExp][] = [
  [
    'compose',
    /\b(?:docker[- ]compose|podman[- ]compose|docker\s+compose)\b(?:\s+(?:-f|--file|-p|--project-name|--env-file|--profile)\s+\S+)*\s+(?:up|pull|start|run)\b/g,
  ],
  [
    'kubernetes',
    /\b(?:kubectl\s+(?:apply|create)|helm\s+(?:install|upgrade)|kustomize\s+build|skaffold\s+(?:run|dev)|tilt\s+up)\b/g,
  ],
  ['swarm', /\bdocker\s+stack\s+deploy\b/g],
  ['nomad', /\bnomad\s+(?:job\s+)?run\b/g],
];

const README = /^readme(\.(md|markdown|rst|adoc|asciidoc|txt))?$/i;

/** Headings of the sections that are about working on the project, not deploying it. */
const DEVELOPMENT_HEADING =
  /develop|contribut|hacking|local|testing|tests\b|build(ing)? from source|debug/i;

/**
 * The README without its sections about working on the project (`## Development`,
 * `## Contributing`, `## Local setup`): what it says of those is not how the project is run.
 * Markdown and AsciiDoc headings (`#`, `=`), line by line.
 */
function deploymentSections(text: string): string {
  const kept: string[] = [];
  let skipping = false;
  let fence = false;
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const heading = fence ? undefined : /^(#{1,6}|={1,6})\s+(.*)$/.exec(line)?.[2];
    if (heading !== undefined) skipping = DEVELOPMENT_HEADING.test(heading);
    if (!skipping) kept.push(line);
  }
  return kept.join('\n');
}

export const readmeScanner: Scanner = {
  name: 'readme',
  wants: (path, name) => path === name && README.test(name),
  scan(files) {
    // The README at the root, Markdown first when there are several.
    const file = [...files].sort(
      (a, b) => Number(!/\.md$/i.test(a.name)) - Number(!/\.md$/i.test(b.name)),
    )[0];
    if (!file) return [];
    const text = deploymentSections(file.text);
    const counts = COMMANDS.map(([value, pattern]) => {
      const found = [...text.matchAll(pattern)]
        .map((m) => m[0].replace(/\s+/g, ' '))
        // A Compose file for development or tests named in the command (`-f docker-compose.dev.yml`).
        .filter((command) => !/[-_.](dev|devel|development|local|test|tests|ci)\b/i.test(command));
      return { value, found };
    })
      .filter((c) => c.found.length > 0)
      .sort((a, b) => b.found.length - a.found.length);
    const [first, second] = counts;
    // Only a README that clearly shows one way: no other orchestrator's commands, or at least
    // twice as many of its own.
    if (!first || (second && first.found.length < 2 * second.found.length)) return [];
    const finding: Finding = {
      question: 'orchestrator',
      value: first.value,
      strength: 1,
      file: file.path,
      reason: `the README tells its users to run \`${first.found[0]}\` (${first.found.length} such command${first.found.length > 1 ? 's' : ''}${second ? `, against ${second.found.length} of ${second.value}` : ''})`,
      documented: true,
    };
    return [finding];
  },
};
