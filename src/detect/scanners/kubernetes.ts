// Kubernetes manifests, Helm charts and kustomize: all run application containers.

import { posix } from 'node:path';
import {
  architectureOf,
  type Component,
  imageName,
  isOperationsImage,
  ownComponents,
  publisherOf,
} from '../architecture.js';
import { embeddedYaml, isRecord, yamlDocuments } from '../read-yaml.js';
import {
  type Finding,
  folderWithSlash,
  listOf,
  type Scanner,
  type TextFile,
  topmost,
} from '../types.js';

const WORKLOADS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Pod',
  'Job',
  'CronJob',
  'Rollout',
]);

export const kubernetesScanner: Scanner = {
  name: 'kubernetes',
  // Manifests and charts, and a chart's helper templates (`_helpers.tpl`), which may say the
  // image its workloads run (airflow's `include "airflow.image"`).
  wants: (path, name) => /\.ya?ml$/i.test(name) || /(^|\/)templates\/.*\.tpl$/.test(path),
  scan(files) {
    const findings: Finding[] = [];
    const workloads = new Map<string, string>(); // name → file
    // Long-running workloads deployed together: one folder of manifests, or one chart.
    const units = new Map<string, { file: string; components: Component[] }>();
    // DaemonSets, by the components they are: beside an application's other workloads, a pod
    // on every node is the nodes' agent (es-operator's sysctl tuner), not a part of it.
    const nodeAgents = new Set<Component>();
    const chartTiers = new Map<string, Component[]>();
    const identities = new Set<string>();
    // Each chart's Chart.yaml, by the chart's folder.
    const chartFiles = new Map(
      files
        .filter((f) => /^Chart\.ya?ml$/i.test(f.name))
        .map((f) => [folderWithSlash(f.path), f.path] as const),
    );
    // Each chart's values, by the chart's folder, to name the images its templates use.
    const chartValues = new Map(
      files
        .filter((f) => f.name === 'values.yaml')
        .map((f) => [folderWithSlash(f.path), yamlDocuments(f)[0]] as const),
    );
    // The workloads of each folder of manifests (or chart), and the files they are in.
    const folders = new Map<string, { files: Set<string>; names: string[]; assembly?: string }>();
    const placeIn = (folder: string, file: string, name: string) => {
      const place = folders.get(folder) ?? { files: new Set<string>(), names: [] };
      place.files.add(file);
      place.names.push(name);
      folders.set(folder, place);
    };
    // Charts and kustomize configurations, by folder: what puts a folder's workloads together.
    const assemblies = new Map<string, { file: string; what: string }>();
    // Charts of this repository that another depends on (`repository: file://../../cart/chart`):
    // each chart's folder → the folder of the chart that puts it together with others.
    const umbrellaOf = new Map<string, string>();
    // The names a kustomization gives the workloads of its folder (`namePrefix: emailer-`, as
    // micro-starter-kit's services, each a Deployment named `service`).
    const affixes = new Map<string, { prefix: string; suffix: string }>();
    for (const file of files)
      if (/^kustomization\.ya?ml$/i.test(file.name)) {
        const prefix = /^namePrefix:[ \t]*["']?([\w.-]+)/m.exec(file.text)?.[1] ?? '';
        const suffix = /^nameSuffix:[ \t]*["']?([\w.-]+)/m.exec(file.text)?.[1] ?? '';
        if (prefix || suffix) affixes.set(folderWithSlash(file.path), { prefix, suffix });
      }
    const named = (folder: string, name: string) => {
      const affix = affixes.get(folder);
      return affix ? `${affix.prefix}${name}${affix.suffix}` : name;
    };
    // Each chart's named templates (`{{- define "airflow.image" }}`), by the chart's folder.
    const chartHelpers = new Map<string, Map<string, string>>();
    for (const file of files) {
      const chart = /^(.*?)templates\//.exec(file.path)?.[1];
      if (chart === undefined || !file.name.endsWith('.tpl')) continue;
      const helpers = chartHelpers.get(chart) ?? new Map<string, string>();
      const parts = file.text.split(/\{\{-?\s*define\s+"/);
      for (const part of parts.slice(1)) {
        const name = /^([^"]+)"/.exec(part)?.[1];
        if (name) helpers.set(name, part);
      }
      chartHelpers.set(chart, helpers);
    }
    for (const file of files) {
      if (file.name.endsWith('.tpl')) continue;
      const folderOfFile = folderWithSlash(file.path);
      if (/^Chart\.ya?ml$/i.test(file.name)) {
        const chart = yamlDocuments(file)[0];
        if (isRecord(chart) && typeof chart.name === 'string')
          assemblies.set(folderOfFile, { file: file.path, what: `a Helm chart (${chart.name})` });
        const dependencies =
          isRecord(chart) && Array.isArray(chart.dependencies) ? chart.dependencies : [];
        for (const dependency of dependencies) {
          if (!isRecord(dependency)) continue;
          // A chart of this repository (`repository: file://../../cart/chart`) is a part.
          if (
            typeof dependency.repository === 'string' &&
            dependency.repository.startsWith('file://')
          )
            umbrellaOf.set(
              `${posix.join(folderOfFile, dependency.repository.slice('file://'.length))}/`,
              folderOfFile,
            );
          // A database chart it depends on (zitadel's postgresql) is a tier of its application,
          // which keeps its data there; a cache it may use (oauth2-proxy's redis-ha, for
          // sessions) is often left off. A dependency whose condition the chart's values leave
          // off (opengist's `condition: postgresql.enabled` with `enabled: false`) is an option.
          if (
            typeof dependency.name === 'string' &&
            !switchedOff(dependency.condition, chartValues.get(folderOfFile))
          )
            chartTiers.set(folderOfFile, [
              ...(chartTiers.get(folderOfFile) ?? []),
              { name: dependency.name, image: dependency.name },
            ]);
        }
        continue;
      }
      if (/^kustomization\.ya?ml$/i.test(file.name)) {
        assemblies.set(folderOfFile, { file: file.path, what: 'a kustomize configuration' });
        continue;
      }
      // Values for a chart kept elsewhere, bjw-s' app-template, which homelabs' GitOps renders
      // per folder (an Argo CD ApplicationSet over apps/*/values.yaml): each controller is a
      // workload. Not a chart's own values: its templates say what it runs.
      const controllers =
        /^values\.ya?ml$/i.test(file.name) && !chartFiles.has(folderOfFile)
          ? appTemplateControllers(file)
          : [];
      for (const { controller, image } of controllers) {
        const name = `${controller} (app-template values)`;
        workloads.set(name, file.path);
        placeIn(folderOfFile, file.path, name);
        const entry = units.get(folderOfFile) ?? { file: file.path, components: [] };
        entry.components.push(image ? { name, image } : { name });
        units.set(folderOfFile, entry);
      }
      if (controllers.length > 0) continue;
      // Helm templates hold Go template directives: read them for their kinds only.
      // A Helm template is read as text: rendered, its values would change what it holds.
      // A manifest says its kind at the top level: a file that does not (a locale, a schema,
      // a CI file) is not parsed, nor are the documents of other kinds (an install bundle's
      // CustomResourceDefinitions, hundreds of kilobytes of schema beside one Deployment).
      const texts = file.text.includes('{{') ? [] : workloadDocuments(file);
      const kinds = texts
        .filter(isRecord)
        .filter((d) => typeof d.apiVersion === 'string' && typeof d.kind === 'string');
      // Each templated document with its own text: a template of several workloads
      // (stackstorm-k8s's deployments.yaml: st2auth, st2api, … each its own image) is read
      // document by document.
      const templated = file.text.includes('{{')
        ? file.text.split(/^---[ \t]*$/m).flatMap((text) =>
            [...text.matchAll(/^kind:\s*(\w+)\s*$/gm)].map((m) => ({
              kind: m[1],
              metadata: undefined,
              text,
            })),
          )
        : [];
      for (const doc of [...kinds, ...templated] as {
        kind: string;
        apiVersion?: unknown;
        metadata?: unknown;
        spec?: unknown;
        text?: string;
      }[]) {
        // A GitOps release (Flux's HelmRelease, Argo CD's Application) deploys a chart or
        // manifests kept elsewhere into the cluster: a workload, its parts out of sight.
        const release = releaseOf(doc);
        if (release) {
          const name = `${isRecord(doc.metadata) && typeof doc.metadata.name === 'string' ? doc.metadata.name : file.path} (${release})`;
          workloads.set(name, file.path);
          placeIn(folderOfFile, file.path, name);
          continue;
        }
        if (!WORKLOADS.has(doc.kind)) continue;
        // A Helm test hook rendered among the manifests (`"helm.sh/hook": test-success`) checks
        // the release; it is not one of its workloads.
        if (
          isRecord(doc.metadata) &&
          isRecord(doc.metadata.annotations) &&
          /^test/.test(String(doc.metadata.annotations['helm.sh/hook'] ?? ''))
        )
          continue;
        // A templated workload has no name until rendered; a chart's templates are one
        // application (a Deployment and a DaemonSet are often alternatives): one per chart.
        // A chart that keeps its templates in a folder per component (jupyterhub's hub/,
        // proxy/, scheduling/) templates one deployable per folder.
        const chart = /^(.*?)templates\//.exec(file.path)?.[1];
        const part =
          chart !== undefined
            ? /^([^/]+)\//.exec(file.path.slice(chart.length + 'templates/'.length))?.[1]
            : undefined;
        // A template the chart's values leave off (windmill's hub.yaml under
        // `{{ if .Values.hub.enabled }}`, `hub.enabled: false`) renders nothing by default.
        if (
          chart !== undefined &&
          !renderedByDefault(doc.text ?? file.text, file.text, chartValues.get(chart))
        )
          continue;
        // A templated image is looked up in the chart's values (mariadb-operator's controller,
        // webhook and certificate controller are one image; jupyterhub's hub and proxy are not).
        const valuesImage =
          chart !== undefined && doc.spec === undefined
            ? (templatedImage(
                doc.text ?? file.text,
                chartValues.get(chart),
                chartHelpers.get(chart),
              ) ?? templatedImage(file.text, chartValues.get(chart), chartHelpers.get(chart)))
            : undefined;
        const shownPart = valuesImage?.split('/').pop() ?? part;
        const name =
          isRecord(doc.metadata) && typeof doc.metadata.name === 'string'
            ? named(folderOfFile, doc.metadata.name)
            : chart !== undefined
              ? `the chart in ${chart || '.'}${shownPart ? ` (${shownPart})` : ''}`
              : `${doc.kind} in ${file.path}`;
        workloads.set(name, file.path);
        // Jobs run to completion beside the application; they are not a part of its structure.
        // Nor is a second workload of one kind, name and namespace in one folder: a cluster holds
        // one, so the two are alternatives (kubewatch's `kubewatch.yaml` and
        // `kubewatch-in-cluster.yaml`, the same pod from two images).
        const unit = chart ?? folderOfFile;
        const namespace = isRecord(doc.metadata) ? String(doc.metadata.namespace ?? '') : '';
        const identity = `${unit}\0${doc.kind}\0${namespace}\0${name}`;
        // Only a name given as it is: a templated workload has none until rendered.
        const alternative = doc.metadata !== undefined && identities.has(identity);
        identities.add(identity);
        if (doc.kind !== 'Job' && doc.kind !== 'CronJob' && !alternative) {
          const entry = units.get(unit) ?? { file: file.path, components: [] };
          const images = valuesImage !== undefined ? [valuesImage] : imagesOf(doc.spec);
          // A workload's containers: the first is the application, the rest its sidecars.
          const component: Component = images[0] ? { name, image: images[0] } : { name };
          if (doc.kind === 'DaemonSet') nodeAgents.add(component);
          entry.components.push(component);
          units.set(unit, entry);
        }
        placeIn(chart ?? folderOfFile, file.path, name);
        if (
          doc.kind === 'Rollout' &&
          isRecord(doc.spec) &&
          isRecord(doc.spec.strategy) &&
          'blueGreen' in doc.spec.strategy
        ) {
          findings.push({
            question: 'rollback',
            value: 'yes',
            strength: 2,
            file: file.path,
            reason: 'an Argo Rollouts blue/green strategy',
          });
        }
      }
    }
    // A chart or kustomization and the workloads it puts together are one way of deploying too:
    // one sign, not two.
    for (const [folder, { file, what }] of assemblies) {
      const place = folders.get(folder);
      if (place) {
        place.files.add(file);
        place.assembly = what;
      } else
        findings.push({
          question: 'orchestrator',
          value: 'kubernetes',
          strength: 3,
          file,
          reason: what,
        });
    }
    // One way of deploying per folder of manifests or chart: one sign, however many files it
    // is split into (fifteen templates of a chart do not outweigh a Compose file).
    for (const [folder, { files: inFolder, names, assembly }] of folders) {
      const shown = [...new Set(names)];
      const reason = `${names.length} Kubernetes workload(s)${folder ? ` in ${folder}` : ''}${assembly ? `, ${assembly}` : ''}: ${listOf(shown)}`;
      findings.push({
        question: 'orchestrator',
        value: 'kubernetes',
        strength: 3,
        file: [...inFolder][0]!,
        reason,
      });
    }
    if (workloads.size > 0) {
      const first = [...workloads.values()][0]!;
      // Said of every file with a workload: one reason, and a little more for each further file,
      // as configuration management's "changes running systems in place" is of each of its files.
      for (const file of new Set(workloads.values()))
        findings.push({
          question: 'updates',
          value: 'replace',
          strength: 1,
          file,
          reason: 'Kubernetes replaces pods from images to update them',
        });
      findings.push({
        question: 'processes',
        value: 'single',
        strength: 1,
        file: first,
        reason: 'workloads run as pods of containers',
      });
      for (const [chart, dependencies] of chartTiers) {
        const unit = units.get(chart);
        if (unit) unit.components.push(...dependencies.filter((d) => isDatabase(d.name)));
      }
      // A chart that puts this repository's charts together (retail-store's src/app/chart of
      // its services' charts) is one application: its parts' workloads are its own.
      for (const part of umbrellaOf.keys()) {
        const unit = units.get(part);
        const top = topmost(umbrellaOf, part);
        if (!unit || top === part) continue;
        const whole = units.get(top) ?? { file: chartFiles.get(top) ?? unit.file, components: [] };
        whole.components.push(...unit.components);
        units.set(top, whole);
        units.delete(part);
      }
      for (const unit of units.values())
        if (unit.components.some((c) => !nodeAgents.has(c)))
          unit.components = unit.components.filter((c) => !nodeAgents.has(c));
      // A chart's templates are one deployable, however many workloads they template.
      const uniqueOf = (components: readonly Component[]) =>
        components.filter(
          (c, i) => c.image !== undefined || components.findIndex((d) => d.name === c.name) === i,
        );
      // Services that each keep their own manifests (admin-service/k8s/, or
      // kubernetes/apps/e-commerce/cart-service/base/, with its database or without):
      // three or more folders of one workload of their own each, side by side under one folder,
      // are one application's services, read as one. Told apart from alternatives of one
      // another (a chart, plain manifests and a kustomize base of the same workload): no chart
      // or unit of several workloads of its own under that folder, each with a name and an image
      // of its own. The deepest such folder is the application.
      const ownOf = (u: { components: Component[] }) => ownComponents(uniqueOf(u.components));
      const alone = new Set(
        [...units]
          .filter(([, u]) => ownOf(u).length === 1 && !/(^|\/)templates\//.test(u.file))
          .map(([key]) => key),
      );
      const grouped = new Set<string>();
      const parents = [...new Set([...alone].flatMap(ancestorsOf))].sort(
        (a, b) => b.length - a.length,
      );
      for (const parent of parents) {
        const inside = [...units].filter(([key]) => key.startsWith(parent) && !grouped.has(key));
        // A folder of manifests beside them for something else (JHipster's console/: logging
        // and tracing) does not stop them being one application; a chart there might be it.
        const under = inside.filter(([key]) => alone.has(key));
        if (
          under.length < 3 ||
          inside.some(([key, u]) => !alone.has(key) && /(^|\/)templates\//.test(u.file))
        )
          continue;
        const parts = under.map(([, u]) => ownOf(u)[0]!);
        const children = new Set(under.map(([key]) => key.slice(parent.length).split('/')[0]));
        if (
          children.size < 3 ||
          new Set(parts.map((c) => c.name)).size !== parts.length ||
          new Set(parts.map((c) => c.image ?? c.name)).size !== parts.length ||
          !mostlyOnePublisher(parts)
        )
          continue;
        const together = architectureOf(
          under.flatMap(([, u]) => uniqueOf(u.components)),
          under[0]![1].file,
        );
        if (!together) continue;
        for (const [key] of under) grouped.add(key);
        findings.push({
          ...together,
          reason: `${together.reason}, each with manifests of its own (${listOf(
            under.map(([key]) => key || '.'),
            3,
          )})`,
        });
      }
      for (const [key, { file, components }] of units) {
        if (grouped.has(key)) continue;
        const unique = uniqueOf(components);
        const architecture = architectureOf(unique, file);
        if (architecture) findings.push(architecture);
        // A unit of one off-the-shelf service, and nothing else deployed beside it
        // (meilisearch-kubernetes's StatefulSet of Meilisearch, as manifests and as a chart):
        // that service's own deployment, one deployable. Beside other units (hotrod's kafka/ and
        // jaeger/ folders), it is one of their tiers.
        else if (
          unique.length === 1 &&
          unique[0]!.image !== undefined &&
          !isOperationsImage(unique[0]!.image) &&
          [...units.values()].every((u) =>
            uniqueOf(u.components).every(
              (c) => c.image !== undefined && imageName(c.image) === imageName(unique[0]!.image!),
            ),
          )
        )
          findings.push({
            question: 'architecture',
            value: 'monolith',
            strength: 1,
            file,
            reason: `one deployable (${unique[0]!.name}, deployed alone)`,
          });
      }
    }
    return findings;
  },
};

/** The folders above a folder (`a/b/` → `a/`, ''), deepest first. */
function ancestorsOf(folder: string): string[] {
  const parts = folder.split('/').filter(Boolean);
  return parts.map((_, i) => (i === 0 ? '' : `${parts.slice(0, i).join('/')}/`)).reverse();
}

/** A top-level `kind:` line naming a workload or a GitOps release: what this scanner reads. */
const WORKLOAD_KIND = new RegExp(
  `^kind:\\s*(${[...WORKLOADS, 'HelmRelease', 'Application', 'ApplicationSet'].join('|')})\\s*$`,
  'm',
);

/**
 * The documents of a manifest file that are workloads or releases, parsed: a file of one
 * document is parsed once for every scanner; of several, only the documents of those kinds.
 */
function workloadDocuments(file: TextFile): unknown[] {
  if (!WORKLOAD_KIND.test(file.text)) return [];
  const documents = file.text.split(/^---[^\S\n]*(?:#.*)?$/m);
  if (documents.length <= 2) return yamlDocuments(file);
  return documents.filter((d) => WORKLOAD_KIND.test(d)).flatMap(embeddedYaml);
}

/**
 * Whether most of these workloads run images of one publisher, or built here: one application's
 * services. A homelab's apps side by side (apps/monitoring/gatus, apps/monitoring/ntfy) each
 * run another project's image.
 */
function mostlyOnePublisher(parts: readonly Component[]): boolean {
  const counts = new Map<string, number>();
  for (const part of parts)
    if (part.image !== undefined) {
      const publisher = publisherOf(part.image);
      counts.set(publisher, (counts.get(publisher) ?? 0) + 1);
    }
  const named = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const unnamed = parts.length - named;
  return unnamed + Math.max(0, ...counts.values()) > parts.length / 2;
}

/**
 * The controllers of app-template values (`controllers: {main: {containers: {app: {image:
 * {repository, tag}}}}}`), each with its first container's image.
 */
function appTemplateControllers(file: TextFile): { controller: string; image?: string }[] {
  if (!/^controllers:/m.test(file.text)) return [];
  const values = yamlDocuments(file)[0];
  if (!isRecord(values) || !isRecord(values.controllers)) return [];
  return Object.entries(values.controllers).flatMap(([controller, spec]) => {
    if (!isRecord(spec) || !isRecord(spec.containers)) return [];
    const first = Object.values(spec.containers).find(isRecord);
    const image = isRecord(first?.image) ? first.image : undefined;
    return typeof image?.repository === 'string'
      ? [{ controller, image: `${image.repository}:${String(image.tag ?? 'latest')}` }]
      : [{ controller }];
  });
}

/** The GitOps release a document is (a Flux HelmRelease, an Argo CD Application), if one. */
function releaseOf(doc: { kind: string; apiVersion?: unknown }): string | undefined {
  const api = typeof doc.apiVersion === 'string' ? doc.apiVersion : '';
  if (doc.kind === 'HelmRelease' && (api === '' || api.startsWith('helm.toolkit.fluxcd.io/')))
    return 'a Flux HelmRelease';
  if (/^Application(Set)?$/.test(doc.kind) && api.startsWith('argoproj.io/'))
    return `an Argo CD ${doc.kind}`;
  return undefined;
}

/** The container images of a workload's pod template (Deployment, StatefulSet, Pod, …). */
function imagesOf(spec: unknown): string[] {
  if (!isRecord(spec)) return [];
  const pod = isRecord(spec.template) && isRecord(spec.template.spec) ? spec.template.spec : spec;
  if (!Array.isArray(pod.containers)) return [];
  return pod.containers
    .map((c) => (isRecord(c) && typeof c.image === 'string' ? c.image : undefined))
    .filter((image): image is string => image !== undefined);
}

/**
 * Whether a chart dependency's condition (`postgresql.enabled`, or several, comma-separated,
 * the first found deciding as Helm does) is false in the chart's values.
 */
function switchedOff(condition: unknown, values: unknown): boolean {
  if (typeof condition !== 'string') return false;
  for (const path of condition.split(',')) {
    const node = valueAt(values, path.trim());
    if (typeof node === 'boolean') return !node;
  }
  return false;
}

/**
 * Whether a template's document renders with the chart's own values: the condition of the
 * `{{ if }}` that opens the document, or that opens the whole file and closes at its end, read
 * when it is a value (`.Values.hub.enabled`, or a variable set to a part of the values first:
 * `{{- $module := index .Values "modules" "x" -}}` then `{{ if index $module "enabled" }}`),
 * values `and`ed, or a count above zero (`gt (int .Values.windmill.extraReplicas) 0`). Any other
 * condition is taken as true.
 */
function renderedByDefault(doc: string, file: string, values: unknown): boolean {
  if (values === undefined) return true;
  const variables = new Map<string, string>();
  const whole = openingCondition(file, variables);
  const wrapsFile = /\{\{-?\s*end\s*-?\}\}\s*$/.test(file.slice(-200));
  if (whole !== undefined && wrapsFile && !holds(whole, variables, values)) return false;
  const own = doc === file ? whole : openingCondition(doc, variables);
  return own === undefined || holds(own, variables, values);
}

/**
 * The condition of the `{{ if }}` a template opens with, past blank lines, comments and
 * variables set to parts of the values (noted in `variables`). Read line by line, the first
 * twenty at most: no expression searches the whole template.
 */
function openingCondition(text: string, variables: Map<string, string>): string | undefined {
  for (const line of text.split('\n', 20)) {
    const plain = line.trim();
    if (plain === '' || plain === '---' || plain.startsWith('#')) continue;
    if (/^\{\{-?\s*\/\*.*\*\/\s*-?\}\}$/.test(plain)) continue;
    const set = /^\{\{-?\s*\$(\w+)\s*:=\s*([^}]*?)\s*-?\}\}$/.exec(plain);
    if (set) {
      const path = valuesPath(set[2]!, variables);
      if (path !== undefined) variables.set(set[1]!, path);
      continue;
    }
    return /^\{\{-?\s*if\s([^}]*)\}\}/.exec(plain)?.[1]?.replace(/-$/, '').trim();
  }
  return undefined;
}

/** Whether a template's condition holds with the chart's values, when it can be read. */
function holds(
  condition: string,
  variables: ReadonlyMap<string, string>,
  values: unknown,
): boolean {
  const indexed = /^index\s+\$(\w+)\s+"([\w-]+)"$/.exec(condition);
  const opening =
    indexed && variables.has(indexed[1]!)
      ? `.Values.${variables.get(indexed[1]!)}.${indexed[2]}`
      : condition;
  const truthy = (path: string) => {
    const value = valueAt(values, path);
    return !(
      value === false ||
      value === null ||
      value === undefined ||
      value === '' ||
      value === 0
    );
  };
  const single = /^\.Values\.([\w.-]+)$/.exec(opening);
  if (single) return truthy(single[1]!);
  const all = /^and((?:\s+\.Values\.[\w.-]+)+)$/.exec(opening);
  if (all)
    return all[1]!
      .trim()
      .split(/\s+/)
      .every((p) => truthy(p.slice('.Values.'.length)));
  const count = /^gt\s+\(int\s+\.Values\.([\w.-]+)\)\s+0$/.exec(opening);
  if (count) return Number(valueAt(values, count[1]!) ?? 0) > 0;
  return true;
}

/**
 * The dotted path into the values an expression names: `.Values.image`, or `index .Values
 * "modules" "text2vec-contextionary"`, or a variable's path further indexed.
 */
function valuesPath(
  expression: string,
  variables: ReadonlyMap<string, string>,
): string | undefined {
  const plain = /^\.Values\.([\w.-]+)$/.exec(expression);
  if (plain) return plain[1];
  const index = /^index\s+(\.Values|\$\w+)((?:\s+"[\w.-]+")+)$/.exec(expression);
  if (!index) return undefined;
  const base = index[1] === '.Values' ? '' : variables.get(index[1]!.slice(1));
  if (base === undefined) return undefined;
  const keys = [...index[2]!.matchAll(/"([\w.-]+)"/g)].map((m) => m[1]!);
  return [base, ...keys].filter(Boolean).join('.');
}

/** The value at a dotted path of a chart's values (`postgresql.enabled`), if it is set. */
function valueAt(values: unknown, path: string): unknown {
  let node = values;
  for (const key of path.split('.')) node = isRecord(node) ? node[key] : undefined;
  return node;
}

/** A database chart's name (postgresql, mariadb-galera, mongodb-sharded, cockroachdb). */
function isDatabase(name: string): boolean {
  // Only a database's own chart and its usual variants: mariadb-operator-crds is no database.
  return /^(postgres|postgresql|mysql|mariadb|mongodb|cassandra|couchdb|clickhouse|cockroachdb|mssql|percona)(-(ha|galera|cluster|sharded|replication|xtradb))?$/i.test(
    name,
  );
}

/**
 * The image a template's main container names: written as it is (`postgres:18`), or looked up
 * in its chart's values (a string, or a map of registry, repository or name), or a value's
 * default when the values leave it unset. Undefined when neither says.
 */
function templatedImage(
  text: string,
  values: unknown,
  helpers?: ReadonlyMap<string, string>,
): string | undefined {
  const imageLine = (template: string) => /^[ \t]*-?[ \t]*image:[ \t]*(\S.*)$/m.exec(template)?.[1];
  // The image line of the main containers, past any init container's (a `postgres:16` that
  // waits for the database), in the template or in a named template it includes: one named for
  // the image first (`airflow.image`), before a sidecar's (`airflow.container.git_sync`).
  const containers = /^[ \t]*containers:/m.exec(text);
  const line =
    (containers ? imageLine(text.slice(containers.index)) : undefined) ??
    imageLine(text) ??
    [...text.matchAll(/\b(?:include|template)\s+"([^"]+)"/g)]
      .map((m) => m[1]!)
      .sort((a, b) => Number(/\.image$/.test(b)) - Number(/\.image$/.test(a)))
      .map((name) => helpers?.get(name))
      .map((helper) => (helper ? imageLine(helper) : undefined))
      .find((found) => found !== undefined);
  if (!line) return undefined;
  // The first of the values an expression names that the chart sets: `coalesce
  // .Values.web.image.repository .Values.image.repository` falls back to the second when the
  // first is left empty; an image's mapping gives its registry and repository.
  const firstSet = (code: string) => {
    for (const [, path] of code.matchAll(/\.Values\.([\w.]+)/g)) {
      // A tag or a pull policy is not the image's name.
      if (/\.(tag|digest|pullPolicy|pullSecrets?)$/.test(path!)) continue;
      const node = valueAt(values, path!);
      if (typeof node === 'string' && node !== '') return node;
      if (!isRecord(node)) continue;
      const repository = node.repository ?? node.name;
      if (typeof repository !== 'string' || repository === '') continue;
      return typeof node.registry === 'string' && node.registry !== ''
        ? `${node.registry}/${repository}`
        : repository;
    }
    return undefined;
  };
  // An image put together from several values (`{{ .Values.imageRegistry }}/{{
  // .Values.admin.image.repository }}:{{ … }}`): each expression by its value, the tag left off.
  const reference = line.replace(/^["']|["']\s*$/g, '').trim();
  // An image written as it is (a demo database's `image: postgres:18`).
  if (!reference.includes('{{'))
    return /^[\w.:/-]+(@[\w:]+)?$/.test(reference) ? reference.replace(/@.*$/, '') : undefined;
  // A value's default when the chart leaves it unset (`{{ default "ghcr.io/windmill-labs/windmill"
  // .Values.windmill.image }}`).
  const valueOrDefault = (code: string) =>
    firstSet(code) ?? /\bdefault\s+"([^"{}]+)"/.exec(code)?.[1] ?? undefined;
  if ((reference.match(/\{\{/g) ?? []).length >= 2) {
    const name = reference
      .replace(/:\s*\{\{[^}]*\}\}\s*$/, '')
      .replace(/\{\{-?([^}]*?)-?\}\}/g, (_, code: string) => valueOrDefault(code) ?? '')
      .replace(/@.*$/, '')
      .replace(/:[^/:]*$/, '')
      // A registry from a named template (`{{ template "stackstorm-ha.imageRepository" . }}/
      // st2auth`) is unknown here: the image by the rest of its name.
      .replace(/^\/+/, '');
    if (/^[\w.:-]+(\/[\w.-]+)*\/?[\w.-]+$/.test(name) && !name.endsWith('/')) return name;
  }
  return firstSet(line) ?? /\bdefault\s+"([^"{}]+)"/.exec(line)?.[1];
}
