// Dockerfile / Containerfile: the image is built layer by layer; FROM chains show shared bases.
import type { Finding, Scanner, TextFile } from '../types.js';

const DOCKERFILE = /^(Dockerfile|Containerfile)(\..+)?$|\.(Dockerfile|Containerfile)$/i;

export const dockerfileScanner: Scanner = {
  name: 'dockerfile',
  wants: (_path, name) => DOCKERFILE.test(name),
  scan(files) {
    if (files.length === 0) return [];
    const findings: Finding[] = [];
    const bases = new Map<string, string[]>();
    for (const file of files) {
      const instructions = parse(file);
      // A Dockerfile is one by its content: without a FROM (Dockerfile.ts, a Dockerfile.md),
      // it is another kind of file with a similar name.
      if (!instructions.some((i) => i.op === 'FROM')) continue;
      // FROM [--platform=…] image [AS stage]: the flags are not the image.
      const froms = instructions
        .filter((i) => i.op === 'FROM')
        .map((i) =>
          i.args
            .replace(/^(--\S+\s+)+/, '')
            .split(/\s+/)[0]!
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
      // Bases are compared within one application: Dockerfiles under the same top folder.
      const app = file.path.includes('/') ? file.path.slice(0, file.path.indexOf('/')) : '';
      const external = froms.filter((base) => !stages.has(base) && !base.includes('$'));
      for (const base of new Set(external)) {
        const key = `${app}\u0000${base}`;
        bases.set(key, [...(bases.get(key) ?? []), file.path]);
      }
      const run = instructions
        .filter((i) => i.op === 'CMD' || i.op === 'ENTRYPOINT')
        .map((i) => i.args)
        .join(' ');
      if (/\/sbin\/init\b|\bsystemd\b/.test(run))
        findings.push({
          question: 'init',
          value: 'yes',
          strength: 2,
          file: file.path,
          reason: 'starts an init system (systemd) as its process',
        });
      if (
        /\bsupervisord\b|\bs6-svscan\b|^\W*\/init\b|\["\/init"\]|\brunsvdir\b|\bmy_init\b/.test(run)
      )
        findings.push({
          question: 'processes',
          value: 'few',
          strength: 2,
          file: file.path,
          reason: 'runs a process supervisor, so several services share the container',
        });
      if (/\bcron(d)?\b/.test(run))
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
      if (
        /\b(apt-get|apt|apk|dnf|yum|microdnf)\b[^;&|]*\binstall\b[^;&|]*\b(cron|cronie|dcron|busybox-suid)\b|\bcrontab\s|\/etc\/cron\./.test(
          installs,
        )
      )
        findings.push({
          question: 'cron',
          value: 'yes',
          strength: 2,
          file: file.path,
          reason: 'installs cron jobs in the image',
        });
      if (
        /\b(apt-get|apt|apk|dnf|yum|pip)\b[^;&|]*\binstall\b[^;&|]*\b(supervisor|s6|runit)\b|s6-overlay/.test(
          installs,
        )
      )
        findings.push({
          question: 'processes',
          value: 'few',
          strength: 2,
          file: file.path,
          reason:
            'installs a process supervisor in the image, for several services in one container',
        });
      // An SSH server installed and exposed, or started: installed alone is often left off.
      if (
        (/\bopenssh-server\b/.test(installs) &&
          instructions.some((i) => i.op === 'EXPOSE' && /\b22\b/.test(i.args))) ||
        /\bsshd\b/.test(run)
      ) {
        findings.push({
          question: 'login',
          value: 'yes',
          strength: 1,
          file: file.path,
          reason: 'installs or exposes an SSH server',
        });
      }
      if (run && !/\bsupervisord\b|\bsystemd\b|\/sbin\/init\b/.test(run))
        findings.push({
          question: 'processes',
          value: 'single',
          strength: 1,
          file: file.path,
          reason: 'starts one command as the container process',
        });
    }
    // Several images over a common base: the article's "Layers of Containers".
    for (const [key, users] of bases) {
      const base = key.slice(key.indexOf('\u0000') + 1);
      if (users.length >= 2)
        findings.push({
          question: 'layers',
          value: 'yes',
          strength: 2,
          file: users[0]!,
          reason: `${users.length} Dockerfiles build on the same base (${base}): ${users.join(', ')}`,
        });
    }
    return findings;
  },
};

interface Instruction {
  op: string;
  args: string;
}

/** Instructions with continuation lines joined and comments dropped. */
function parse(file: TextFile): Instruction[] {
  const joined = file.text.replace(/\\\r?\n/g, ' ');
  const out: Instruction[] = [];
  for (const line of joined.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (match && !line.trimStart().startsWith('#'))
      out.push({ op: match[1]!.toUpperCase(), args: match[2]!.trim() });
  }
  return out;
}
