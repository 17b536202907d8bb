// What a system starts at boot: systemd units linked into etc/systemd/system/*.wants, SysV
// scripts linked into etc/rc?.d, and OpenRC services in the default runlevel.
import { isOneshotTask } from '../types.js';
import type { RootFs } from './root-fs.js';

export interface EnabledUnit {
  /** The unit's name without `.service`/`.timer` and without a template instance: `getty@`. */
  name: string;
  type: 'service' | 'timer' | 'other';
  /** The link that enables it, as shown (`/etc/systemd/system/multi-user.target.wants/x.service`). */
  file: string;
  /** The unit file or script it leads to inside the root, when it exists there. */
  target?: string;
  manager: 'systemd' | 'sysv' | 'openrc';
  /** A systemd service of Type=oneshot: a task run at boot that exits, not a running service. */
  oneshot?: true;
}

const SYSTEMD_DIR = 'etc/systemd/system';
/** The runlevels a server boots into (Debian 2-5, Red Hat 3 and 5). */
const SYSV_DIRS = ['etc/rc2.d', 'etc/rc3.d', 'etc/rc4.d', 'etc/rc5.d'];

export async function enabledUnits(fs: RootFs): Promise<EnabledUnit[]> {
  const units: EnabledUnit[] = [];
  for (const dir of await fs.list(SYSTEMD_DIR)) {
    if (dir.kind !== 'dir' || !/\.(wants|requires)$/.test(dir.name)) continue;
    for (const entry of await fs.list(`${SYSTEMD_DIR}/${dir.name}`)) {
      if (entry.kind !== 'link' && entry.kind !== 'file') continue;
      const path = `${SYSTEMD_DIR}/${dir.name}/${entry.name}`;
      // A link to /dev/null (masked) or to nothing in the root enables nothing.
      const target = await fs.resolve(path);
      if (target === undefined || target === 'dev/null') continue;
      // Only a unit file enables a unit: a link to a folder (or a loop back up) enables nothing.
      if ((await fs.kind(target)) !== 'file') continue;
      const m = /^(.+?)(@[^.]*)?\.(service|timer|socket|path|target|mount)$/.exec(entry.name);
      if (!m) continue;
      const text = m[3] === 'service' ? ((await fs.read(target)) ?? '') : '';
      const oneshot = isOneshotTask(text);
      units.push({
        name: m[2] === undefined ? m[1]! : `${m[1]}@`,
        type: m[3] === 'service' ? 'service' : m[3] === 'timer' ? 'timer' : 'other',
        file: fs.show(path),
        target,
        manager: 'systemd',
        ...(oneshot ? { oneshot: true as const } : {}),
      });
      if (m[3] === 'socket') units[units.length - 1]!.name = `${m[1]}.socket`;
    }
  }
  for (const dir of SYSV_DIRS) {
    for (const entry of await fs.list(dir)) {
      const m = /^S\d\d(.+)$/.exec(entry.name);
      if (!m) continue;
      const path = `${dir}/${entry.name}`;
      const target = await fs.resolve(path);
      if (target === undefined) continue;
      units.push({ name: m[1]!, type: 'service', file: fs.show(path), target, manager: 'sysv' });
    }
  }
  for (const entry of await fs.list('etc/runlevels/default')) {
    const path = `etc/runlevels/default/${entry.name}`;
    const target = await fs.resolve(path);
    units.push({
      name: entry.name,
      type: 'service',
      file: fs.show(path),
      ...(target === undefined ? {} : { target }),
      manager: 'openrc',
    });
  }
  return units;
}
