// Reads the YAML documents of a file for scanners: plain data only, aliases capped, and a
// file that does not parse yields nothing rather than an error (detection is best effort).
import { parseAllDocuments } from 'yaml';
import type { TextFile } from './types.js';

export { isRecord } from '../is-record.js';

/**
 * Aliases a repository's YAML may expand (as the yaml library counts them: the uses of an anchor
 * times the aliases inside it): a Compose file that reuses its anchors, nested, for 57 services
 * (Sentry's) needs about 2,000; an alias bomb needs millions, and each file is bounded.
 * (Answers and rules files, which a person writes, allow 100.)
 */
const MAX_ALIASES = 10_000;

// One parse per file, shared by every scanner that reads it.
const parsed = new WeakMap<TextFile, unknown[]>();

/**
 * The YAML documents of a file, parsed once however many scanners ask. A file that does not
 * parse (a Helm or Jinja template is not YAML until rendered) gives none: scanners that know
 * such templates read their text instead.
 */
export function yamlDocuments(file: TextFile): unknown[] {
  let documents = parsed.get(file);
  if (documents === undefined) {
    documents = parseDocuments(file.text);
    parsed.set(file, documents);
  }
  return documents;
}

/** A template's placeholder for each `{{ … }}` expression: a value, as the rendering gives. */
export const JINJA_PLACEHOLDER = 'x';

const renderings = new WeakMap<TextFile, TextFile>();

/**
 * A Jinja template's text as the YAML it renders to, near enough to read (Ansible's
 * templates/docker-compose.yml.j2, a distrobuilder definition): block tags (`{% if … %}`)
 * dropped, so both branches are read, and each expression a placeholder. Made once per file,
 * so that its one parse is shared too.
 */
export function renderedJinja(file: TextFile): TextFile {
  let rendering = renderings.get(file);
  if (rendering === undefined) {
    const text = file.text
      .replace(/^[ \t]*\{%.*%\}[ \t]*$/gm, '')
      // Each expression ends before the next brace: one pass, however many `{{` a line holds.
      .replace(/\{\{[^{}\n]*\}\}/g, JINJA_PLACEHOLDER)
      .replace(/\{#[^#\n]*#\}/g, '');
    rendering = { ...file, text };
    renderings.set(file, rendering);
  }
  return rendering;
}

/** The documents of YAML held in another file's value (an LXD profile's cloud-init user-data). */
export function embeddedYaml(text: string): unknown[] {
  return parseDocuments(text);
}

function parseDocuments(text: string): unknown[] {
  try {
    const documents = parseAllDocuments(text, {
      schema: 'core',
      // Merge keys (`<<: *service`) as Compose files use them: a service takes its anchor's image.
      merge: true,
      uniqueKeys: false,
      strict: false,
      // Best effort, and quiet: a template's odd keys are not worth a warning on stderr.
      logLevel: 'silent',
    });
    const list = Array.isArray(documents) ? documents : [documents];
    const out: unknown[] = [];
    for (const doc of list) {
      if (doc.errors.length > 0) continue;
      try {
        out.push(doc.toJS({ maxAliasCount: MAX_ALIASES }));
      } catch {
        // too many aliases, or unparsable: not evidence
      }
    }
    return out;
  } catch {
    return [];
  }
}
