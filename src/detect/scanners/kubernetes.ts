// Kubernetes manifests, Helm charts and kustomize: all run application containers.
import { isRecord, yamlDocuments } from '../read-yaml.js';
import type { Finding, Scanner } from '../types.js';

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
  wants: (path, name) => /\.ya?ml$/i.test(name) && !/(^|\/)templates\/.*\.tpl$/.test(path),
  scan(files) {
    const findings: Finding[] = [];
    const workloads = new Map<string, string>(); // name → file
    for (const file of files) {
      if (/^Chart\.ya?ml$/i.test(file.name)) {
        const chart = yamlDocuments(file)[0];
        if (isRecord(chart) && typeof chart.name === 'string')
          findings.push({
            question: 'orchestrator',
            value: 'kubernetes',
            strength: 3,
            file: file.path,
            reason: `a Helm chart (${chart.name})`,
          });
        continue;
      }
      if (/^kustomization\.ya?ml$/i.test(file.name)) {
        findings.push({
          question: 'orchestrator',
          value: 'kubernetes',
          strength: 3,
          file: file.path,
          reason: 'a kustomize configuration',
        });
        continue;
      }
      // Helm templates hold Go template directives: read them for their kinds only.
      // A Helm template is read as text: rendered, its values would change what it holds.
      const texts = file.text.includes('{{') ? [] : yamlDocuments(file);
      const kinds = texts
        .filter(isRecord)
        .filter((d) => typeof d.apiVersion === 'string' && typeof d.kind === 'string');
      const templated = file.text.includes('{{')
        ? [...file.text.matchAll(/^kind:\s*(\w+)\s*$/gm)].map((m) => ({
            kind: m[1],
            metadata: undefined,
          }))
        : [];
      for (const doc of [...kinds, ...templated] as {
        kind: string;
        metadata?: unknown;
        spec?: unknown;
      }[]) {
        if (!WORKLOADS.has(doc.kind)) continue;
        // A templated workload has no name until rendered; a chart's templates are one
        // application (a Deployment and a DaemonSet are often alternatives): one per chart.
        const chart = /^(.*?)templates\//.exec(file.path)?.[1];
        const name =
          isRecord(doc.metadata) && typeof doc.metadata.name === 'string'
            ? doc.metadata.name
            : chart !== undefined
              ? `the chart in ${chart || '.'}`
              : `${doc.kind} in ${file.path}`;
        workloads.set(name, file.path);
        findings.push({
          question: 'orchestrator',
          value: 'kubernetes',
          strength: 3,
          file: file.path,
          reason: `a Kubernetes ${doc.kind} (${name})`,
        });
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
    if (workloads.size > 0) {
      const first = [...workloads.values()][0]!;
      findings.push({
        question: 'updates',
        value: 'replace',
        strength: 1,
        file: first,
        reason: 'Kubernetes replaces pods from images to update them',
      });
      findings.push({
        question: 'processes',
        value: 'single',
        strength: 1,
        file: first,
        reason: 'workloads run as pods of containers',
      });
      if (workloads.size >= 4)
        findings.push({
          question: 'architecture',
          value: 'microservices',
          strength: 2,
          file: first,
          reason: `${workloads.size} workloads: ${[...workloads.keys()].slice(0, 6).join(', ')}${workloads.size > 6 ? ', …' : ''}`,
        });
    }
    return findings;
  },
};
