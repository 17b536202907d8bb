// Installed onto a system: a Debian package (debian/control), an RPM spec file, or a build whose
// install step puts a service's systemd unit or init script on the host (`make install`, Meson,
// CMake). A project delivered so runs on a distribution's filesystem and is upgraded in place,
// by its package manager or by installing again, as the rest of that system is.
import { type Finding, listOf, processesFor, type Scanner } from '../types.js';
import { daemonOf } from './shell.js';

const BUILD_FILES = /^(Makefile|GNUmakefile|makefile|Makefile\.am|meson\.build|CMakeLists\.txt)$/;

/** An install command or rule of a build file (make's install, Meson's, CMake's). */
const INSTALL_COMMAND = /(?:^|[\s@(-])(?:install|install_data|configure_file|\$\(INSTALL\w*\))\b/i;

/** Where a service's unit or init script goes: the systemd unit folder, or /etc/init.d. */
const SERVICE_FOLDER =
  /systemd\/system\b|SYSTEMD_?UNIT_?DIR|systemdsystemunitdir|systemd_system_unit_dir|\bUNITDIR\b|\/init\.d\b|\bINITDIR\b/i;

/** Whether a line of a build file installs a unit or init script onto the system. */
function installsService(text: string): boolean {
  return text.split('\n').some((line) => SERVICE_FOLDER.test(line) && INSTALL_COMMAND.test(line));
}

export const packagingScanner: Scanner = {
  name: 'packaging',
  wants: (path, name) =>
    /(^|\/)debian\/control$/.test(path) || /\.spec(\.in)?$/.test(name) || BUILD_FILES.test(name),
  scan(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      const debian = file.name === 'control' && /^Package:\s*\S+/m.test(file.text);
      const rpm = /\.spec(\.in)?$/.test(file.name) && /^%(install|files)\b/m.test(file.text);
      const build = BUILD_FILES.test(file.name) && installsService(file.text);
      if (!debian && !rpm && !build) continue;
      // What it is, and how it is upgraded in place.
      const [what, upgraded] = debian
        ? ['a Debian package: installed on a system', ' and upgraded in place by apt']
        : rpm
          ? ['an RPM package: installed on a system', ' and upgraded in place by dnf or zypper']
          : [
              "its install step puts a service's unit or init script on the host",
              ', upgraded in place by installing again',
            ];
      findings.push({
        question: 'updates',
        value: 'in-place',
        strength: 2,
        file: file.path,
        reason: `${what}${upgraded}`,
      });
      // The daemons a package depends on run beside it on the system it is installed on
      // (YunoHost's nginx, slapd, postfix, dovecot).
      const daemons = debian || rpm ? dependedDaemons(file.text, debian) : [];
      if (daemons.length >= 2)
        findings.push({
          question: 'processes',
          value: processesFor(daemons.length),
          strength: 2,
          file: file.path,
          reason: `the package depends on ${daemons.length} daemons that run beside it: ${listOf(daemons)}`,
        });
      findings.push({
        question: 'imageSource',
        value: 'distro-image',
        strength: 2,
        file: file.path,
        reason: `${what}, onto a distribution's filesystem`,
      });
      // A package of kernel modules: it depends on DKMS, the kernel's headers or the tool that
      // enrolls a module signing key (ethercat_igh_dkms's mokutil), beside its description.
      const modules =
        debian &&
        /^Description:.*\bkernel\s+(modules?|drivers?)\b/im.test(file.text) &&
        /^(Pre-)?Depends:.*\b(dkms|linux-headers[\w.-]*|mokutil)\b/im.test(file.text);
      if (modules)
        findings.push({
          question: 'kernel',
          value: 'own',
          strength: 2,
          file: file.path,
          reason:
            "a package of kernel modules (built with DKMS or the kernel's headers): loaded into the kernel it runs on, which a container shares",
        });
    }
    return findings;
  },
};

/**
 * The daemons among a package's dependencies: a Debian control file's Depends and Pre-Depends
 * (continuation lines included), or an RPM spec's Requires.
 */
function dependedDaemons(text: string, debian: boolean): string[] {
  const lists: string[] = [];
  if (debian) {
    let inDepends = false;
    for (const line of text.split('\n')) {
      if (/^(Pre-)?Depends:/i.test(line)) {
        inDepends = true;
        lists.push(line.slice(line.indexOf(':') + 1));
      } else if (inDepends && /^[ \t]/.test(line)) lists.push(line);
      else inDepends = false;
    }
  } else
    for (const line of text.split('\n'))
      if (/^Requires:/i.test(line)) lists.push(line.slice(line.indexOf(':') + 1));
  const daemons = new Set<string>();
  for (const list of lists)
    for (const entry of list.split(/[,|]/)) {
      const name = /^\s*([\w.+-]+)/.exec(entry)?.[1];
      const daemon = name ? daemonOf(name) : undefined;
      if (daemon) daemons.add(daemon);
    }
  return [...daemons];
}
