// A host's detection for a person: its facts (name, distribution, PID 1, whether it is itself a
// container, the container engines it runs, what could not be read), then the answers as
// repository detection shows them.
import type { ChalkInstance } from 'chalk';
import type { HostDetection } from '../detect/host/detect-host.js';
import type { RuleSet } from '../engine/rule-set.js';
import { renderDetection } from './detection.js';
import type { Wrap } from './paragraph.js';

export function renderHostDetection(
  detection: HostDetection,
  ruleSet: RuleSet,
  c: ChalkInstance,
  wrap?: Wrap,
): string {
  const { host } = detection;
  const items: { label: string; value: string }[] = [];
  const fact = (label: string, value: string) => items.push({ label, value });
  fact('hostname', host.hostname ?? '(not found)');
  fact('system', host.prettyName ?? '(no os-release)');
  fact('PID 1', host.init ?? '(not found)');
  fact(
    'itself a container',
    host.container
      ? `${host.container.kind} (${host.container.type === 'app' ? 'an application container' : 'a system container'}): ${host.container.evidence.map((e) => e.file).join(', ')}`
      : 'no sign of one',
  );
  const running = host.containerEngines.filter((e) => e.running);
  if (running.length > 0)
    fact(
      'runs containers',
      `this host already runs application containers: ${running
        .map((e) => `${e.name} (${e.evidence[0]!.file})`)
        .join(', ')}`,
    );
  const installed = host.containerEngines.filter((e) => !e.running);
  if (installed.length > 0)
    fact(
      'installed, unused',
      installed.map((e) => `${e.name} (${e.evidence[0]!.file})`).join(', '),
    );
  if (host.unreadable.length > 0)
    fact(
      'not readable',
      `${host.unreadable.slice(0, 6).join(', ')}${host.unreadable.length > 6 ? `, … (${host.unreadable.length})` : ''}${runAsRoot() ? '' : '; as root there is more evidence'}`,
    );
  return renderDetection(detection, ruleSet, c, {
    facts: { title: 'Host', items },
    flag: '--detect-host',
    wrap,
  });
}

/** Whether this process runs as root: then there is no more to gain by running as root. */
function runAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
