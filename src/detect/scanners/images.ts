// System-container images and VM tooling: LXD/Incus/distrobuilder image definitions,
// debootstrap and mkosi configs, Vagrant and Packer; and modules that need their own kernel.
import { isRecord, yamlDocuments } from '../read-yaml.js';
import type { Finding, Scanner } from '../types.js';

export const systemImageScanner: Scanner = {
  name: 'system-images',
  wants: (path, name) =>
    /\.ya?ml$/i.test(name) ||
    /^mkosi\.(conf|default)$/.test(name) ||
    /(^|\/)mkosi\.conf\.d\/[^/]+\.conf$/.test(path) ||
    /\.(sh|bash)$/.test(name) ||
    name === 'Makefile' ||
    name === 'lxc.conf' ||
    (name === 'config' && /(^|\/)lxc\//.test(path)),
  scan(files) {
    const findings: Finding[] = [];
    const distributions = new Map<string, string>();
    for (const file of files) {
      if (/\.ya?ml$/i.test(file.name)) {
        for (const doc of yamlDocuments(file.text)) {
          if (!isRecord(doc)) continue;
          if (
            isRecord(doc.image) &&
            isRecord(doc.source) &&
            typeof doc.source.downloader === 'string'
          ) {
            const distribution =
              typeof doc.image.distribution === 'string'
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
            isRecord(doc.devices) &&
            Object.keys(doc.config).some((k) => /^(security|limits|boot|user|cloud-init)\./.test(k))
          ) {
            findings.push({
              question: 'vmLike',
              value: 'yes',
              strength: 2,
              file: file.path,
              reason: 'an LXD/Incus profile or instance configuration',
            });
          }
        }
        continue;
      }
      if (file.name.startsWith('mkosi')) {
        const distribution = /^\s*Distribution\s*=\s*(\S+)/m.exec(file.text)?.[1];
        if (distribution) distributions.set(distribution, file.path);
        findings.push({
          question: 'imageSource',
          value: 'distro-image',
          strength: 3,
          file: file.path,
          reason: `an mkosi image${distribution ? ` (${distribution})` : ''}`,
        });
        continue;
      }
      if (file.name === 'lxc.conf' || file.name === 'config') {
        if (/^\s*lxc\.\w+/m.test(file.text))
          findings.push({
            question: 'vmLike',
            value: 'yes',
            strength: 2,
            file: file.path,
            reason: 'an LXC container configuration',
          });
        continue;
      }
      if (/^\s*[^#\n]*\bdebootstrap\s/m.test(file.text)) {
        findings.push({
          question: 'imageSource',
          value: 'distro-image',
          strength: 3,
          file: file.path,
          reason: 'builds a root filesystem with debootstrap',
        });
      }
    }
    if (distributions.size >= 2) {
      findings.push({
        question: 'fleet',
        value: 'mixed',
        strength: 2,
        file: [...distributions.values()][0]!,
        reason: `images of several distributions: ${[...distributions.keys()].join(', ')}`,
      });
    }
    return findings;
  },
};

export const vmToolScanner: Scanner = {
  name: 'vm-tools',
  wants: (_path, name) =>
    name === 'Vagrantfile' || /\.pkr\.(hcl|json)$/.test(name) || name === 'packer.json',
  scan(files) {
    const findings: Finding[] = [];
    for (const file of files) {
      if (file.name === 'Vagrantfile') {
        findings.push({
          question: 'vmLike',
          value: 'yes',
          strength: 2,
          file: file.path,
          reason: 'a Vagrantfile: it runs as a VM today',
        });
        findings.push({
          question: 'login',
          value: 'yes',
          strength: 1,
          file: file.path,
          reason: 'Vagrant machines are used over SSH',
        });
        continue;
      }
      if (/"?builders?"?\s*[:{=]|^\s*source\s+"/m.test(file.text)) {
        findings.push({
          question: 'vmLike',
          value: 'yes',
          strength: 2,
          file: file.path,
          reason: 'a Packer template builds machine images',
        });
      }
    }
    return findings;
  },
};

export const kernelScanner: Scanner = {
  name: 'kernel',
  readsBinary: true,
  wants: (_path, name) =>
    name === 'dkms.conf' || name === 'Kbuild' || name === 'Kconfig' || /\.ko$/.test(name),
  scan(files) {
    return files.slice(0, 1).map((file) => ({
      question: 'kernel',
      value: 'own',
      strength: 3 as const,
      file: file.path,
      reason:
        file.name === 'dkms.conf'
          ? 'builds a kernel module with DKMS'
          : /\.ko$/.test(file.name)
            ? 'ships a kernel module'
            : 'builds kernel code',
    }));
  },
};
