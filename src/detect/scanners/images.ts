// System-container images and VM tooling: LXD/Incus/distrobuilder image definitions,
// debootstrap and mkosi configs, Vagrant and Packer; and modules that need their own kernel.
import {
  embeddedYaml,
  isRecord,
  JINJA_PLACEHOLDER,
  renderedJinja,
  yamlDocuments,
} from '../read-yaml.js';
import {
  type ConfigurationTool,
  type Finding,
  listOf,
  type Scanner,
  type TextFile,
} from '../types.js';

/** Debian live-build's configuration: chroot hooks and package lists (`*.list.chroot`). */
const LIVE_BUILD =
  /(^|\/)(hooks\/(live|normal)\/[^/]+\.(hook\.)?chroot|package-lists\/[^/]+\.list(\.chroot)?)$/;

/** LXC's template scripts (lxc-debian, lxc-alpine.in): each builds a distribution's rootfs. */
const LXC_TEMPLATE = /^lxc-([a-z][\w-]*?)(\.in)?$/;

export const systemImageScanner: Scanner = {
  name: 'system-images',
  wants: (path, name) =>
    /\.ya?ml(\.j2)?$/i.test(name) ||
    /^mkosi\.(conf|default)$/.test(name) ||
    /(^|\/)mkosi\.conf\.d\/[^/]+\.conf$/.test(path) ||
    /(^|\/)sysupdate\.d\/[^/]+\.transfer$/.test(path) ||
    /\.(sh|bash)$/.test(name) ||
    name === 'Makefile' ||
    name === 'lxc.conf' ||
    (name === 'config' && /(^|\/)lxc\//.test(path)) ||
    LXC_TEMPLATE.test(name) ||
    // Scripts without an extension at the root (alpine-make-vm-image): read when they are shell.
    (!path.includes('/') && !name.includes('.')) ||
    /(^|\/)config\/[^/]+\.conf(\.in)?$/.test(path) ||
    LIVE_BUILD.test(path),
  scan(files) {
    const findings: Finding[] = [];
    const distributions = new Map<string, string>();
    // Debian live-build: its chroot hooks and package lists make a bootable live or installer
    // image of a whole system (VyOS, Kali, Tails), which boots a kernel of its own.
    const liveBuild = files.find((f) => LIVE_BUILD.test(f.path));
    if (liveBuild)
      findings.push(
        {
          question: 'imageSource',
          value: 'distro-image',
          strength: 3,
          file: liveBuild.path,
          reason: 'a Debian live-build configuration: a whole system image built from packages',
        },
        {
          question: 'kernel',
          value: 'own',
          strength: 2,
          file: liveBuild.path,
          reason: 'a live-build image boots from its own ISO, with a kernel of its own',
        },
        {
          question: 'init',
          value: 'yes',
          strength: 1,
          file: liveBuild.path,
          reason: 'system images boot their own init',
        },
      );
    for (const read of files) {
      if (LIVE_BUILD.test(read.path)) continue;
      // A definition templated with Jinja (an Ansible role's templates/debian.yml.j2) as rendered.
      const file = read.name.endsWith('.j2') ? renderedJinja(read) : read;
      if (/\.ya?ml(\.j2)?$/i.test(file.name)) {
        // Only a file with a top-level key these read (image, source, config) or cloud-init's
        // mark is parsed: a project's locales and schemas are not.
        if (!/^(image|source|config):|^#cloud-config/m.test(file.text)) continue;
        for (const doc of yamlDocuments(file)) {
          if (!isRecord(doc)) continue;
          if (
            isRecord(doc.image) &&
            isRecord(doc.source) &&
            typeof doc.source.downloader === 'string'
          ) {
            const distribution =
              typeof doc.image.distribution === 'string' &&
              doc.image.distribution !== JINJA_PLACEHOLDER
                ? doc.image.distribution
                : 'a distribution';
            distributions.set(distribution, file.path);
            findings.push({
              question: 'imageSource',
              value: 'distro-image',
              strength: 3,
              file: file.path,
              reason: `a distrobuilder image definition (${distribution})`,
            });
            findings.push({
              question: 'init',
              value: 'yes',
              strength: 1,
              file: file.path,
              reason: 'system images boot their own init',
            });
          } else if (
            isRecord(doc.config) &&
            Object.keys(doc.config).length > 0 &&
            Object.keys(doc.config).every((k) => k.includes('.')) &&
            Object.keys(doc.config).some((k) => /^(security|limits|boot|user|cloud-init)\./.test(k))
          ) {
            findings.push({
              question: 'vmLike',
              value: 'yes',
              strength: 2,
              file: file.path,
              reason: 'an LXD/Incus profile or instance configuration',
            });
            if (String(doc.config['security.nesting']) === 'true')
              findings.push({
                question: 'nesting',
                value: 'yes',
                strength: 2,
                file: file.path,
                reason: 'an LXD/Incus profile that allows containers inside (security.nesting)',
              });
            const userData = doc.config['cloud-init.user-data'] ?? doc.config['user.user-data'];
            if (typeof userData === 'string')
              findings.push(...cloudConfig(embeddedYaml(userData)[0], file.path));
          } else if (/^#cloud-config\b/.test(file.text))
            findings.push(...cloudConfig(doc, file.path));
        }
        continue;
      }
      // systemd-sysupdate's transfers: a new version of the image's partitions (or its
      // unified kernel image) is downloaded and booted into, the old one kept (A/B).
      if (file.name.endsWith('.transfer')) {
        if (/^\s*\[Target\]/m.test(file.text))
          findings.push({
            question: 'updates',
            value: 'replace',
            strength: 3,
            file: file.path,
            reason:
              'systemd-sysupdate transfers: each update writes a new version of the image beside the running one, which is replaced, not patched',
          });
        continue;
      }
      if (file.name.startsWith('mkosi')) {
        const distribution = /^[ \t]*Distribution\s*=\s*(\S+)/m.exec(file.text)?.[1];
        if (distribution) distributions.set(distribution, file.path);
        findings.push({
          question: 'imageSource',
          value: 'distro-image',
          strength: 3,
          file: file.path,
          reason: `an mkosi image${distribution ? ` (${distribution})` : ''}`,
        });
        const boots = bootableMkosi(file.text);
        if (boots)
          findings.push({
            question: 'kernel',
            value: 'own',
            strength: 2,
            file: file.path,
            reason: `a bootable mkosi image (${boots}): it boots a kernel of its own`,
          });
        continue;
      }
      // A script that makes a disk image (qemu-img create) and puts a bootloader in it:
      // alpine-make-vm-image's VM images boot a kernel of their own.
      const script = /\.(sh|bash)$/.test(file.name) || /^#!/.test(file.text);
      const code = script ? file.text.replace(/(^|\s)#.*$/gm, '') : '';
      const bootloader = /\b(extlinux|syslinux|grub2?-install|bootctl\s+install)\b/.exec(code)?.[1];
      if (bootloader && /\bqemu-img\s+(create|convert)\b/.test(code)) {
        const reason = `builds a bootable disk image (qemu-img, ${bootloader})`;
        findings.push(
          {
            question: 'kernel',
            value: 'own',
            strength: 2,
            file: file.path,
            reason: `${reason}: it boots a kernel of its own`,
          },
          { question: 'vmLike', value: 'yes', strength: 2, file: file.path, reason },
          {
            question: 'imageSource',
            value: 'distro-image',
            strength: 2,
            file: file.path,
            reason: `${reason}, installed from a distribution's packages`,
          },
        );
      }
      const template = LXC_TEMPLATE.exec(file.name)?.[1];
      if (template && /^#!/.test(file.text)) {
        findings.push(
          {
            question: 'imageSource',
            value: 'distro-image',
            strength: 3,
            file: file.path,
            reason: `an LXC template: it builds a system container's root filesystem (${template})`,
          },
          {
            question: 'vmLike',
            value: 'yes',
            strength: 2,
            file: file.path,
            reason: 'an LXC template: a whole system, with its init, network and users',
          },
        );
        if (!distributions.has(template)) distributions.set(template, file.path);
        continue;
      }
      if (file.name === 'lxc.conf' || file.name === 'config' || /\.conf(\.in)?$/.test(file.name)) {
        if (/^[ \t]*lxc\.\w+/m.test(file.text))
          findings.push({
            question: 'vmLike',
            value: 'yes',
            strength: 2,
            file: file.path,
            reason: 'an LXC container configuration',
          });
        continue;
      }
      // A root filesystem bootstrapped from a distribution's packages: debootstrap, apk into a
      // root of its own (lxd-alpine-builder's `$APK add -U --initdb --root $rootfs`),
      // dnf/yum's --installroot, pacstrap.
      const bootstrap =
        /^[^#\n]*\b(debootstrap|mmdebstrap)\s/m.exec(file.text)?.[1] ??
        (/^[^#\n]*(\bapk(?:\.static)?|\$\{?APK\}?)\s+add\b[^\n]*\s--(root|initdb)\b/m.test(
          file.text,
        )
          ? 'apk --root'
          : /^[^#\n]*\b(?:dnf|yum)\b[^\n]*\s--installroot[=\s]/m.test(file.text)
            ? 'dnf --installroot'
            : /^[^#\n]*\bpacstrap\s/m.test(file.text)
              ? 'pacstrap'
              : undefined);
      if (bootstrap) {
        findings.push({
          question: 'imageSource',
          value: 'distro-image',
          strength: 3,
          file: file.path,
          reason: `builds a root filesystem with ${bootstrap}`,
        });
        // With the metadata LXD imports an image by (its creation date and templates): a
        // system container's image.
        if (/\bmetadata\.yaml\b/.test(file.text) && /["']?creation_date["']?\s*:/.test(file.text))
          findings.push({
            question: 'vmLike',
            value: 'yes',
            strength: 2,
            file: file.path,
            reason:
              "builds an LXD image (a root filesystem and LXD's metadata.yaml): a whole system",
          });
      }
    }
    if (distributions.size >= 2) {
      findings.push({
        question: 'fleet',
        value: 'mixed',
        strength: 2,
        file: [...distributions.values()][0]!,
        reason: `images of several distributions: ${listOf(distributions.keys())}`,
      });
    }
    return findings;
  },
};

/**
 * What a cloud-init configuration makes of the instances it sets up: people's SSH keys or an
 * SSH server (login), packages upgraded on the running system (patched in place).
 */
function cloudConfig(config: unknown, file: string): Finding[] {
  if (!isRecord(config)) return [];
  const findings: Finding[] = [];
  const packages = Array.isArray(config.packages) ? config.packages : [];
  const keys =
    Array.isArray(config.users) &&
    config.users.some((u) => isRecord(u) && Array.isArray(u.ssh_authorized_keys));
  if (keys || packages.includes('openssh-server') || Array.isArray(config.ssh_authorized_keys))
    findings.push({
      question: 'login',
      value: 'yes',
      strength: 2,
      file,
      reason: keys
        ? "cloud-init gives the instances' users SSH keys"
        : 'cloud-init sets up SSH on the instances',
    });
  if (config.package_upgrade === true || config.package_reboot_if_required === true)
    findings.push({
      question: 'updates',
      value: 'in-place',
      strength: 2,
      file,
      reason: "cloud-init upgrades the instances' packages in place",
    });
  return findings;
}

/**
 * What makes an mkosi configuration a bootable disk image, or undefined. A setting under
 * [Match] only applies when the image is built that way (as the optional disk builds of
 * nspawn definitions), so only [Output] and [Content] settings count.
 */
function bootableMkosi(text: string): string | undefined {
  let section = '';
  let matchesFormat = false;
  const found: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const header = /^[ \t]*\[(\w+)\]\s*$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    const setting = /^[ \t]*(\w+)\s*=\s*(\S*)/.exec(line);
    if (!setting) continue;
    const [, key, value] = setting;
    if (section === 'Match' && key === 'Format') matchesFormat = true;
    if (section === 'Output' && key === 'Format' && /^(disk|uki|esp)$/.test(value!))
      found.push(`Format=${value}`);
    if (section === 'Content' && key === 'Bootable' && value === 'yes') found.push('Bootable=yes');
    if (section === 'Content' && key === 'UnifiedKernelImageFormat')
      found.push('a unified kernel image');
  }
  return matchesFormat || found.length === 0 ? undefined : found.join(', ');
}

const NOT_PACKER_JSON =
  /^(package(-lock)?|npm-shrinkwrap|composer(\.lock)?|tsconfig[\w.-]*|jsconfig|bower|lerna|renovate|\.?eslintrc|\.?babelrc|deno|biome|turbo|nx|project|angular|vercel|firebase|app)\.json$/i;

const VAGRANT_ROLE = 'a development or test VM (the project deploys otherwise)';

export const vmToolScanner: Scanner = {
  name: 'vm-tools',
  // Vagrantfiles, and Packer templates and variable files by name or, for JSON, by content.
  wants: (path, name) =>
    name === 'Vagrantfile' ||
    // Vagrant settings kept in a Ruby file beside it (Homestead's scripts/homestead.rb).
    (/\.rb$/.test(name) && /^((scripts?|vagrant)\/)?[^/]+$/.test(path)) ||
    /\.pkr(vars)?\.(hcl|json)$/.test(name) ||
    name === 'packer.json' ||
    // Other JSON is told by content, except the package managers' (a lock file can be megabytes),
    // and so is YAML (templates converted to JSON when built: travis-ci/packer-templates).
    (/\.json$/i.test(name) && !NOT_PACKER_JSON.test(name)) ||
    /\.ya?ml$/i.test(name),
  scan(files) {
    const findings: Finding[] = [];
    // The guest systems the images are of, by family: several → a mixed fleet; any that is not
    // Linux → a kernel of its own.
    const guests = new Map<string, string>();
    // Providers that exist only on Windows or macOS hosts, by the file naming them.
    const foreignHosts = new Map<string, string>();
    // Packer builders that install a system from its installer ISO into a bootable disk.
    const isoBuilders = new Map<string, string>();
    for (const file of files) {
      if (/\.rb$/.test(file.name)) {
        if (/\bconfig\.vm\./.test(file.text)) notForeignHosts(file, foreignHosts);
        continue;
      }
      const packerJson = /\.json$/i.test(file.name) && /"builders"\s*:\s*\[/.test(file.text);
      if (/\.json$/i.test(file.name) && !/\.pkr(vars)?\.json$/.test(file.name) && !packerJson)
        continue;
      if (/\.ya?ml$/i.test(file.name) && !isPackerYaml(file.text)) continue;
      const guest = guestOf(`${file.path}\n${file.text.slice(0, 4096)}`);
      if (guest && !guests.has(guest)) guests.set(guest, file.path);
      if (file.name === 'Vagrantfile') {
        notForeignHosts(file, foreignHosts);
        findings.push({
          question: 'vmLike',
          value: 'yes',
          strength: 2,
          file: file.path,
          reason: 'a Vagrantfile: it runs as a VM today',
          toolingBesideDeployment: VAGRANT_ROLE,
        });
        findings.push({
          question: 'login',
          value: 'yes',
          strength: 1,
          file: file.path,
          reason: 'Vagrant machines are used over SSH',
          toolingBesideDeployment: VAGRANT_ROLE,
        });
        continue;
      }
      if (/\.pkrvars\./.test(file.name)) continue;
      // Builders that install from an ISO: `*-iso` types, or any builder given an iso_url.
      const fromIso = /\biso_urls?\b/.test(file.text);
      // A builder's type: JSON's `"type": "qemu"`, HCL's `source "qemu" "x"` (or `source qemu
      // "x"`), YAML's `- type: qemu`.
      for (const match of file.text.matchAll(
        /(?:"type"\s*:\s*"|^[ \t]*source\s+"?|^[ \t]*-[ \t]*type:[ \t]*["']?)([\w-]+)/gm,
      )) {
        const type = match[1]!;
        if (/^(docker|lxd|lxc|incus|null|file|shell|vagrant)$/.test(type)) continue;
        if ((type.endsWith('-iso') || fromIso) && !isoBuilders.has(type))
          isoBuilders.set(type, file.path);
      }
      if (/"?builders?"?\s*[:{=]|^[ \t]*source\s+"?[\w-]+"?\s+"/m.test(file.text)) {
        const bakesWith = provisionersOf(file.text);
        const bakes = bakesWith.length > 0 ? { bakesWith } : {};
        findings.push({
          question: 'vmLike',
          value: 'yes',
          strength: 2,
          file: file.path,
          reason: 'a Packer template builds machine images',
        });
        findings.push({
          question: 'updates',
          value: 'replace',
          strength: 2,
          file: file.path,
          // Its provisioning (a playbook, a script) runs once, into the image being built.
          reason: 'a Packer image is changed by building a new one and replacing the machine',
          ...bakes,
        });
      }
    }
    const linux = [...guests].filter(([family]) => LINUX.has(family));
    const other = [...guests].filter(([family]) => !LINUX.has(family));
    if (guests.size >= 2)
      findings.push({
        question: 'fleet',
        value: 'mixed',
        strength: 2,
        file: [...guests.values()][0]!,
        reason: `machine images of several systems: ${listOf(guests.keys())}`,
      });
    for (const [family, file] of other)
      findings.push({
        question: 'kernel',
        value: 'own',
        strength: 3,
        file,
        reason: `a machine image of ${family}, which no Linux container can run`,
      });
    if (isoBuilders.size > 0)
      findings.push({
        question: 'kernel',
        value: 'own',
        strength: 1,
        file: [...isoBuilders.values()][0]!,
        reason: `installs the system from its ISO into bootable machine images (${listOf(isoBuilders.keys())}): each boots a kernel of its own`,
      });
    if (foreignHosts.size > 0)
      findings.push({
        question: 'kernel',
        value: 'own',
        strength: 2,
        file: [...foreignHosts.values()][0]!,
        reason: `Vagrant providers for Windows or macOS hosts (${listOf(foreignHosts.keys())}), which have no Linux kernel to share: the VM brings its own`,
        toolingBesideDeployment: VAGRANT_ROLE,
      });
    if (linux.length > 0 && guests.size === 1)
      findings.push({
        question: 'imageSource',
        value: 'distro-image',
        strength: 1,
        file: linux[0]![1],
        reason: `builds a ${linux[0]![0]} machine image from the distribution's installer`,
      });
    // Whatever a Vagrant file says (its guest system too) is the developers' VM's when the
    // project deploys some other way.
    // A Packer image beside an orchestrator's workloads is the machine they run on (a
    // homelab's Proxmox or ESXi nodes under its Nomad jobs), not the workloads.
    return findings.map((f) =>
      /(^|\/)Vagrantfile$|\.rb$/.test(f.file)
        ? { ...f, toolingBesideDeployment: f.toolingBesideDeployment ?? VAGRANT_ROLE }
        : { ...f, hostOf: ORCHESTRATED },
    );
  },
};

/** The orchestrators whose nodes a machine image may be. */
const ORCHESTRATED: readonly string[] = ['nomad', 'kubernetes', 'swarm'];

/** Notes the Vagrant providers in a file that run only on Windows or macOS hosts. */
function notForeignHosts(file: TextFile, found: Map<string, string>): void {
  for (const match of file.text.matchAll(
    /^[ \t]*[\w.]*\.vm\.provider\s*\(?\s*[:"']?(hyperv|parallels|vmware_fusion|vmware_desktop|vmware_workstation)\b/gm,
  ))
    if (!found.has(match[1]!)) found.set(match[1]!, file.path);
}

const LINUX = new Set([
  'Ubuntu',
  'Debian',
  'CentOS',
  'Rocky Linux',
  'AlmaLinux',
  'Fedora',
  'openSUSE',
  'Oracle Linux',
  'Amazon Linux',
  'Red Hat Enterprise Linux',
  'Arch Linux',
  'Alpine',
]);
const GUESTS: readonly [RegExp, string][] = [
  [/\bwindows\b|\bwin(20|10|11)/i, 'Windows'],
  [/\bmacos\b|\bosx\b|darwin/i, 'macOS'],
  [/\bfreebsd\b/i, 'FreeBSD'],
  [/\bopenbsd\b/i, 'OpenBSD'],
  [/\bsolaris\b|\bomnios\b/i, 'Solaris'],
  [/\bubuntu\b/i, 'Ubuntu'],
  [/\bdebian\b/i, 'Debian'],
  [/\bcentos\b/i, 'CentOS'],
  [/\brocky(linux)?\b/i, 'Rocky Linux'],
  [/\balmalinux\b/i, 'AlmaLinux'],
  [/\bfedora\b/i, 'Fedora'],
  [/\bopensuse\b|\bsles\b/i, 'openSUSE'],
  [/\boracle(linux)?\b/i, 'Oracle Linux'],
  [/\bamazon(linux)?\b/i, 'Amazon Linux'],
  [/\brhel\b/i, 'Red Hat Enterprise Linux'],
];

/** The system a Packer file builds, from its path and start (the first name it mentions). */
/**
 * The configuration management tools a Packer template's provisioners run (`"type":
 * "ansible"`, `provisioner "chef-solo" {`, `- type: puppet-masterless`).
 */
function provisionersOf(text: string): ConfigurationTool[] {
  const tools = new Set<ConfigurationTool>();
  for (const match of text.matchAll(
    /(?:"type"\s*:\s*"|^[ \t]*provisioner\s+"|^[ \t]*-?[ \t]*type:[ \t]*["']?)(ansible(?:-local)?|chef-(?:solo|client)|puppet-(?:masterless|server)|salt-masterless)\b/gm,
  ))
    tools.add(match[1]!.replace(/-.*$/, '') as ConfigurationTool);
  return [...tools];
}

/** A Packer template written in YAML: top-level builders, each with a type, and provisioners. */
function isPackerYaml(text: string): boolean {
  return (
    /^builders:[ \t]*$/m.test(text) &&
    /^provisioners:[ \t]*$/m.test(text) &&
    /^[ \t]*-[ \t]*type:[ \t]*["']?[\w-]+/m.test(text)
  );
}

function guestOf(text: string): string | undefined {
  let first: { at: number; family: string } | undefined;
  for (const [pattern, family] of GUESTS) {
    const at = text.search(pattern);
    if (at >= 0 && (first === undefined || at < first.at)) first = { at, family };
  }
  return first?.family;
}

/** Makefiles, and autotools' templates of them. */
const MAKEFILE = /^(GNUm|M)akefile(\.am|\.in)?$/;

export const kernelScanner: Scanner = {
  name: 'kernel',
  readsBinary: true,
  wants: (_path, name) =>
    // dkms.conf, or a template of it (`dkms.conf.in`, asus-wmi-sensors' `dkms.conf.am`).
    /^dkms\.conf(\.[\w-]+)?$/.test(name) ||
    name === 'Kbuild' ||
    MAKEFILE.test(name) ||
    /\.spec$/.test(name) ||
    /\.ko$/.test(name),
  scan(files) {
    // A Makefile is kernel code only when it builds a module (obj-m += driver.o, or
    // `obj-m := $(patsubst %,%.o,$(DRIVER))`, or by its option, `obj-$(CONFIG_RTL8192EU) +=`):
    // kbuild's variable, whatever it is given.
    // Not Kconfig: it configures firmware too (Klipper's, Zephyr's), and beside a module the
    // file that builds it says so.
    // Autotools' templates of one (`Makefile.am`, `Makefile.in`) too, and one that hands the
    // module's folder to the kernel's build (`$(MAKE) -C $(KERNEL_PATH) M=$(abs_builddir)`).
    // An RPM spec builds one when it packages it for DKMS or as a kmod (`Requires: dkms`,
    // `Provides: kmod(xpmem.ko)`).
    const kernel = files.filter((f) =>
      MAKEFILE.test(f.name)
        ? /^[ \t]*obj-(?:[my]|\$\(CONFIG_\w+\))\s*[:+]?=[ \t]*\S|\s-C\s+\S+\s+M=/m.test(f.text)
        : f.name.endsWith('.spec')
          ? /^(?:Build)?Requires:.*\bdkms\b|^Provides:.*\bkmod\(/m.test(f.text)
          : true,
    );
    // DKMS builds the module on the host and rebuilds it there at each kernel upgrade.
    const dkms = files.find((f) => f.name.startsWith('dkms.conf'));
    const inPlace: Finding[] = dkms
      ? [
          {
            question: 'updates',
            value: 'in-place',
            strength: 2,
            file: dkms.path,
            reason: 'DKMS rebuilds the module on the host at each kernel upgrade',
          },
        ]
      : [];
    return [
      ...inPlace,
      ...kernel.slice(0, 1).map(
        (file): Finding => ({
          question: 'kernel',
          value: 'own',
          strength: 3 as const,
          file: file.path,
          reason: file.name.startsWith('dkms.conf')
            ? 'builds a kernel module with DKMS'
            : /\.ko$/.test(file.name)
              ? 'ships a kernel module'
              : MAKEFILE.test(file.name)
                ? 'builds a kernel module with kbuild, the kernel build system'
                : file.name.endsWith('.spec')
                  ? 'packages a kernel module (for DKMS, or as a kmod)'
                  : 'builds kernel code',
        }),
      ),
    ];
  },
};

/**
 * Builders of images of a system that is not Linux, by the commands only such a build runs:
 * a Windows image put together with DISM or Hyper-V's cmdlets (cloudbase's
 * windows-imaging-tools), a FreeBSD system built from source and made an image (OPNsense's
 * tools). What they build is a guest with a kernel of its own.
 */
const GUEST_BUILDS: readonly [(text: string) => boolean, string][] = [
  [
    (text) =>
      /\b(Mount-WindowsImage|Expand-WindowsImage|Add-WindowsDriver|Add-WindowsPackage|New-VHDX?|Convert-WindowsImage)\b|\bdism(\.exe)?\s+\/(Apply-Image|Mount-Image|Image:)/i.test(
        text,
      ),
    'Windows',
  ],
  [
    // Line by line, each test linear: `make … buildworld`, or mkimg's scheme flag.
    (text) =>
      /\bmkimg\s+-s\b/.test(text) ||
      text
        .split('\n')
        .some((line) => /\bbuild(world|kernel)\b/.test(line) && /\bmake\b/.test(line)),
    'FreeBSD',
  ],
];

export const guestBuildScanner: Scanner = {
  name: 'guest-builds',
  wants: (_path, name) => /\.(ps1|psm1|sh)$/i.test(name),
  scan(files) {
    for (const [builds, system] of GUEST_BUILDS) {
      const file = files.find((f) => builds(f.text));
      if (!file) continue;
      return [
        {
          question: 'kernel',
          value: 'own',
          strength: 3,
          file: file.path,
          reason: `builds ${system} images: a system no Linux container can run`,
        },
        {
          question: 'vmLike',
          value: 'yes',
          strength: 2,
          file: file.path,
          reason: `a ${system} image boots as a whole machine`,
        },
        {
          question: 'imageSource',
          value: 'distro-image',
          strength: 2,
          file: file.path,
          reason: `a ${system} system image, not a Dockerfile`,
        },
      ];
    }
    return [];
  },
};
