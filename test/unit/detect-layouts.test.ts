// Detect as real repositories are laid out: tooling files apart from deployment files, every
// folder passed over said, Dockerfiles read by content, more layouts, and honest resolution.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Detection, detect } from '../../src/detect/detect.js';
import { compileRuleSet } from '../../src/engine/compile.js';
import { builtinRuleSet } from '../../src/engine/rule-set.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/temp.js';

const compiled = compileRuleSet(builtinRuleSet);

/** A small tree: relative path → content. */
function tree(files: Record<string, string>): string {
  const dir = tempDir('layout');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
/** The values the files show for a question left open, the one with the most evidence first. */
const leftOpen = (detection: Detection, question: string) =>
  detection.open.find((o) => o.question === question)?.candidates.map((c) => c.value);
const answersOf = async (dir: string, includeTooling = false) =>
  Object.fromEntries(
    Object.entries((await detect(compiled, dir, { includeTooling })).answers).map(([q, a]) => [
      q,
      a.value,
    ]),
  );

describe('tooling files', () => {
  // Shaped like pi-hole and borgmatic: installed on a host, with Dockerfiles and Compose files
  // only to test and to document.
  const dir = tree({
    'advanced/Templates/app.cron': '*/5 * * * * root /usr/local/bin/app --update\n',
    'test/_debian_12.Dockerfile': 'FROM debian:12\nRUN ./install.sh\n',
    'tests/end-to-end/docker-compose.yaml':
      'services:\n  app:\n    build: .\n  db:\n    image: postgres\n',
    'docs/docker-compose.yaml': 'services:\n  docs:\n    build: .\n',
    '.devcontainer/Dockerfile': 'FROM mcr.microsoft.com/devcontainers/base\n',
    '.gitpod.Dockerfile': 'FROM gitpod/workspace-full\n',
    'docker-compose.dev.yml': 'services:\n  app:\n    build: .\n',
    'Dockerfile.local': 'FROM node:22\nCMD ["npm", "run", "dev"]\n',
    '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
    'chart/templates/tests/test-connection.yaml':
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: test\n',
  });

  it('are never evidence, and are listed with what they would suggest', async () => {
    const detection = await detect(compiled, dir);
    expect(Object.keys(detection.answers)).toEqual(['cron']);
    expect(detection.tooling.map((t) => [t.file, t.role])).toEqual([
      ['.devcontainer/Dockerfile', 'a development container'],
      ['.gitpod.Dockerfile', 'a Gitpod development environment'],
      ['Dockerfile.local', 'a development container'],
      ['chart/templates/tests/test-connection.yaml', 'a Helm test hook'],
      ['docker-compose.dev.yml', 'a development set-up'],
      ['docs/docker-compose.yaml', 'documentation'],
      ['test/_debian_12.Dockerfile', 'a test'],
      ['tests/end-to-end/docker-compose.yaml', 'a test'],
    ]);
    expect(detection.tooling[6]!.suggests).toContainEqual(
      expect.objectContaining({ question: 'imageSource', value: 'dockerfile' }),
    );
  });

  it('count with --include-tooling', async () => {
    expect(await answersOf(dir, true)).toMatchObject({
      imageSource: 'dockerfile',
      orchestrator: 'compose',
    });
  });
});

describe('the walk', () => {
  it('says why it passes over each folder, and skips build output only beside its manifest', async () => {
    const dir = tree({
      'node_modules/x/Dockerfile': 'FROM alpine\n',
      'rust/Cargo.toml': '[package]\nname = "x"\n',
      'rust/target/release/Dockerfile': 'FROM alpine\n',
      'target/supervisord.conf':
        '[program:postfix]\ncommand=postfix\n[program:dovecot]\ncommand=dovecot\n[program:amavis]\ncommand=amavis\n[program:clamd]\ncommand=clamd\n',
    });
    const detection = await detect(compiled, dir);
    expect(detection.skipped).toEqual([
      { path: 'node_modules', reason: 'skipped: installed dependencies' },
      { path: 'rust/target', reason: 'skipped: build output (beside Cargo.toml)' },
    ]);
    // target/ without a build manifest beside it is the project's own (docker-mailserver).
    expect(detection.answers.processes?.value).toBe('many');
  });
});

describe('Dockerfiles, read by content', () => {
  it('strips FROM flags, compares bases within one application, and ignores look-alikes without FROM', async () => {
    // Two applications side by side, each with its Compose file (as in a collection of samples).
    const dir = tree({
      'app-a/compose.yaml': 'services:\n  api:\n    build: api\n  worker:\n    build: worker\n',
      'app-b/compose.yaml': 'services:\n  other:\n    build: .\n',
      'app-a/api/Dockerfile':
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nFROM alpine:3.20\nCMD ["api"]\n',
      'app-a/worker/Dockerfile': 'FROM alpine:3.20\nCMD ["worker"]\n',
      'app-b/Dockerfile': 'FROM alpine:3.20\nCMD ["other"]\n',
      'src/detect/Dockerfile.ts': "export const dockerfile = 'not one';\n",
    });
    const detection = await detect(compiled, dir);
    expect(detection.answers.layers?.evidence[0]?.reason).toBe(
      '2 Dockerfiles build on the same base (alpine:3.20): app-a/api/Dockerfile, app-a/worker/Dockerfile',
    );
    const files = detection.answers.imageSource!.evidence.map((e) => e.file);
    expect(files).not.toContain('src/detect/Dockerfile.ts');
    expect(JSON.stringify(detection)).not.toContain('--platform');
  });

  it('says no to shared layers when the images of an application build on unrelated bases', async () => {
    const dir = tree({
      'compose.yaml': 'services:\n  proxy:\n    build: proxy\n  backend:\n    build: backend\n',
      'proxy/Dockerfile': 'FROM nginx:1.27\n',
      'backend/Dockerfile': 'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]\n',
    });
    const detection = await detect(compiled, dir);
    expect(detection.answers.layers?.value).toBe('no');
    const reason = detection.answers.layers?.evidence[0]?.reason;
    expect(reason).toContain('nginx:1.27');
    expect(reason).toContain('python:3.12-slim');
  });

  it('reads cron jobs and supervisors installed in the image as more specific than a Compose count', async () => {
    const dir = tree({
      Dockerfile:
        'FROM debian:12\nRUN apt-get update && apt-get install -y cron supervisor\nCMD ["/usr/bin/supervisord"]\n',
      'compose.yaml': 'services:\n  mail:\n    build: .\n',
    });
    expect(await answersOf(dir)).toMatchObject({ processes: 'few', cron: 'yes' });
  });
});

describe('more layouts', () => {
  it('reads Nomad Pack templates', async () => {
    const dir = tree({
      'packs/redis/templates/redis.nomad.tpl':
        'job [[ .my.job_name ]] {\n  group "cache" {\n    task "redis" {\n      driver = "docker"\n    }\n  }\n}\n',
    });
    expect(await answersOf(dir)).toMatchObject({ orchestrator: 'nomad', updates: 'replace' });
    // The job's name a quoted template (brent-holden/nomad-mediaserver-packs).
    const quoted = tree({
      'packs/seerr/templates/seerr.nomad.tpl':
        'job "[[ var "job_name" . ]]" {\n  group "seerr" {\n    task "seerr" {\n      driver = "podman"\n    }\n  }\n}\n',
    });
    expect(await answersOf(quoted)).toMatchObject({ orchestrator: 'nomad', processes: 'single' });
  });

  it('reads the guest systems of Packer templates: several are a mixed fleet, a non-Linux one needs its own kernel', async () => {
    const dir = tree({
      'os_pkrvars/ubuntu/ubuntu-24.04-x86_64.pkrvars.hcl': 'os_name = "ubuntu"\n',
      'os_pkrvars/windows/windows-2022-x86_64.pkrvars.hcl': 'os_name = "windows"\n',
      'packer_templates/pkr-sources.pkr.hcl': 'source "qemu" "vm" {\n}\n',
    });
    expect(await answersOf(dir)).toMatchObject({ fleet: 'mixed', kernel: 'own', vmLike: 'yes' });
  });

  it('reads Salt states with Jinja as text, line by line, and an Ansible role at the root', async () => {
    const salt = tree({
      'nginx/service.sls':
        "{% from 'nginx/map.jinja' import nginx %}\n{{ nginx.service }}:\n  service.running:\n    - enable: True\nrelay:\n  service:\n    - running\n",
      // Thousands of indented lines under one id: read in one pass (no backtracking).
      'nginx/big.sls': `{% set x = 1 %}\nbig:\n${'  - x: y\n'.repeat(20_000)}`,
    });
    const salted = await detect(compiled, salt);
    expect(salted.answers.configManagement?.value).toBe('salt');
    expect(salted.answers.processes?.evidence[0]?.reason).toMatch(
      /2 services on the host: nginx, relay/,
    );
    const role = tree({
      'meta/main.yml': 'galaxy_info:\n  role_name: nginx\n',
      'tasks/main.yml': '- include_tasks: setup.yml\n',
      'tasks/setup.yml': '- name: install\n  package:\n    name: nginx\n',
      'handlers/main.yml':
        '- name: restart nginx\n  service:\n    name: "{{ nginx_service_name }}"\n    state: restarted\n',
    });
    const roled = await detect(compiled, role);
    expect(roled.answers.configManagement?.evidence[0]?.reason).toBe(
      'an Ansible role (at the repository root)',
    );
    expect(roled.answers.init?.evidence[0]?.reason).toMatch(/nginx_service_name/);
  });

  it('knows units and init scripts by their content, whatever their names', async () => {
    const dir = tree({
      'advanced/Templates/pihole-FTL.systemd':
        '[Unit]\nDescription=FTL\n[Service]\nExecStart=/usr/bin/pihole-FTL\n',
      'README.md': '# not a unit\n',
    });
    expect((await detect(compiled, dir)).answers.init?.evidence[0]?.reason).toBe(
      '1 systemd unit(s): pihole-FTL.systemd',
    );
    const scripts = tree({
      'etc/init.d/relay': '#!/bin/sh\n### BEGIN INIT INFO\n# Provides: relay\n### END INIT INFO\n',
      'alpine/relay.openrc': '#!/sbin/openrc-run\ncommand=/usr/bin/relay\n',
    });
    expect((await detect(compiled, scripts)).answers.init?.evidence[0]?.reason).toMatch(
      /^2 init script\(s\)/,
    );
  });

  it('takes a lone Procfile web process for a monolith', async () => {
    expect(await answersOf(tree({ Procfile: 'web: gunicorn app:app\n' }))).toMatchObject({
      architecture: 'monolith',
      processes: 'single',
    });
  });
});

describe('resolution', () => {
  it('says a tie is a tie, and how it was broken', async () => {
    const dir = tree({
      'a/Procfile': 'web: gunicorn app:app\n',
      'b/lxd/profile.yaml': 'config: {}\n',
    });
    const detection = await detect(compiled, dir);
    for (const conflict of detection.conflicts)
      expect(conflict.why).toMatch(/more evidence|a tie|outweigh/);
  });
});

describe('detect --format line', () => {
  it('prints one batch input line, the directory name as its id', async () => {
    const dir = tree({ Procfile: 'web: gunicorn app:app\n' });
    const { stdout, code } = await runCli(['detect', dir, '--format', 'line']);
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    const line = JSON.parse(stdout);
    expect(line).toEqual({
      id: dir.split('/').pop(),
      answers: {
        orchestrator: 'other',
        processes: 'single',
        architecture: 'monolith',
        updates: 'replace',
      },
    });
    const batch = await runCli(['batch'], { stdin: stdout });
    expect(JSON.parse(batch.stdout)).toMatchObject({
      line: 1,
      id: line.id,
      decision: { recommendation: 'app' },
    });
  });
});

describe('machine images', () => {
  it('reads a Vagrant project for Windows and macOS hosts as a VM with a kernel of its own', async () => {
    const dir = tree({
      Vagrantfile:
        "require File.expand_path('scripts/box.rb')\nVagrant.configure('2') do |config|\n  Box.configure(config)\nend\n",
      'scripts/box.rb':
        "class Box\n  def self.configure(config)\n    config.vm.box = 'acme/box'\n    config.vm.provider 'virtualbox' do |vb|\n    end\n    config.vm.provider \"hyperv\" do |h|\n    end\n  end\nend\n",
    });
    const detection = await detect(compiled, dir);
    expect(detection.answers.vmLike?.value).toBe('yes');
    expect(detection.answers.kernel?.evidence).toEqual([
      {
        file: 'scripts/box.rb',
        reason:
          'Vagrant providers for Windows or macOS hosts (hyperv), which have no Linux kernel to share: the VM brings its own',
      },
    ]);
  });

  it('reads a bootable mkosi image as needing its own kernel, but not a disk build it only matches', async () => {
    const bootable = await detect(
      compiled,
      tree({ 'mkosi.conf': '[Distribution]\nDistribution=fedora\n\n[Output]\nFormat=disk\n' }),
    );
    expect(bootable.answers.kernel?.value).toBe('own');
    const optional = await detect(
      compiled,
      tree({
        'mkosi.conf': '[Distribution]\nDistribution=debian\n\n[Output]\nFormat=directory\n',
        'mkosi.conf.d/10-bootable.conf': '[Match]\nFormat=disk\n\n[Content]\nBootable=yes\n',
      }),
    );
    expect(optional.answers.kernel).toBeUndefined();
    expect(optional.answers.imageSource?.value).toBe('distro-image');
  });
});

describe('examples and samples', () => {
  it('reads them, as hints, only when nothing else describes the deployment', async () => {
    const units = {
      'sample/systemd/backup.service':
        '[Unit]\nDescription=backup\n\n[Service]\nType=oneshot\nExecStart=/usr/bin/backup\n',
      'sample/systemd/backup.timer': '[Timer]\nOnCalendar=daily\n',
      'sample/cron/backup': '0 3 * * * root /usr/bin/backup\n',
    };
    const alone = await detect(compiled, tree(units));
    expect(alone.fromExamples).toBe(true);
    expect(alone.answers.cron?.value).toBe('yes');
    expect(alone.answers.init?.value).toBe('yes');
    // A oneshot run by a timer is a scheduled job, not a long-running service.
    expect(alone.answers.processes).toBeUndefined();
    expect(alone.tooling).toEqual([]);

    const beside = await detect(
      compiled,
      tree({ ...units, Dockerfile: 'FROM alpine:3.20\nCMD ["backup", "--serve"]\n' }),
    );
    expect(beside.fromExamples).toBeUndefined();
    expect(beside.answers.cron).toBeUndefined();
    expect(beside.tooling.map((t) => t.file)).toContain('sample/cron/backup');
  });

  it('never reads tests as the deployment', async () => {
    const detection = await detect(
      compiled,
      tree({ 'tests/compose.yaml': 'services:\n  app:\n    image: acme/app\n' }),
    );
    expect(detection.answers).toEqual({});
    expect(detection.fromExamples).toBeUndefined();
  });
});

describe('the hosts under the workloads', () => {
  const playbook =
    '- hosts: clients\n  tasks:\n    - name: start the agents\n      ansible.builtin.systemd:\n        name: "{{ item }}"\n        state: started\n        enabled: true\n      loop: [nomad, consul]\n';
  const job =
    'job "web" {\n  group "web" {\n    task "web" {\n      driver = "docker"\n    }\n  }\n}\n';

  it('reads the playbook that sets up Nomad agents beside Nomad jobs as the hosts, not the jobs', async () => {
    const detection = await detect(
      compiled,
      tree({ 'ansible/nomad.yml': playbook, 'jobs/web.nomad.hcl': job }),
    );
    expect(detection.answers.orchestrator?.value).toBe('nomad');
    expect(detection.answers.init).toBeUndefined();
    expect(detection.answers.login).toBeUndefined();
    expect(detection.tooling.find((t) => t.file === 'ansible/nomad.yml')?.role).toBe(
      'the hosts that run its Nomad workloads',
    );
  });

  it('counts the same playbook when the repository is only the hosts', async () => {
    const detection = await detect(compiled, tree({ 'ansible/nomad.yml': playbook }));
    expect(detection.answers.init?.value).toBe('yes');
  });
});

describe('layouts found on held-out repositories', () => {
  it('reads Nomad jobs named *.job and units shipped as *.service.in', async () => {
    const detection = await detect(
      compiled,
      tree({
        'nomad_jobs/web/nomad.job':
          'job "web" {\n  group "g" {\n    task "t" {\n      driver = "docker"\n    }\n  }\n}\n',
        'files/daemon.service.in':
          '[Unit]\nDescription=d\n\n[Service]\nExecStart=@BINDIR@/daemon\n',
      }),
    );
    expect(detection.answers.orchestrator?.value).toBe('nomad');
    expect(detection.answers.init?.evidence[0]?.file).toBe('files/daemon.service.in');
  });

  it('counts supervisor programs a build script writes, over a count of Compose services', async () => {
    const dir = tree({
      Dockerfile:
        'FROM ubuntu:24.04\nRUN apt-get install -y supervisor openssh-server gitlab-shell\nEXPOSE 22\nENTRYPOINT ["/sbin/entrypoint.sh"]\n',
      'assets/build/install.sh': `cat > /etc/supervisor/conf.d/all.conf <<EOF\n${['web', 'worker', 'sshd', 'nginx', 'cron'].map((p) => `[program:${p}]\ncommand=/usr/bin/${p}\n`).join('')}EOF\n`,
      'docker-compose.yml':
        'services:\n  redis:\n    image: redis:7\n  postgresql:\n    image: postgres:16\n  app:\n    build: .\n',
    });
    const detection = await detect(compiled, dir);
    expect(detection.answers.processes?.value).toBe('many');
    expect(detection.answers.cron?.value).toBe('yes');
    // SSH in a git server's image carries git, not people's logins.
    expect(detection.answers.login).toBeUndefined();
  });

  it('reads a service named for its tier as that tier, though built here', async () => {
    const dir = tree({
      'docker-compose.yml':
        'services:\n  db:\n    build: db\n  words:\n    build: words\n  web:\n    build: web\n',
    });
    expect((await detect(compiled, dir)).answers.architecture?.value).toBe('multi-tier');
  });

  it('reads a playbook that sets up Nomad with its plumbing beside Nomad jobs as the hosts', async () => {
    const dir = tree({
      'ansible/playbook.yml':
        '- hosts: all\n  tasks:\n    - name: services\n      ansible.builtin.service:\n        name: "{{ item }}"\n        state: started\n      loop: [open-iscsi, docker, nomad, consul, tailscaled]\n',
      'jobs/app.job':
        'job "app" {\n  group "g" {\n    task "t" {\n      driver = "docker"\n    }\n  }\n}\n',
    });
    const detection = await detect(compiled, dir);
    expect(detection.answers.init).toBeUndefined();
    expect(detection.answers.nesting).toBeUndefined();
    // The playbook provisions the hosts, not the jobs: the whole of it is set aside, and said.
    expect(detection.answers.configManagement).toBeUndefined();
    expect(
      detection.tooling
        .find((t) => t.file === 'ansible/playbook.yml')
        ?.suggests.map((s) => `${s.question} ${s.value}`),
    ).toContain('configManagement ansible');
  });

  it('reads a role that installs a container engine, alone, as a host that runs containers', async () => {
    const dir = tree({
      'meta/main.yml': 'galaxy_info:\n  role_name: docker\n',
      'tasks/main.yml':
        '- name: Docker\n  ansible.builtin.service:\n    name: docker\n    state: started\n',
    });
    expect((await detect(compiled, dir)).answers.nesting?.value).toBe('yes');
  });
});

describe('what a new user tried', () => {
  it('cuts long lists in a reason, and says a count from a file read in part is at least', async () => {
    const types = Array.from({ length: 500 }, (_, i) => `p${i}: run ${i}\n`).join('');
    const jobs = '* * * * * root /usr/local/bin/job\n'.repeat(20_000);
    const detection = await detect(compiled, tree({ Procfile: types, 'etc/cron.d/jobs': jobs }));
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      '500 process types (p0, p1, p2, p3, p4, p5, … (500 in all)), each run as its own process',
    );
    expect(detection.answers.cron?.evidence[0]?.reason).toMatch(
      /^at least \d+ cron job\(s\) \(only its start was read\)$/,
    );
  });

  it('names a templated service by its role default, and leaves package lock files unread', async () => {
    const detection = await detect(
      compiled,
      tree({
        'roles/nomad/defaults/main.yml': 'nomad_service_name: nomad\n',
        'roles/nomad/tasks/main.yml':
          '- name: Nomad\n  ansible.builtin.service:\n    name: "{{ nomad_service_name }}"\n    state: started\n',
        'roles/web/tasks/main.yml': '- name: web\n  ansible.builtin.service:\n    name: nginx\n',
        'site.yml': '- hosts: all\n  roles: [nomad, web]\n',
        'package-lock.json': '{"lockfileVersion": 3, "builders": []}\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'Ansible runs 2 services on the host (one play: site.yml, hosts all): nomad, nginx',
    );
    expect(detection.scanned.filesRead).toBe(4);
  });

  it('takes what a Vagrantfile says of its guest for the developers VM, beside a Dockerfile', async () => {
    const detection = await detect(
      compiled,
      tree({
        Vagrantfile:
          'Vagrant.configure("2") do |config|\n  config.vm.box = "ubuntu/jammy64"\nend\n',
        Dockerfile: 'FROM alpine:3.20\nCMD ["app"]\n',
      }),
    );
    expect(detection.answers.imageSource?.value).toBe('dockerfile');
    expect(detection.answers.vmLike).toBeUndefined();
    expect(detection.tooling.map((t) => t.file)).toEqual(['Vagrantfile']);
  });
});

describe('layouts found on a second held-out set', () => {
  it('counts the daemons shell scripts install, through a wrapper too, over two units', async () => {
    const detection = await detect(
      compiled,
      tree({
        'setup/functions.sh': 'function apt_install {\n  apt-get install -y "$@"\n}\n',
        'setup/mail.sh':
          'apt_install postfix postfix-pcre \\\n  postgrey\napt_install dovecot-imapd\n',
        'setup/web.sh':
          'apt_install nginx php"$PHP_VER"-fpm\n# apt_install redis-server (not yet)\n',
        'conf/app.service': '[Service]\nExecStart=/usr/bin/app\n',
        'conf/stats.service': '[Service]\nExecStart=/usr/bin/stats\n',
      }),
    );
    expect(detection.answers.processes?.value).toBe('many');
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'shell scripts install or enable 5 daemons to run side by side: postfix, mail milter, dovecot, nginx, php-fpm (in 2 scripts)',
    );
  });

  it('reads a Debian package as upgraded in place, over a CI image and a release image', async () => {
    const detection = await detect(
      compiled,
      tree({
        'debian/control': 'Source: daemon\n\nPackage: daemon\nArchitecture: any\n',
        'debian/daemon.service': '[Service]\nExecStart=/usr/sbin/daemon\n',
        'tools/relay/relay.service': '[Service]\nExecStart=/usr/sbin/relay\n',
        'Dockerfile.ci': 'FROM debian:12\nRUN apt-get install -y build-essential\n',
        'Dockerfile.release': 'FROM debian:12\nCMD ["/usr/sbin/daemon"]\n',
      }),
    );
    // A package upgraded in place and a release image replaced: two ways of shipping it, as
    // much evidence each, so the person who runs it says which.
    expect(detection.answers.updates).toBeUndefined();
    expect(leftOpen(detection, 'updates')).toEqual(['in-place', 'replace']);
    // One unit in each of two folders: two parts of the project, not two services together.
    expect(detection.answers.processes?.value).not.toBe('few');
    expect(detection.tooling.find((t) => t.file === 'Dockerfile.ci')?.role).toBe(
      'CI configuration',
    );
  });

  it("reads a build's install of a unit as installed on a host, and ci/ images named for building as build environments", async () => {
    // Shaped like earlyoom and ZeroTierOne: make install puts the unit on the host; the images
    // under ci/ only build packages.
    const detection = await detect(
      compiled,
      tree({
        Makefile:
          'SYSTEMDUNITDIR ?= /etc/systemd/system\ninstall: daemon.service\n\tinstall -d $(DESTDIR)$(SYSTEMDUNITDIR)\n\tinstall -m 644 $< $(DESTDIR)$(SYSTEMDUNITDIR)\n',
        'daemon.service.in': '[Service]\nExecStart=@BINDIR@/daemon\n',
        'ci/Dockerfile-build.deb': 'FROM debian:12\nRUN apt-get install -y devscripts\n',
        'ci/Dockerfile-build.rpm': 'FROM debian:12\nRUN apt-get install -y rpm\n',
        'lib/Makefile':
          'all:\n\t$(CC) -o lib.o lib.c\ninstall:\n\tinstall -m 644 lib.o $(DESTDIR)/usr/lib\n',
      }),
    );
    expect(detection.answers.updates).toEqual({
      value: 'in-place',
      evidence: [
        {
          file: 'Makefile',
          reason:
            "its install step puts a service's unit or init script on the host, upgraded in place by installing again",
        },
      ],
    });
    expect(detection.answers.imageSource?.value).toBe('distro-image');
    expect(detection.answers.layers).toBeUndefined();
    // Their names say what they are for: building the packages.
    expect(detection.tooling.map((t) => t.role)).toEqual([
      'a build environment',
      'a build environment',
    ]);
  });

  it('takes a kustomization and the workloads it puts together for one way of deploying', async () => {
    // Shaped like librephotos-docker: Compose at the root and in one more folder, kustomize in k8s/.
    const compose = (names: string[]) =>
      `services:\n${names.map((n) => `  ${n}:\n    image: example/${n}\n`).join('')}`;
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yml': compose(['proxy', 'db', 'frontend', 'backend']),
        'unified/docker-compose.yml': compose(['db', 'backend']),
        'k8s/kustomization.yaml': 'resources:\n  - backend.yaml\n',
        'k8s/backend.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: backend\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: frontend\n',
      }),
    );
    // Compose leads, but the kustomization is as much a way of deploying it: left open.
    expect(leftOpen(detection, 'orchestrator')).toEqual(['compose', 'kubernetes']);
    const kubernetes = detection.open
      .find((c) => c.question === 'orchestrator')
      ?.candidates.find((c) => c.value === 'kubernetes');
    expect(kubernetes?.evidence).toEqual([
      {
        file: 'k8s/backend.yaml',
        reason: '2 Kubernetes workload(s) in k8s/, a kustomize configuration: backend, frontend',
      },
    ]);
  });

  it('reads a Procfile run by forego in the image as processes side by side', async () => {
    const detection = await detect(
      compiled,
      tree({
        Dockerfile: 'FROM nginx:1.27\nCOPY app /app\nCMD ["forego", "start", "-r"]\n',
        'app/Procfile': 'dockergen: docker-gen -watch /app/nginx.tmpl\nnginx: nginx\n',
        'docker-compose.yml':
          'services:\n  proxy:\n    build: .\n  whoami:\n    image: jwilder/whoami\n',
      }),
    );
    expect(detection.answers.processes?.value).toBe('few');
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'forego runs the 2 process types of app/Procfile side by side in the container: dockergen, nginx',
    );
  });

  it.each([
    [
      'a shell script in exec form',
      'CMD ["sh", "-c", "prisma migrate deploy && exec concurrently -k -n web,worker \\"next start\\" \\"tsx worker.ts\\""]',
      'concurrently runs 2 commands side by side in the container: web, worker',
    ],
    [
      'the exec form',
      'CMD ["npx", "concurrently", "--kill-others", "node api.js", "node jobs.js", "node mailer.js"]',
      'concurrently runs 3 commands side by side in the container: node api.js, node jobs.js, node mailer.js',
    ],
  ])(
    'counts the commands concurrently runs in %s, over a count of containers',
    async (_form, cmd, reason) => {
      const detection = await detect(
        compiled,
        tree({
          Dockerfile: `FROM node:22-slim\n${cmd}\n`,
          'docker-compose.yml': 'services:\n  app:\n    build: .\n  db:\n    image: postgres:17\n',
        }),
      );
      expect(detection.answers.processes?.value).toBe('few');
      expect(detection.answers.processes?.evidence[0]?.reason).toBe(reason);
    },
  );

  it("takes a service's own Compose file for a part of the whole, and a few shared bases for none", async () => {
    const services = ['web', 'cart', 'user', 'payment', 'ratings', 'dispatch'];
    const files: Record<string, string> = {
      'docker-compose.yaml': `services:\n${services.map((s) => `  ${s}:\n    build: ${s}\n`).join('')}  rabbitmq:\n    image: rabbitmq:3\n`,
      'dispatch/docker-compose.yaml':
        'services:\n  dispatch:\n    build: .\n  rabbitmq:\n    image: rabbitmq:3\n',
      'web/Dockerfile': 'FROM nginx:1.21\n',
      'cart/Dockerfile': 'FROM node:14\n',
      'user/Dockerfile': 'FROM node:14\n',
      'payment/Dockerfile': 'FROM python:3.9\n',
      'ratings/Dockerfile': 'FROM php:7.4-apache\n',
      'dispatch/Dockerfile': 'FROM golang:1.17\n',
    };
    const detection = await detect(compiled, tree(files));
    expect(detection.answers.architecture?.value).toBe('microservices');
    expect(detection.answers.architecture?.evidence.map((e) => e.file)).toEqual([
      'docker-compose.yaml',
    ]);
    expect(detection.answers.layers?.value).toBe('no');
  });
});

describe('layouts found on a third held-out set', () => {
  it('reads a driver built by obj-m in a Makefile, or with a dkms.conf.in template', async () => {
    const makefile = await detect(
      compiled,
      tree({
        'src/Makefile':
          'obj-m += hid-xpadneo.o\nall:\n\t$(MAKE) -C $(KERNEL_SOURCE_DIR) M=$(PWD) modules\n',
      }),
    );
    expect(makefile.answers.kernel?.evidence[0]?.reason).toBe(
      'builds a kernel module with kbuild, the kernel build system',
    );
    const dkms = await detect(compiled, tree({ 'hid/dkms.conf.in': 'PACKAGE_NAME="hid"\n' }));
    expect(dkms.answers.kernel?.value).toBe('own');
    const plain = await detect(compiled, tree({ Makefile: 'all:\n\tgo build ./...\n' }));
    expect(plain.answers.kernel).toBeUndefined();
  });

  it('reads a Compose file that reuses its anchors for many services', async () => {
    const services = Array.from(
      { length: 60 },
      (_, i) => `  worker-${i}:\n    <<: *defaults\n    command: run ${i}\n`,
    ).join('');
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yml': `x-defaults: &defaults\n  image: acme/app:1\n  restart: unless-stopped\n  environment: &env\n    A: "1"\nservices:\n${services}`,
      }),
    );
    expect(detection.answers.orchestrator?.value).toBe('compose');
  });

  it("counts a playbook's own services, not the base system's, a unit and its socket as one", async () => {
    const detection = await detect(
      compiled,
      tree({
        'roles/vpn/tasks/main.yml':
          '- name: services\n  ansible.builtin.service:\n    name: "{{ item }}"\n    state: restarted\n  loop: [dnscrypt-proxy.socket, dnscrypt-proxy, strongswan, systemd-networkd, rsyslog, ssh]\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'Ansible runs 2 services on the host: dnscrypt-proxy, strongswan',
    );
  });
});

describe('layouts found on a fourth held-out set', () => {
  it("counts supervisor programs kept in a project's own supervisor folder", async () => {
    const programs = ['docservice', 'converter', 'metrics', 'adminpanel'];
    const files: Record<string, string> = {
      Dockerfile: 'FROM ubuntu:24.04\nENTRYPOINT ["/app/run-document-server.sh"]\n',
      'docker-compose.yml':
        'services:\n  ds:\n    build: .\n  db:\n    image: postgres:16\n  mq:\n    image: rabbitmq:3\n',
    };
    for (const p of programs)
      files[`config/supervisor/ds/ds-${p}.conf`] = `[program:${p}]\ncommand=/usr/bin/${p}\n`;
    const detection = await detect(compiled, tree(files));
    expect(detection.answers.processes?.value).toBe('many');
  });

  it('reads a Vagrantfile as the deployment when the units it would be beside are provisioned into its VM', async () => {
    const detection = await detect(
      compiled,
      tree({
        Vagrantfile:
          "Vagrant.configure('2') do |config|\n  config.vm.synced_folder 'provision/', '/srv/provision'\n  config.vm.provision 'main', type: 'shell', path: File.join('provision', 'provision.sh')\nend\n",
        'provision/core/mailhog/mailhog.service': '[Service]\nExecStart=/usr/local/bin/mailhog\n',
      }),
    );
    expect(detection.answers.vmLike?.value).toBe('yes');
    expect(detection.tooling.map((t) => t.file)).not.toContain('Vagrantfile');
  });
});

describe('layouts found on a sixth held-out set', () => {
  it('names a templated service by a value in any of its role vars files', async () => {
    const detection = await detect(
      compiled,
      tree({
        'vars/debian.yml': 'mariadb_systemd_service_name: mariadb.service\n',
        'tasks/main.yml':
          '- name: galera\n  ansible.builtin.service:\n    name: "{{ mariadb_systemd_service_name }}"\n- name: again\n  ansible.builtin.service:\n    name: mariadb\n- name: monitor\n  ansible.builtin.service:\n    name: clustercheck\n',
        'meta/main.yml': 'galaxy_info:\n  role_name: galera\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'Ansible runs 2 services on the host: mariadb, clustercheck',
    );
  });

  it('reads concurrently as the container process as several processes side by side', async () => {
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM node:20\nCMD ["npx", "concurrently", "-k", "next start", "node worker.js"]\n',
      }),
    );
    expect(detection.answers.processes?.value).toBe('few');
  });
});

describe('hostile files', () => {
  // Every scanner reads whole files with regular expressions: none may backtrack without end on
  // a file of the largest size read (256 KiB). Quadratic or worse would take minutes to hours
  // here; the generous bound only catches that, it times nothing.
  it('reads files made to make regular expressions backtrack, at the largest size read', async () => {
    const size = 256 * 1024;
    const blank = '\n'.repeat(size);
    const spaces = ' '.repeat(size);
    const installs = `FROM debian\nRUN ${'apt install x '.repeat(size / 14)}\nCMD ["x"]\n`;
    const detection = await detect(
      compiled,
      tree({
        Dockerfile: installs,
        'a.sh': blank,
        'b.sh': spaces,
        // A function's first line, an app host's comments, a hand-over to the CMD (found in review).
        'fn.sh': `#!/bin/sh\nf()${spaces}x\nfunction g${spaces}y\n`,
        'X.AppHost/Program.cs': `DistributedApplication.CreateBuilder(args);${blank}`,
        'h/Dockerfile':
          'FROM debian\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["x"]\n',
        'h/entrypoint.sh': `#!/bin/sh\nredis-server &\n${blank}exec "$@"\n`,
        'ecosystem.config.js': `module.exports = {\n${spaces}name: 'a'\n`,
        'c.hcl': blank,
        'd.service': blank,
        'mkosi.conf': blank,
        Vagrantfile: blank,
        'recipes/default.rb': blank,
        'e.sls': blank,
        Makefile: blank,
        // One line of words that start a match and never end one.
        'f.sh': 'make install '.repeat(size / 13),
        'g.ps1': 'dism '.repeat(size / 5),
        'h.conf': `[program:${'x'.repeat(size)}`,
        'templates/docker-compose.yml.j2': '{{'.repeat(size / 2),
        'i.sh': `if ${'= lxc '.repeat(size / 6)}`,
        'j.sh': `#!/bin/sh\n${'service x $1 '.repeat(size / 13)}`,
        'k.sh': `#!/bin/sh\n${'qemu-img create '.repeat(size / 16)}`,
        'lxc-debian.in': `${'crontab - '.repeat(size / 10)}`,
        'l.sh': `#!/bin/sh\n${'a.service <<X\n'.repeat(size / 13)}`,
        'm.sh': `#!/bin/sh\nsystemctl enable ${'-q '.repeat(size / 3)}`,
        'n.sh': `#!/bin/sh\n${'then/bin;/usr/sbin '.repeat(size / 19)}`,
        // Found by review: a chart template opened by many comments, or by one long `{{ if`; a
        // unit's command followed by spaces; slashes in a build context and a WORKDIR; a Capfile
        // of `=begin` lines with no `=end`.
        'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
        'chart/values.yaml': 'a: 1\n',
        'chart/templates/a.yaml': `${'{{/* x */}}\n'.repeat(size / 12)}kind: Deployment\n`,
        'chart/templates/b.yaml': `{{ if ${' x'.repeat(size / 2)}\nkind: Deployment\n`,
        'o.service': `[Service]\nExecStart=/bin/x${' '.repeat(size - 40)}y\n`,
        'p/docker-compose.yml': `services:\n  a:\n    build: "${'/'.repeat(size - 40)}x"\n`,
        'q/Dockerfile': `FROM debian\nWORKDIR ${'/'.repeat(size - 40)}x\nCMD ["./run.sh"]\n`,
        Capfile: `require 'capistrano/setup'\n${'=begin\n'.repeat(size / 7)}`,
        'config/deploy/production.rb': `server 'a'\n${'=begin x\n'.repeat(size / 9)}`,
      }),
    );
    // Read to the end: the Dockerfiles count, answered or leading a question left open.
    expect([
      detection.answers.imageSource?.value,
      leftOpen(detection, 'imageSource')?.[0],
    ]).toContain('dockerfile');
  }, 60_000);
});

describe('shell scripts that set up a container host', () => {
  it('read an engine or a kubelet installed by a script as a system that runs containers', async () => {
    const detection = await detect(
      compiled,
      tree({
        'scripts/common.sh':
          'apt-get install -y cri-o cri-o-runc\napt-get install -y kubelet kubeadm kubectl\n',
      }),
    );
    expect(detection.answers.nesting?.evidence[0]?.reason).toBe(
      'shell scripts install a container engine or a Kubernetes node (cri-o, kubelet, kubeadm): it runs containers itself',
    );
  });

  it('takes no line that only talks of installing for an install', async () => {
    const detection = await detect(
      compiled,
      tree({
        'install/engine.sh':
          'echo "FAIL: Neither podman nor docker is installed on the system."\ncat <<EOF\nInstall Sentry with docker|podman compose.\nEOF\n',
      }),
    );
    expect(detection.answers.nesting).toBeUndefined();
  });
});

describe('layouts found on a seventh and an eighth held-out set', () => {
  it("reads a self-hosted app's Compose set-ups, and none of its test, load or development files", async () => {
    // Shaped like paperless-ngx: one image of the project's own running five s6-rc longruns
    // (and oneshots that run once at start), Compose files beside Gotenberg and Tika, which
    // the application depends on, and a development container on the same base.
    const longrun = (name: string) => ({
      [`docker/rootfs/etc/s6-overlay/s6-rc.d/${name}/type`]: 'longrun\n',
      [`docker/rootfs/etc/s6-overlay/s6-rc.d/${name}/run`]: `#!/command/with-contenv sh\nexec ${name}\n`,
    });
    const detection = await detect(
      compiled,
      tree({
        Dockerfile: 'FROM python:3.12-slim\nENTRYPOINT ["/init"]\n',
        '.devcontainer/Dockerfile': 'FROM python:3.12-slim\n',
        ...longrun('svc-webserver'),
        ...longrun('svc-worker'),
        ...longrun('svc-consumer'),
        ...longrun('svc-scheduler'),
        'docker/rootfs/etc/s6-overlay/s6-rc.d/init-migrations/type': 'oneshot\n',
        'docker/rootfs/etc/s6-overlay/s6-rc.d/init-migrations/run': '#!/bin/sh\nmanage migrate\n',
        'docker/compose/docker-compose.postgres-tika.yml':
          'services:\n  broker:\n    image: docker.io/library/redis:8\n  db:\n    image: docker.io/library/postgres:17\n  webserver:\n    image: ghcr.io/paperless-ngx/paperless-ngx:latest\n    depends_on: [db, broker, gotenberg, tika]\n  gotenberg:\n    image: docker.io/gotenberg/gotenberg:8\n  tika:\n    image: docker.io/apache/tika:latest\n',
        'docker/compose/docker-compose.ci-test.yml':
          'services:\n  gotenberg:\n    image: docker.io/gotenberg/gotenberg:8\n  tika:\n    image: docker.io/apache/tika:latest\n  greenmail:\n    image: greenmail/standalone\n',
        'docker-compose-load.yml': 'services:\n  load:\n    build: load\n',
        'cypress/docker-compose.yml':
          'services:\n  app:\n    build: .\n  cypress:\n    image: cypress/included\n',
      }),
    );
    expect(detection.answers.architecture?.evidence[0]?.reason).toBe(
      'webserver with broker, db, gotenberg, tika, one container per tier',
    );
    expect(detection.answers.processes?.value).toBe('many');
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'a supervisor runs 4 services: svc-consumer, svc-scheduler, svc-webserver, svc-worker',
    );
    expect(detection.answers.layers).toBeUndefined();
    expect(Object.fromEntries(detection.tooling.map((t) => [t.file, t.role]))).toEqual({
      '.devcontainer/Dockerfile': 'a development container',
      'cypress/docker-compose.yml': 'a test',
      'docker-compose-load.yml': 'a load test',
      'docker/compose/docker-compose.ci-test.yml': 'a test',
    });
  });

  it('takes a unit that starts containers for the host around them, and a test image for a test', async () => {
    // Shaped like umami's podman/ folder and an Ansible role's root Dockerfile.
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yml':
          'services:\n  app:\n    image: ghcr.io/acme/app:latest\n  db:\n    image: postgres:17\n',
        'podman/app.service':
          '[Service]\nExecStart=/usr/bin/podman-compose -f podman-compose.yml up -d\n',
        'podman/podman-compose.yml':
          'services:\n  app:\n    image: ghcr.io/acme/app:latest\n  db:\n    image: postgres:17\n',
      }),
    );
    expect(detection.answers.init).toBeUndefined();
    expect(detection.tooling).toEqual([
      expect.objectContaining({
        file: 'podman/app.service',
        role: "the host's unit that starts its containers",
      }),
    ]);
    const role = await detect(
      compiled,
      tree({
        'meta/main.yml': 'galaxy_info:\n  role_name: postfix\n',
        'tasks/main.yml':
          '- name: install\n  ansible.builtin.apt:\n    name: postfix\n- name: start\n  ansible.builtin.service:\n    name: postfix\n    state: started\n',
        'tests/test.yml': '- hosts: localhost\n  roles:\n    - ../\n',
        Dockerfile:
          'FROM ubuntu:24.04\nRUN pip3 install ansible\nCOPY . /etc/ansible/roles/role\nRUN ansible-playbook -i tests/inventory tests/test.yml --connection=local\n',
      }),
    );
    expect(role.answers.updates?.value).toBe('in-place');
    expect(role.answers.imageSource).toBeUndefined();
    expect(role.tooling.find((t) => t.file === 'Dockerfile')?.role).toBe(
      'a test image (it runs ansible-playbook -i tests/inventory tests/test.yml --connec…)',
    );
  });

  it('weighs a chart as one way of deploying, and leaves a tie with it open', async () => {
    // Shaped like nextcloud/all-in-one: compose.yaml at the root, a chart of many templates.
    const templates = Object.fromEntries(
      ['apache', 'database', 'redis', 'talk', 'clamav', 'collabora'].map((name) => [
        `helm-chart/templates/${name}-deployment.yaml`,
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.${name}.name }}\n`,
      ]),
    );
    const detection = await detect(
      compiled,
      tree({
        'compose.yaml': 'services:\n  mastercontainer:\n    image: ghcr.io/acme/aio:latest\n',
        'helm-chart/Chart.yaml': 'apiVersion: v2\nname: aio\nversion: 1.0.0\n',
        ...templates,
      }),
    );
    // The chart's six templates weigh as one way of deploying, no more than the Compose file.
    expect(detection.answers.orchestrator).toBeUndefined();
    expect(detection.open.find((c) => c.question === 'orchestrator')).toMatchObject({
      why: 'the files disagree: compose has 3, kubernetes 3, at least half as much',
      candidates: [
        { value: 'compose', strength: 3 },
        { value: 'kubernetes', strength: 3 },
      ],
    });
  });

  it('reads a live-build system image as a kernel of its own, and its build image as a build environment', async () => {
    // Shaped like vyos-build.
    const detection = await detect(
      compiled,
      tree({
        'data/live-build-config/package-lists/base.list.chroot': 'frr\nstrongswan\nkeepalived\n',
        'data/live-build-config/hooks/live/10-kernel.chroot':
          '#!/bin/sh\nln -s vmlinuz /boot/vmlinuz\n',
        'docker/Dockerfile':
          'FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential devscripts live-build debootstrap\nENTRYPOINT ["/usr/local/bin/entrypoint.sh"]\n',
      }),
    );
    expect(detection.answers.kernel?.value).toBe('own');
    expect(detection.answers.imageSource).toEqual({
      value: 'distro-image',
      evidence: [
        {
          file: 'data/live-build-config/package-lists/base.list.chroot',
          reason: 'a Debian live-build configuration: a whole system image built from packages',
        },
      ],
    });
    expect(detection.tooling.map((t) => [t.file, t.role])).toEqual([
      [
        'docker/Dockerfile',
        'a build environment (it installs devscripts, live-build, debootstrap)',
      ],
    ]);
  });

  it("counts the daemons a Debian package depends on, and a supervisor's programs in any .conf", async () => {
    // Shaped like YunoHost's debian/control and AzuraCast's service.full/ folders.
    const yunohost = await detect(
      compiled,
      tree({
        'debian/control':
          'Source: server\n\nPackage: server\nDepends: python3 (>= 3.11),\n , nginx, nginx-extras (>=1.22)\n , slapd, ldap-utils\n , postfix, postfix-ldap\n , dovecot-core, opendkim\nRecommends: ntp\n',
      }),
    );
    expect(yunohost.answers.processes?.evidence[0]?.reason).toBe(
      'the package depends on 5 daemons that run beside it: nginx, ldap, postfix, dovecot, mail milter',
    );
    const azuracast = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM ubuntu:24.04\nCMD ["supervisord", "-c", "/etc/supervisor/supervisord.conf"]\n',
        'util/docker/web/service.full/nginx.conf': '[program:nginx]\ncommand=nginx\n',
        'util/docker/web/service.full/php-fpm.conf': '[program:php-fpm]\ncommand=php-fpm\n',
        'util/docker/web/service.full/cron.conf': '[program:cron]\ncommand=supercronic\n',
        'util/docker/mariadb/service.full/mariadb.conf': '[program:mariadb]\ncommand=mariadbd\n',
        'util/docker/web/service.full/centrifugo.conf':
          '[program:centrifugo]\ncommand=centrifugo\n',
        'util/docker/dev/service.full/vite.conf': '[program:vite]\ncommand=vite\n',
        'util/docker/web/nginx/site.conf': 'server {\n  listen 80;\n}\n',
        'docker-compose.yml': 'services:\n  web:\n    build: .\n',
      }),
    );
    expect(azuracast.answers.processes?.value).toBe('many');
    expect(azuracast.answers.processes?.evidence[0]?.reason).toBe(
      'a supervisor runs 4 services: mariadb, centrifugo, nginx, php-fpm, and cron for scheduled jobs',
    );
    expect(azuracast.answers.cron?.value).toBe('yes');
  });

  it('counts no service for a loop over what is known only when the play runs', async () => {
    const detection = await detect(
      compiled,
      tree({
        'roles/dashboard/tasks/main.yml':
          '- name: start\n  ansible.builtin.service:\n    name: dashboard\n    state: started\n- name: restart what needs it\n  ansible.builtin.systemd:\n    name: "{{ item }}"\n    state: restarted\n  loop: "{{ services_to_restart.stdout_lines }}"\n- name: and a named loop variable\n  ansible.builtin.service:\n    name: "{{ unit }}"\n  loop: [indexer, manager]\n  loop_control:\n    loop_var: unit\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'Ansible runs 3 services on the host: dashboard, indexer, manager',
    );
  });

  it("counts side by side only the services one play puts on its hosts, not a collection's all", async () => {
    // Shaped like wazuh-ansible: four roles, an all-in-one play of three, an agent play that
    // includes its role from a task.
    const role = (name: string) => ({
      [`roles/${name}/tasks/main.yml`]: `- name: start\n  ansible.builtin.service:\n    name: ${name}\n    state: started\n`,
    });
    const files = {
      ...role('indexer'),
      ...role('manager'),
      ...role('dashboard'),
      ...role('agent'),
      'aio.yml':
        '- hosts: aio\n  roles:\n    - role: indexer\n    - role: manager\n    - dashboard\n',
      'agent.yml':
        '- hosts: agents\n  tasks:\n    - name: the agent\n      ansible.builtin.include_role:\n        name: agent\n',
    };
    const detection = await detect(compiled, tree(files));
    expect(detection.answers.processes).toEqual({
      value: 'few',
      evidence: [
        {
          file: 'roles/dashboard/tasks/main.yml',
          reason:
            'Ansible runs 3 services on the host (one play: aio.yml, hosts aio): dashboard, indexer, manager',
        },
      ],
    });
    // Without the plays, each role may go to hosts of its own.
    const { 'aio.yml': _aio, 'agent.yml': _agent, ...roles } = files;
    expect((await detect(compiled, tree(roles))).answers.processes).toBeUndefined();
  });
});

describe('layouts found on a ninth and a tenth held-out set', () => {
  it("reads Compose merge keys: services that take one anchor's image are one deployable", async () => {
    // Shaped like zammad-docker-compose.
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yml':
          'x-shared:\n  zammad-service: &zammad-service\n    image: ghcr.io/zammad/zammad:7\n    restart: always\nservices:\n  zammad-railsserver:\n    <<: *zammad-service\n  zammad-scheduler:\n    <<: *zammad-service\n  zammad-websocket:\n    <<: *zammad-service\n  zammad-postgresql:\n    image: postgres:17\n  zammad-redis:\n    image: redis:8\n',
      }),
    );
    expect(detection.answers.architecture?.evidence[0]?.reason).toBe(
      'zammad-railsserver with zammad-postgresql, zammad-redis, one container per tier',
    );
  });

  it('reads services that each keep their own manifests as one application', async () => {
    // Shaped like sample-spring-microservices-kubernetes.
    const service = (name: string) => ({
      [`${name}-service/k8s/deployment.yaml`]: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - image: piomin/${name}\n`,
    });
    const detection = await detect(
      compiled,
      tree({ ...service('employee'), ...service('department'), ...service('gateway') }),
    );
    expect(detection.answers.architecture?.value).toBe('microservices');
    // A chart and plain manifests of the same workload are alternatives, not services.
    const alternatives = await detect(
      compiled,
      tree({
        'deploy/manifests/deployment.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: reloader\n',
        'deploy/kustomize/deployment.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: reloader\n',
        'charts/reloader/Chart.yaml': 'apiVersion: v2\nname: reloader\nversion: 1.0.0\n',
        'charts/reloader/templates/deployment.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
      }),
    );
    expect(alternatives.answers.architecture?.value).not.toBe('microservices');
  });

  it("names a Salt service by its state's name, so a restart state is the same service", async () => {
    const detection = await detect(
      compiled,
      tree({
        'bind/init.sls':
          'bind:\n  pkg.installed:\n    - pkgs: {{ map.pkgs|json }}\n  service.running:\n    - name: {{ map.service }}\n    - enable: True\n',
        'bind/config.sls':
          'bind_restart:\n  service.running:\n    - name: {{ map.service }}\n    - reload: False\n\nnamed_conf:\n  file.managed:\n    - name: /etc/bind/named.conf\n',
      }),
    );
    expect(detection.answers.init?.evidence[0]?.reason).toBe(
      'Salt manages 1 system service(s) through the init system: map.service',
    );
    expect(detection.answers.processes).toBeUndefined();
  });

  it('reads an installer script at the root, through its own install function', async () => {
    // Shaped like bbb-install.sh: need_pkg wraps apt-get install; install_haproxy names it.
    const detection = await detect(
      compiled,
      tree({
        'server-install.sh':
          '#!/bin/bash\nneed_pkg() {\n  apt-get install -y "$@"\n}\ninstall_haproxy() {\n  need_pkg haproxy\n}\nmain() {\n  need_pkg nginx redis-server\n  install_haproxy\n}\nmain\n',
        'scripts/build-deps.sh': '#!/bin/sh\napt-get install -y build-essential\n',
      }),
    );
    expect(detection.answers).toMatchObject({
      updates: { value: 'in-place', evidence: [{ file: 'server-install.sh' }] },
      imageSource: { value: 'distro-image' },
      init: { value: 'yes' },
      processes: { value: 'few' },
    });
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'shell scripts install or enable 3 daemons to run side by side: proxy, nginx, redis',
    );
    // A script that sets up Docker to run the project's containers installs no host service.
    const compose = await detect(
      compiled,
      tree({
        'install.sh': '#!/bin/sh\napt-get install -y docker-ce\ndocker compose up -d\n',
      }),
    );
    expect(compose.answers.imageSource).toBeUndefined();
  });

  it('reads a DKMS module as rebuilt in place, its image of compilers and a shell as a build environment', async () => {
    // Shaped like rtl8821ce.
    const detection = await detect(
      compiled,
      tree({
        'dkms.conf': 'PACKAGE_NAME="rtl8821ce"\nBUILT_MODULE_NAME[0]="8821ce"\n',
        Kconfig: 'config RTL8821CE\n\ttristate "Realtek 8821C"\n',
        Dockerfile:
          'FROM ubuntu:latest AS build\nRUN apt-get install -y bc build-essential dkms\nFROM build\nADD . .\nCMD /bin/bash\n',
      }),
    );
    expect(detection.answers.updates?.value).toBe('in-place');
    expect(detection.answers.imageSource).toBeUndefined();
    expect(detection.tooling[0]?.role).toBe(
      'a build environment (it installs build-essential, dkms, bc)',
    );
  });

  it("counts the daemons of other Puppet modules a manifest declares, not the module's own", async () => {
    const detection = await detect(
      compiled,
      tree({
        'manifests/init.pp':
          "class icingaweb (\n) {\n  class { 'apache': }\n  include redis\n  include icingaweb::config\n  service { 'icinga-x509': ensure => running }\n}\n",
        'manifests/config.pp': 'class icingaweb::config {\n}\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'Puppet runs 3 services on the host: icinga-x509, apache, redis',
    );
  });

  it('takes debug Compose files and Dockerfiles for development', async () => {
    const detection = await detect(
      compiled,
      tree({
        'compose.debug.yml': 'services:\n  keel-debug:\n    build: .\n',
        'Dockerfile.debug': 'FROM golang:1.23\nCMD ["dlv", "debug"]\n',
      }),
    );
    expect(detection.tooling.map((t) => t.role)).toEqual([
      'a development container',
      'a development set-up',
    ]);
  });
});

describe('layouts found on an eleventh and a twelfth held-out set', () => {
  it('reads a Packer image as replaced, whatever playbook provisions it', async () => {
    // Shaped like cirruslabs/macos-image-templates.
    const detection = await detect(
      compiled,
      tree({
        'templates/base.pkr.hcl':
          'source "tart-cli" "tart" {\n  vm_base_name = "macos-sequoia-vanilla"\n}\nbuild {\n  sources = ["source.tart-cli.tart"]\n  provisioner "ansible" {\n    playbook_file = "ansible/playbook.yml"\n  }\n}\n',
        'ansible/playbook.yml':
          '- hosts: all\n  tasks:\n    - name: update\n      ansible.builtin.command: softwareupdate -i -a\n',
      }),
    );
    expect(detection.answers.updates?.value).toBe('replace');
    expect(detection.answers.kernel?.value).toBe('own');
  });

  it('takes a Compose file of three database engines side by side for a development set-up', async () => {
    // Shaped like shlink: the image is the deployment; the Compose file tests every database.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile: 'FROM php:8.4-alpine\nCMD ["php", "server.php"]\n',
        'docker-compose.yml':
          'services:\n  app:\n    build: .\n  db_mysql:\n    image: mysql:8.0\n  db_postgres:\n    image: postgres:16\n  db_ms:\n    image: mcr.microsoft.com/mssql/server:2022-latest\n',
      }),
    );
    expect(detection.answers.orchestrator).toBeUndefined();
    expect(detection.tooling.map((t) => t.role)).toEqual([
      'a development set-up (it runs 3 database engines side by side: mysql, postgresql, sqlserver)',
    ]);
    // Or three versions of one (pgweb's PostgreSQL 13 to 18), unlike three services' own stores.
    const versions = await detect(
      compiled,
      tree({
        'docker-compose-pg.yml': `services:\n${[18, 17, 16].map((v) => `  postgres${v}:\n    image: postgres:${v}\n`).join('')}`,
        'docker-compose.yml':
          'services:\n  carts-db:\n    image: mongo:7\n  orders-db:\n    image: mongo:7\n  users-db:\n    image: postgres:17\n  app:\n    image: acme/app\n',
      }),
    );
    expect(versions.tooling.map((t) => t.role)).toEqual([
      'a development set-up (it runs 3 versions of postgresql side by side: 18, 17, 16)',
    ]);
  });

  it('reads a chart that keeps a folder of templates per component as that many deployables', async () => {
    // Shaped like zero-to-jupyterhub-k8s; a flat chart stays one deployable.
    const workload = (kind: string) =>
      `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: {{ include "fullname" . }}\n`;
    const detection = await detect(
      compiled,
      tree({
        'jupyterhub/Chart.yaml': 'apiVersion: v2\nname: jupyterhub\nversion: 4.0.0\n',
        'jupyterhub/templates/hub/deployment.yaml': workload('Deployment'),
        'jupyterhub/templates/proxy/deployment.yaml': workload('Deployment'),
        'jupyterhub/templates/proxy/autohttps/deployment.yaml': workload('Deployment'),
        'jupyterhub/templates/scheduling/user-scheduler/deployment.yaml': workload('Deployment'),
      }),
    );
    expect(detection.answers.architecture?.value).toBe('microservices');
    const flat = await detect(
      compiled,
      tree({
        'chart/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
        'chart/templates/deployment.yaml': workload('Deployment'),
        'chart/templates/daemonset.yaml': workload('DaemonSet'),
      }),
    );
    expect(flat.answers.architecture?.value).toBe('monolith');
  });

  it('reads an image that boots a guest with QEMU as a VM in a container', async () => {
    // Shaped like Docker-OSX; an image that only cross-builds with qemu-user-static is not one.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM archlinux:base-devel\nRUN pacman -Syu qemu-desktop libvirt --noconfirm\nCMD exec qemu-system-x86_64 -m 4000 -enable-kvm -drive file=mac_hdd.img\n',
      }),
    );
    expect(detection.answers.kernel?.evidence[0]?.reason).toBe(
      'runs a virtual machine (QEMU) in the container: its guest has a kernel of its own',
    );
    const crossBuild = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM debian:12\nRUN apt-get install -y qemu-user-static binfmt-support\nCMD ["/app"]\n',
      }),
    );
    expect(crossBuild.answers.kernel).toBeUndefined();
  });
});

describe('layouts found on a fifteenth and a sixteenth held-out set', () => {
  it("takes a chart's database dependency for a tier, not a cache it may use", async () => {
    const chart = (dependency: string) =>
      tree({
        'charts/app/Chart.yaml': `apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n  - name: ${dependency}\n    version: 1.0.0\n    condition: ${dependency}.enabled\n`,
        'charts/app/templates/deployment.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "app.fullname" . }}\n',
      });
    expect((await detect(compiled, chart('postgresql'))).answers.architecture?.value).toBe(
      'multi-tier',
    );
    expect((await detect(compiled, chart('redis-ha'))).answers.architecture?.value).toBe(
      'monolith',
    );
    expect(
      (await detect(compiled, chart('mariadb-operator-crds'))).answers.architecture?.value,
    ).toBe('monolith');
  });

  it.each([
    [
      'WinImageBuilder.psm1',
      'function New-Image {\n  Mount-WindowsImage -ImagePath $wim -Index 1 -Path $mount\n  New-VHD -Path $vhd -SizeBytes 40GB\n}\n',
      'Windows',
    ],
    [
      'build/base.sh',
      '#!/bin/sh\nmake -C /usr/src -j8 buildworld\nmkimg -s gpt -p efi:=boot.img -o disk.img\n',
      'FreeBSD',
    ],
  ])('reads a builder of %s images as a guest of another system', async (file, text, system) => {
    const detection = await detect(compiled, tree({ [file]: text }));
    expect(detection.answers.kernel?.evidence[0]?.reason).toBe(
      `builds ${system} images: a system no Linux container can run`,
    );
    expect(detection.answers.vmLike?.value).toBe('yes');
  });

  it("looks a chart's templated images up in its values: one image in three folders is one deployable", async () => {
    // Shaped like mariadb-operator's chart: controller, webhook and certificate controller are
    // one binary, each in a folder of templates; jupyterhub's parts are different images.
    const part = (folder: string, key: string) => ({
      [`chart/templates/${folder}/deployment.yaml`]: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "fullname" . }}-${folder}\nspec:\n  template:\n    spec:\n      containers:\n        - image: "{{ template "image" (tuple .Values.${key} $.Chart.AppVersion) }}"\n`,
    });
    const chart = (values: string) =>
      tree({
        'chart/Chart.yaml': 'apiVersion: v2\nname: operator\nversion: 1.0.0\n',
        'chart/values.yaml': values,
        ...part('operator', 'image'),
        ...part('webhook', 'webhook.image'),
        ...part('cert-controller', 'certController.image'),
      });
    const one = await detect(
      compiled,
      chart(
        'image:\n  repository: ghcr.io/acme/operator\nwebhook:\n  image:\n    repository: ghcr.io/acme/operator\ncertController:\n  image:\n    repository: ghcr.io/acme/operator\n',
      ),
    );
    expect(one.answers.architecture?.value).toBe('monolith');
    const three = await detect(
      compiled,
      chart(
        'image:\n  repository: ghcr.io/acme/operator\nwebhook:\n  image:\n    repository: ghcr.io/acme/webhook\ncertController:\n  image:\n    registry: quay.io\n    repository: acme/certs\n',
      ),
    );
    expect(three.answers.architecture?.evidence[0]?.reason).toMatch(
      /^3 services of its own \(.*\(certs\).*\(operator\).*\(webhook\)\)/,
    );
  });

  it("takes a template's first image value the chart sets, as coalesce does", async () => {
    // Shaped like mastodon's chart: web falls back to the chart's image, as sidekiq uses it.
    const detection = await detect(
      compiled,
      tree({
        'Chart.yaml':
          'apiVersion: v2\nname: mastodon\nversion: 1.0.0\ndependencies:\n  - name: postgresql\n    version: 1.0.0\n',
        'values.yaml':
          'image:\n  repository: ghcr.io/mastodon/mastodon\nmastodon:\n  web:\n    image:\n      repository:\n  streaming:\n    image:\n      repository: ghcr.io/mastodon/mastodon-streaming\n',
        'templates/deployment-web.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "web" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - image: "{{ coalesce .Values.mastodon.web.image.repository .Values.image.repository }}"\n',
        'templates/deployment-sidekiq.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "sidekiq" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - image: "{{ .Values.image.repository }}"\n',
        'templates/deployment-streaming.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "streaming" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - image: "{{ .Values.mastodon.streaming.image.repository }}"\n',
      }),
    );
    expect(detection.answers.architecture?.evidence[0]?.reason).toBe(
      'the chart in . (mastodon), the chart in . (mastodon-streaming) with postgresql, one container per tier',
    );
  });
});

describe('layouts found on held-out sets twenty-one and twenty-two', () => {
  // Shaped like nginxinc/ansible-role-nginx: optional agents, each included only when its
  // switch (off by default) is on, and notifying a handler of its own.
  const role = (agentDefault: string) => ({
    'meta/main.yml': 'galaxy_info:\n  role_name: web\n',
    'defaults/main/main.yml': 'web_enable: true\n',
    'defaults/main/agent.yml': `web_agent_enable: ${agentDefault}\nweb_ha_enable: false\n`,
    'tasks/main.yml':
      '- name: Install\n  ansible.builtin.include_tasks: "{{ role_path }}/tasks/web/install.yml"\n  when: web_enable | bool\n- name: Agent\n  ansible.builtin.include_tasks: "{{ role_path }}/tasks/agent/install-agent.yml"\n  when: web_agent_enable | bool\n- name: HA\n  ansible.builtin.package:\n    name: keepalived\n  when:\n    - web_ha_enable | bool\n  notify: (Handler) Start keepalived\n',
    'tasks/web/install.yml':
      '- name: Package\n  ansible.builtin.package:\n    name: nginx\n  notify: (Handler) Run web\n',
    'tasks/agent/install-agent.yml':
      '- name: Package\n  ansible.builtin.package:\n    name: web-agent\n  notify: (Handler) Start agent\n- name: Metrics\n  ansible.builtin.include_tasks: metrics.yml\n',
    'tasks/agent/metrics.yml':
      '- name: Metrics\n  ansible.builtin.service:\n    name: web-metrics\n    state: started\n',
    'handlers/main.yml':
      '- name: (Handler) Start nginx\n  ansible.builtin.service:\n    name: nginx\n    state: reloaded\n  listen: (Handler) Run web\n- name: (Handler) Start agent\n  ansible.builtin.service:\n    name: web-agent\n    state: started\n- name: (Handler) Start keepalived\n  ansible.builtin.service:\n    name: keepalived\n    state: started\n',
  });

  it('leaves out what a role sets up only when a switch that is off by default is on', async () => {
    const detection = await detect(compiled, tree(role('false')));
    // One service runs: nginx. The agent, its metrics and keepalived are options.
    expect(detection.answers.processes?.value).toBe('single');
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'Ansible runs one service of its own on the host: nginx; not counted, off unless switched on: web-agent, keepalived, web-metrics',
    );
    expect(detection.answers.init?.evidence.map((e) => e.reason)).toContain(
      'Ansible manages 1 system service(s) through the init system: nginx',
    );
  });

  it('counts them when the switch is on by default, through task files in folders of their own', async () => {
    const detection = await detect(compiled, tree(role('true')));
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'Ansible runs 3 services on the host: nginx, web-agent, web-metrics (set up in 2 files); not counted, off unless switched on: keepalived',
    );
  });

  it("reads a host whose only services besides the base system's are a container engine as the orchestrator's", async () => {
    // Shaped like dogvscat's dci-aws: a role that sets up Docker, chrony and firewalld on the
    // Swarm's nodes, beside the stacks that run on them.
    const detection = await detect(
      compiled,
      tree({
        'dci/roles/engine/tasks/install/post.yml':
          '- name: services\n  ansible.builtin.service:\n    name: "{{ item }}"\n    state: started\n  loop: [docker, chrony, firewalld]\n',
        'stack-web.yml':
          'version: "3.8"\nservices:\n  web:\n    image: nginx\n    deploy:\n      replicas: 2\n',
      }),
    );
    expect(detection.answers.nesting).toBeUndefined();
    expect(detection.answers.login).toBeUndefined();
    expect(detection.answers.configManagement).toBeUndefined();
  });

  it("sets the whole of the code that provisions an orchestrator's hosts aside, with the network they join", async () => {
    // Shaped like mr-karan/homelab: Ansible sets up Docker and Tailscale on the node, and
    // Nomad jobs are the workloads.
    const detection = await detect(
      compiled,
      tree({
        'ansible/ansible.cfg': '[defaults]\ninventory = inventory.yml\n',
        'ansible/playbook.yml': '- hosts: all\n  roles:\n    - bootstrap-node\n',
        'ansible/roles/bootstrap-node/handlers/main.yml':
          '- name: restart docker\n  ansible.builtin.service:\n    name: docker\n    state: restarted\n- name: restart tailscale\n  ansible.builtin.service:\n    name: tailscaled\n    state: restarted\n',
        'jobs/web.nomad':
          'job "web" {\n  group "web" {\n    task "web" {\n      driver = "docker"\n      config {\n        image = "nginx:1"\n      }\n    }\n  }\n}\n',
      }),
    );
    expect(detection.answers.orchestrator?.value).toBe('nomad');
    expect(detection.answers.configManagement).toBeUndefined();
    // Not the hosts' in-place upgrades: the jobs' images are replaced.
    expect(detection.answers.updates?.evidence.map((e) => e.reason)).toEqual([
      'Nomad replaces docker tasks from images to update them',
    ]);
    expect(detection.tooling.find((t) => t.file === 'ansible/playbook.yml')?.role).toBe(
      'the hosts that run its Nomad workloads',
    );
  });

  it('reads an installer without an extension, and its refusal to run in a container as needing a kernel of its own', async () => {
    // Shaped like OpenMediaVault's installScript and wireguard-install.
    const detection = await detect(
      compiled,
      tree({
        install:
          '#!/bin/bash\nif [ -f "/.dockerenv" ]; then\n  echo "Docker detected. It does not work in Docker!"\n  exit 103\nfi\nif grep -q machine-lxc /proc/1/cgroup; then\n  echo "LXC detected."\n  exit 104\nfi\napt-get install -y postfix nginx\n',
      }),
    );
    expect(detection.answers.kernel?.evidence[0]?.reason).toBe(
      'the script refuses to run in a container (it tests for Docker, LXC and exits): it needs a kernel of its own',
    );
    const wireguard = await detect(
      compiled,
      tree({
        'wireguard-install.sh': `#!/bin/bash\nVIRT=$(systemd-detect-virt)\nif [[ \${VIRT} == "openvz" ]]; then\n  echo "OpenVZ is not supported"\n  exit 1\nfi\n`,
      }),
    );
    expect(wireguard.answers.kernel?.evidence[0]?.reason).toBe(
      'the script refuses to run in a container (it tests for OpenVZ and exits): it needs a kernel of its own',
    );
    expect(detection.answers.updates?.value).toBe('in-place');
  });

  it('does not read a script that insists on a container, or a setup file in another language, so', async () => {
    const detection = await detect(
      compiled,
      tree({
        'run.sh':
          '#!/bin/sh\nif [ ! -f /.dockerenv ]; then\n  echo "run me in Docker"\n  exit 1\nfi\nexec app\n',
        'check.sh':
          '#!/bin/bash\nif [[ $(systemd-detect-virt) == "lxc" ]]; then\n  echo "in LXC: skipping the kernel tuning"\nfi\n',
        setup: '#!/usr/bin/env python3\nimport os\nos.system("apt-get install -y nginx")\n',
        // Shaped like getsentry/self-hosted: a choice of engine, not a test of where it runs.
        'install/check-minimum-requirements.sh':
          '#!/bin/bash\nif [[ "$CONTAINER_ENGINE" == "podman" ]]; then\n  echo "FAIL: podman too old"\n  exit 1\nfi\n',
      }),
    );
    expect(detection.answers.kernel).toBeUndefined();
    expect(detection.answers.updates).toBeUndefined();
  });

  it("reads what a system's set-up script makes of it: SSH, unattended upgrades, services at boot", async () => {
    // Shaped like incus-app-container's cloud-install template, run inside each system container.
    const detection = await detect(
      compiled,
      tree({
        'template/ubuntu-cloud-install':
          '#!/usr/bin/env bash\nset -xe\napt-get update\napt-get full-upgrade -y --purge\napt-get install -y curl openssh-server unattended-upgrades\ncat >/etc/systemd/system/app.service <<EOF\n[Service]\nExecStart=/usr/bin/app\nEOF\nsystemctl enable app\nsystemctl enable ssh\n',
      }),
    );
    expect(detection.answers.login?.evidence[0]?.reason).toBe('installs an SSH server');
    expect(detection.answers.updates?.evidence.map((e) => e.reason)).toEqual([
      'installs unattended upgrades: the system patches its own packages in place',
      'upgrades the installed packages in place',
    ]);
    expect(detection.answers.init?.evidence[0]?.reason).toBe(
      'enables services at boot with systemctl (app)',
    );
  });

  it('reads scripts a Vagrantfile loads from beside itself as provisioning its VM', async () => {
    // Shaped like laravel/homestead: the Vagrantfile requires scripts/homestead.rb, which runs
    // the feature scripts in the VM.
    const detection = await detect(
      compiled,
      tree({
        Vagrantfile:
          "require File.expand_path(File.dirname(__FILE__) + '/scripts/homestead.rb')\nVagrant.configure('2') do |config|\n  Homestead.configure(config)\nend\n",
        'scripts/features/chronograf.sh':
          '#!/bin/bash\napt-get install -y chronograf\nsystemctl enable chronograf\n',
      }),
    );
    expect(detection.answers.vmLike?.value).toBe('yes');
    expect(detection.tooling.map((t) => t.file)).not.toContain('Vagrantfile');
  });

  it("reads a Compose file that includes the services' own files as the whole application", async () => {
    // Shaped like aws-containers/retail-store-sample-app: each service keeps a Compose file
    // (with its database) and a chart of its own; src/app puts them together.
    const files: Record<string, string> = {
      'src/app/docker-compose.yml': `include:\n${['ui', 'cart', 'orders'].map((s) => `  - ../${s}/docker-compose.yml\n`).join('')}`,
      'src/app/chart/Chart.yaml': `apiVersion: v2\nname: store\ndependencies:\n${['ui', 'cart', 'orders'].map((s) => `  - name: ${s}-chart\n    repository: file://../../${s}/chart\n`).join('')}`,
    };
    for (const service of ['ui', 'cart', 'orders']) {
      files[`src/${service}/Dockerfile`] =
        'FROM amazonlinux:2023 AS build\nRUN make\nFROM amazonlinux:2023\nCMD ["/app/main"]\n';
      files[`src/${service}/docker-compose.yml`] =
        `services:\n  ${service}:\n    build: .\n  ${service}-db:\n    image: postgres:16\n`;
      files[`src/${service}/chart/Chart.yaml`] =
        `apiVersion: v2\nname: ${service}-chart\ndependencies:\n  - name: postgresql\n    repository: oci://registry-1.docker.io/bitnamicharts\n`;
      files[`src/${service}/chart/values.yaml`] = `image:\n  repository: acme/${service}\n`;
      files[`src/${service}/chart/templates/deployment.yaml`] =
        'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: "{{ .Values.image.repository }}"\n';
    }
    const detection = await detect(compiled, tree(files));
    expect(detection.answers.architecture?.value).toBe('microservices');
    expect(detection.answers.architecture?.evidence.map((e) => e.file)).toEqual([
      'src/app/docker-compose.yml',
      'src/app/chart/Chart.yaml',
    ]);
    expect(detection.answers.layers?.evidence[0]?.reason).toBe(
      '3 Dockerfiles build on the same base (amazonlinux:2023): src/cart/Dockerfile, src/orders/Dockerfile, src/ui/Dockerfile',
    );
  });

  it('reads an installer that sets up Docker to run the project as no install onto the distribution', async () => {
    // Shaped like discourse_docker's install-discourse, and NextDNS's install.sh, whose
    // `podman exec box apt-get install nextdns` installs nextdns, not podman.
    const docker = await detect(
      compiled,
      tree({
        'install-discourse':
          '#!/usr/bin/env bash\ninstall_docker() {\n  curl -fsSL https://get.docker.com | sh\n  systemctl enable docker\n}\napt-get install -y git\ninstall_docker\n',
      }),
    );
    expect(docker.answers.updates).toBeUndefined();
    expect(docker.answers.init).toBeUndefined();
    const podman = await detect(
      compiled,
      tree({
        'install.sh':
          '#!/bin/sh\npodman exec unifi-os apt-get install -y nextdns\napt-get install -y nextdns\n',
      }),
    );
    expect(podman.answers.nesting).toBeUndefined();
    expect(podman.answers.updates?.value).toBe('in-place');
  });

  it('reads a folder named for tests among other words as tooling, not a word that only contains test', async () => {
    // Shaped like linkding: scripts/test-environments/ holds Compose files with Postgres and
    // Authelia to test against; the deployment is one service.
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yml': 'services:\n  linkding:\n    image: sissbruecker/linkding:latest\n',
        'scripts/test-environments/postgres/compose.yml':
          'services:\n  postgres:\n    image: postgres:16\n  linkding:\n    build: ../../..\n',
        'latest-release/docker-compose.yml':
          'services:\n  web:\n    image: acme/web:1\n  db:\n    image: postgres:16\n',
      }),
    );
    expect(detection.tooling.map((t) => [t.file, t.role])).toEqual([
      ['scripts/test-environments/postgres/compose.yml', 'a test'],
    ]);
    // diaspora's docker/develop/ is a development set-up.
    const develop = await detect(
      compiled,
      tree({ 'docker/develop/docker-compose.yml': 'services:\n  app:\n    build: .\n' }),
    );
    expect(develop.tooling.map((t) => t.role)).toEqual(['a development set-up']);
    // amazon-eks-ami's hack/ scripts, and an image named for building the docs.
    const hack = await detect(
      compiled,
      tree({
        'hack/lint.sh': '#!/bin/bash\napt-get install -y nginx postgresql\n',
        'mkdocs.Dockerfile': 'FROM python:3.9\nRUN pip install mkdocs\n',
      }),
    );
    expect(hack.tooling.map((t) => [t.file, t.role])).toEqual([
      ['hack/lint.sh', 'a development script'],
      ['mkdocs.Dockerfile', 'documentation'],
    ]);
  });

  it("leaves out a chart's database dependency whose condition its values leave off", async () => {
    // Shaped like opengist's chart: PostgreSQL and Meilisearch are options, off by default.
    const chart = (enabled: boolean) =>
      tree({
        'helm/app/Chart.yaml':
          'apiVersion: v2\nname: app\ndependencies:\n  - name: postgresql\n    repository: oci://registry-1.docker.io/bitnamicharts\n    condition: postgresql.enabled\n',
        'helm/app/values.yaml': `image:\n  repository: acme/app\npostgresql:\n  enabled: ${enabled}\n`,
        'helm/app/templates/deployment.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: "{{ .Values.image.repository }}"\n',
      });
    expect((await detect(compiled, chart(false))).answers.architecture?.value).toBe('monolith');
    expect((await detect(compiled, chart(true))).answers.architecture?.value).toBe('multi-tier');
  });

  it('reads the script a container starts for the services it starts, or the supervisor it hands over to', async () => {
    // Shaped like jeedom's Docker init.sh and Zulip's entrypoint.sh.
    const jeedom = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM debian:12\nCOPY --chmod=550 install/Docker/init.sh /root/\nCMD ["bash", "/root/init.sh"]\n',
        'install/Docker/init.sh':
          '#!/bin/bash\nservice_db(){\n  service mysql $1\n  service mariadb $1\n}\n# service ssh start\nservice atd restart\nservice_db restart\nservice apache2 start\ncron -f\n',
      }),
    );
    // cron, kept in the foreground, is the cron question's answer, not a service counted.
    expect(jeedom.answers.processes?.evidence[0]?.reason).toBe(
      'its start script (install/Docker/init.sh) starts 3 services in the container: mysql, atd, apache2',
    );
    expect(jeedom.answers.processes?.value).toBe('few');
    expect(jeedom.answers.cron?.value).toBe('yes');
    const zulip = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM ubuntu:24.04\nCOPY entrypoint.sh /sbin/entrypoint.sh\nENTRYPOINT ["/sbin/entrypoint.sh"]\nCMD ["app:run"]\n',
        'entrypoint.sh':
          '#!/bin/bash\nsetup\nexec supervisord -n -c /etc/supervisor/supervisord.conf\n',
      }),
    );
    expect(zulip.answers.processes?.evidence.map((e) => e.reason)).toEqual([
      'its start script (entrypoint.sh) hands over to a process supervisor, so several services share the container',
    ]);
  });

  it("reads LXC's templates as system containers of several distributions, and a VM image builder as booting its own kernel", async () => {
    // Shaped like lxc/lxc-templates and alpinelinux/alpine-make-vm-image.
    const lxc = await detect(
      compiled,
      tree({
        'templates/lxc-debian.in':
          '#!/bin/bash\ninstall_debian() {\n  debootstrap --variant=minbase "$release" "$rootfs"\n}\n',
        'templates/lxc-alpine.in': '#!/bin/sh\napk add --root "$rootfs" alpine-base\n',
        'config/debian.common.conf.in':
          'lxc.include = @LXCTEMPLATECONFIG@/common.conf\nlxc.arch = x86_64\n',
      }),
    );
    expect(lxc.answers.imageSource?.value).toBe('distro-image');
    expect(lxc.answers.vmLike?.value).toBe('yes');
    expect(lxc.answers.fleet?.evidence[0]?.reason).toBe(
      'images of several distributions: alpine, debian',
    );
    const vm = await detect(
      compiled,
      tree({
        'alpine-make-vm-image':
          '#!/bin/sh\n# needs qemu-img and extlinux\nqemu-img create -f qcow2 "$IMAGE_FILE" 2G\nchroot "$mnt" extlinux --install /boot\n',
        'make-notes': 'qemu-img create and extlinux, without a #! line: not a script\n',
      }),
    );
    expect(vm.answers.kernel?.evidence.map((e) => [e.file, e.reason])).toEqual([
      [
        'alpine-make-vm-image',
        'builds a bootable disk image (qemu-img, extlinux): it boots a kernel of its own',
      ],
    ]);
  });

  it("reads an Incus profile's nesting and cloud-init, and an image of only the website as tooling", async () => {
    // Shaped like ublue-os/blincus.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM node:lts AS build\nCOPY site .\nRUN npm run build\nFROM httpd:2.4\nCOPY --from=build /app/dist /usr/local/apache2/htdocs/\n',
        'profiles/container.yaml':
          'config:\n  security.nesting: "true"\ndescription: Container profile\n',
        'cloud-init/debian.yaml':
          'config:\n  user.user-data: |-\n    #cloud-config\n    package_upgrade: true\n    users:\n      - name: dev\n        ssh_authorized_keys:\n          - KEY\ndevices: {}\n',
      }),
    );
    expect(detection.answers.nesting?.value).toBe('yes');
    expect(detection.answers.login?.evidence[0]?.reason).toBe(
      "cloud-init gives the instances' users SSH keys",
    );
    expect(detection.answers.updates?.value).toBe('in-place');
    expect(detection.answers.imageSource).toBeUndefined();
    expect(detection.tooling.find((t) => t.file === 'Dockerfile')?.role).toBe(
      'a documentation site (it copies in only site)',
    );
  });

  it("reads a DaemonSet beside an application's other workloads as the nodes' agent, and metrics-server as monitoring", async () => {
    // Shaped like zalando-incubator/es-operator's manifests.
    const workload = (kind: string, name: string, image: string) =>
      `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - image: ${image}\n`;
    const detection = await detect(
      compiled,
      tree({
        'manifests/es-operator.yaml': [
          workload(
            'Deployment',
            'es-operator',
            'registry.opensource.zalan.do/poirot/es-operator:latest',
          ),
          workload(
            'Deployment',
            'metrics-server',
            'registry.k8s.io/metrics-server/metrics-server:v0.7.0',
          ),
          workload('DaemonSet', 'sysctl', 'busybox:1.36'),
        ].join('---\n'),
      }),
    );
    expect(detection.answers.architecture?.evidence[0]?.reason).toBe(
      'one deployable (beside it, monitoring: metrics-server)',
    );
  });

  it("reads a Packer image beside an orchestrator's workloads as the machine they run on, and alone as the deployment", async () => {
    // Shaped like assareh/home-lab and kencx/homelab: ESXi or Proxmox images under Nomad jobs.
    const packer =
      'source "vsphere-iso" "castle" {\n  iso_url = "ubuntu-24.04.iso"\n}\nbuild {\n  sources = ["source.vsphere-iso.castle"]\n}\n';
    const job =
      'job "web" {\n  group "web" {\n    task "web" {\n      driver = "docker"\n    }\n  }\n}\n';
    const homelab = await detect(
      compiled,
      tree({ 'esxi/packer/castle/castle.pkr.hcl': packer, 'nomad-jobs/jobs/web.nomad': job }),
    );
    expect(homelab.answers.kernel).toBeUndefined();
    expect(homelab.answers.vmLike).toBeUndefined();
    expect(homelab.tooling.find((t) => t.file === 'esxi/packer/castle/castle.pkr.hcl')?.role).toBe(
      'the hosts that run its Nomad workloads',
    );
    const alone = await detect(compiled, tree({ 'castle.pkr.hcl': packer }));
    expect(alone.answers.vmLike?.value).toBe('yes');
  });

  it("expands an install line's brace lists and reads a crontab the script writes", async () => {
    // Shaped like pterodactyl-installer's panel.sh.
    const detection = await detect(
      compiled,
      tree({
        'installers/panel.sh':
          '#!/bin/bash\ninstall_packages() {\n  apt-get install -y $1\n}\ninstall_packages "php8.3 php8.3-{cli,common,fpm,curl} mariadb-server nginx redis-server"\ncrontab -l | { cat; echo "* * * * * php artisan schedule:run"; } | crontab -\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'shell scripts install or enable 4 daemons to run side by side: php-fpm, mysql, nginx, redis',
    );
    expect(detection.answers.cron?.evidence[0]?.reason).toBe(
      'writes a crontab: jobs run on a schedule beside it',
    );
  });

  it("reads a playbook's imported task files, the Compose stacks it brings up and their Jinja templates", async () => {
    // Shaped like geerlingguy/internet-pi: Ansible sets up Docker on the Pi, then templates
    // Compose files and brings them up.
    const detection = await detect(
      compiled,
      tree({
        'main.yml':
          '- hosts: internet_pi\n  tasks:\n    - ansible.builtin.import_tasks: tasks/docker.yml\n    - ansible.builtin.import_tasks: tasks/pi-hole.yml\n',
        'tasks/docker.yml':
          '- name: Docker\n  ansible.builtin.service:\n    name: docker\n    state: started\n',
        'tasks/pi-hole.yml':
          '- name: Template\n  ansible.builtin.template:\n    src: templates/pi-hole-docker-compose.yml.j2\n    dest: ~/pi-hole/docker-compose.yml\n- name: Up\n  community.docker.docker_compose_v2:\n    project_src: ~/pi-hole/\n',
        'templates/pi-hole-docker-compose.yml.j2':
          '# {{ ansible_managed }}\nservices:\n{% if pihole_exporter %}\n  exporter:\n    image: ekofr/pihole-exporter:latest\n{% endif %}\n  pihole:\n    image: pihole/pihole:{{ pihole_version }}\n',
      }),
    );
    expect(detection.answers.orchestrator?.value).toBe('compose');
    expect(detection.answers.orchestrator?.evidence.map((e) => e.reason)).toEqual([
      'Compose runs 2 service(s): exporter, pihole',
      'Ansible brings up Compose projects (community.docker.docker_compose_v2)',
    ]);
    expect(detection.answers.updates?.value).toBe('replace');
    expect(detection.tooling.find((t) => t.file === 'tasks/docker.yml')?.role).toBe(
      'the hosts that run its Compose workloads',
    );
  });

  it('reads the programs a start script leaves in the background, and the one it ends in', async () => {
    // Shaped like tubearchivist's run.sh, copied into the working directory and started there.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM python:3.11\nWORKDIR /app\nCOPY ./docker_assets/run.sh /app\nCMD ["/bin/tini", "--", "./run.sh"]\n',
        'docker_assets/run.sh':
          '#!/bin/bash\nstop() {\n  timeout 60 service web stop &\n}\npython manage.py migrate\nnginx &\ncelery -A task worker \\\n    --loglevel=info &\ntail -f /var/log/app.log &\npython backend_start.py\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'its start script (docker_assets/run.sh) starts 3 services in the container: nginx, celery, backend_start',
    );
  });

  it("reads uWSGI's attached daemons as programs beside the application, not those behind an if-env", async () => {
    // Shaped like healthchecks' docker/uwsgi.ini.
    const detection = await detect(
      compiled,
      tree({
        'docker/uwsgi.ini':
          '[uwsgi]\nmodule = hc.wsgi:application\nattach-daemon = ./manage.py sendalerts --skip-checks\nattach-daemon = ./manage.py sendreports --loop\n\nif-env = SMTPD_PORT\nattach-daemon = ./manage.py smtpd --port %(_)\nendif =\n',
        'setup.ini': '[metadata]\nname = other\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'uWSGI runs 3 services: uwsgi, sendalerts, sendreports',
    );
  });

  it('reads a service named reverse_proxy as the edge tier, and the Swarm visualizer as monitoring', async () => {
    // Shaped like dockersamples/atsea-sample-shop-app.
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yml':
          'services:\n  reverse_proxy:\n    build: ./reverse_proxy\n  database:\n    build: ./database\n  appserver:\n    build: ./app\n  visualizer:\n    image: dockersamples/visualizer:stable\n  payment_gateway:\n    build: ./payment_gateway\n',
      }),
    );
    expect(detection.answers.architecture?.value).toBe('multi-tier');
  });

  it('reads images built on an image built here as layers, and a builder Dockerfile as a build environment', async () => {
    // Shaped like nestybox/dockerfiles and atsea's windows/docker/*/Dockerfile.builder.
    const detection = await detect(
      compiled,
      tree({
        'almalinux-8-systemd/Dockerfile': 'FROM almalinux:8\nRUN dnf install -y systemd\n',
        'almalinux-8-systemd-docker/Dockerfile':
          'FROM nestybox/almalinux-8-systemd:latest\nRUN dnf install -y docker-ce\n',
        'ubuntu-jammy-systemd/Dockerfile': 'FROM ubuntu:jammy\nRUN apt-get install -y systemd\n',
        'alpine/Dockerfile': 'FROM alpine:3.20\n',
        // The official alpine image, not the one alpine/ builds.
        'alpine-tools/Dockerfile': 'FROM alpine:3.20\nRUN apk add curl\n',
        'windows/docker/api/Dockerfile.builder': 'FROM mcr.microsoft.com/windows/servercore\n',
      }),
    );
    expect(detection.answers.layers?.evidence[0]?.reason).toBe(
      '1 Dockerfile(s) build on images built here: almalinux-8-systemd-docker/Dockerfile',
    );
    expect(detection.tooling.find((t) => t.file.endsWith('Dockerfile.builder'))?.role).toBe(
      'a build environment',
    );
  });
});

describe('layouts found on the thirty-third set', () => {
  it('counts the services install scripts enable with systemctl, without options, timers or one-shot units', async () => {
    // Shaped like swizzin: one script an application, each enabling its service.
    const detection = await detect(
      compiled,
      tree({
        'setup.sh': '#!/bin/bash\napt-get install -y nginx\n',
        'scripts/install/sonarr.sh':
          '#!/bin/bash\nsystemctl enable -q --now sonarr 2>&1 | tee -a $log\n',
        'scripts/install/rtorrent.sh': `#!/bin/bash\nsystemctl enable -q --now rtorrent@\${user} 2>> $log\n`,
        'scripts/install/prowlarr.sh':
          '#!/bin/bash\napp_servicefile="$app_name.service"\nsystemctl enable --now -q "$app_servicefile"\n',
        'scripts/install/backup.sh': '#!/bin/bash\nsystemctl enable --now backup.timer\n',
        'scripts/install/nic.sh':
          '#!/bin/bash\ncat > /lib/systemd/system/dummy-nic.service << HERE\n[Service]\nExecStart=/sbin/ip addr add 10.7.7.1 dev lo\nHERE\nsystemctl enable dummy-nic\n',
        'scripts/install/db.sh':
          '#!/bin/bash\napt-get install -y mariadb-server\nsystemctl enable mariadb\n',
      }),
    );
    expect(detection.answers.processes?.value).toBe('many');
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'shell scripts install or enable 4 daemons to run side by side: nginx, mysql, rtorrent, sonarr (in 4 scripts)',
    );
    expect(detection.answers.init?.evidence.map((e) => e.reason)).toContain(
      'enables services at boot with systemctl (mariadb)',
    );
  });

  it('sets aside scripts that provision the hosts of Nomad jobs', async () => {
    // Shaped like a homelab's Packer provisioners beside its Nomad jobs.
    const detection = await detect(
      compiled,
      tree({
        'packer/node/scripts/provision.sh':
          '#!/bin/bash\napt-get install -y unbound\nsystemctl enable consul nomad node_exporter\n',
        'jobs/web.nomad':
          'job "web" {\n  group "web" {\n    task "web" {\n      driver = "docker"\n      config {\n        image = "nginx:1"\n      }\n    }\n  }\n}\n',
      }),
    );
    expect(detection.answers.processes?.value).toBe('single');
    expect(detection.tooling.find((t) => t.file === 'packer/node/scripts/provision.sh')?.role).toBe(
      'the hosts that run its Nomad workloads',
    );
  });

  it('counts services started by path, by service(8) and OpenRC, not those a message names', async () => {
    // Shaped like DetectionLab's logger_bootstrap.sh and fhs-install-v2ray.
    const detection = await detect(
      compiled,
      tree({
        'Vagrant/logger_bootstrap.sh':
          '#!/bin/bash\napt-fast install -y mysql-server redis-server\n/bin/systemctl enable fleet.service\nservice suricata start\nrc-update add zeek default\n',
        'install-release.sh':
          "#!/bin/bash\necho 'Please execute the command: systemctl enable v2ray; systemctl start v2ray'\n",
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'shell scripts install or enable 5 daemons to run side by side: mysql, redis, fleet, suricata, zeek',
    );
  });

  it('reads Flux HelmReleases as workloads Kubernetes runs', async () => {
    // Shaped like a GitOps homelab (billimek/k8s-gitops): only releases of charts kept elsewhere.
    const release = (name: string) =>
      `---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\nspec:\n  chartRef:\n    kind: OCIRepository\n    name: ${name}\n`;
    const detection = await detect(
      compiled,
      tree({
        'kubernetes/default/forgejo/forgejo.yaml': release('forgejo'),
        'kubernetes/default/plex/plex.yaml': release('plex'),
      }),
    );
    expect(detection.answers.orchestrator?.value).toBe('kubernetes');
    expect(detection.answers.orchestrator?.evidence.map((e) => e.reason)).toContain(
      '1 Kubernetes workload(s) in kubernetes/default/forgejo/: forgejo (a Flux HelmRelease)',
    );
    expect(detection.answers.updates?.value).toBe('replace');
  });

  it('reads services side by side in folders of their own under one folder as one application', async () => {
    // Shaped like pi-cluster's kubernetes/apps/e-commerce/*-service/base/, its images kept under
    // a registry path with otel in its name (no monitoring for that).
    const service = (name: string) => ({
      [`kubernetes/apps/shop/${name}-service/base/deployment.yaml`]: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}-service\nspec:\n  template:\n    spec:\n      containers:\n        - image: ghcr.io/acme/spring-otel-k8s/${name}-service:1\n`,
      [`kubernetes/apps/shop/${name}-service/base/kustomization.yaml`]:
        'resources:\n  - deployment.yaml\n',
    });
    const detection = await detect(
      compiled,
      tree({ ...service('cart'), ...service('order'), ...service('user') }),
    );
    expect(detection.answers.architecture?.value).toBe('microservices');
    expect(detection.answers.architecture?.evidence[0]?.reason).toMatch(
      /^3 services of its own \(cart-service, order-service, user-service\) talking to each other, each with manifests of its own/,
    );
  });

  it("leaves monitoring's images out of the application's bases", async () => {
    // Shaped like spring-petclinic-microservices' docker/: one template Dockerfile beside
    // Grafana's and Prometheus' with their configuration copied in.
    const detection = await detect(
      compiled,
      tree({
        'docker/Dockerfile': `FROM eclipse-temurin:17\nARG ARTIFACT_NAME\nCOPY \${ARTIFACT_NAME}.jar app.jar\nENTRYPOINT ["java", "-jar", "app.jar"]\n`,
        'docker/grafana/Dockerfile': 'FROM grafana/grafana:5.2.4\nCOPY dashboards /dashboards\n',
        'docker/prometheus/Dockerfile':
          'FROM prom/prometheus:v2.4.2\nCOPY prometheus.yml /etc/prometheus/\n',
      }),
    );
    expect(detection.answers.layers).toBeUndefined();
  });

  it('reads a Compose file that reuses nested anchors for many services, and no alias bomb', async () => {
    // Shaped like getsentry/self-hosted: defaults merged into defaults, for 150 services.
    const services = Array.from(
      { length: 150 },
      (_, i) => `  worker-${i}:\n    <<: *sentry_defaults\n    command: run consumer-${i}\n`,
    ).join('');
    const dependencies = ['redis', 'postgres', 'kafka', 'clickhouse', 'memcached', 'smtp']
      .map((name) => `    ${name}:\n      <<: *depends_on_healthy\n`)
      .join('');
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yml': `x-depends: &depends_on_healthy\n  condition: service_healthy\nx-restart: &restart_policy\n  restart: unless-stopped\nx-healthcheck: &healthcheck_defaults\n  interval: 30s\n  timeout: 60s\nx-sentry-defaults: &sentry_defaults\n  <<: *restart_policy\n  image: sentry-self-hosted-local\n  healthcheck:\n    <<: *healthcheck_defaults\n  depends_on:\n${dependencies}  environment:\n    A: a\n    B: b\n    C: c\n    D: d\n    E: e\n    F: f\nservices:\n${services}  redis:\n    <<: *restart_policy\n    image: valkey/valkey:8\n`,
      }),
    );
    expect(detection.answers.orchestrator?.evidence[0]?.reason).toMatch(
      /^Compose runs 151 service\(s\)/,
    );
    const laughs = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'
        .split('')
        .map((x, i) => `${x}: &${x} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
      'services:\n  web:\n    image: nginx\n    labels: *i',
    ].join('\n');
    const bomb = await detect(compiled, tree({ 'docker-compose.yml': `${laughs}\n` }));
    expect(bomb.answers.orchestrator).toBeUndefined();
  }, 60_000);

  it('reads a repackaged document converter as a tier, not a service of the application', async () => {
    // Shaped like getlago/lago: its API and front with PostgreSQL, Redis and lago-gotenberg.
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yml':
          'services:\n  db:\n    image: postgres:15-alpine\n  redis:\n    image: redis:7-alpine\n  api:\n    image: getlago/api:v1\n  worker:\n    image: getlago/api:v1\n  front:\n    image: getlago/front:v1\n  pdf:\n    image: getlago/lago-gotenberg:7\n',
      }),
    );
    expect(detection.answers.architecture?.evidence[0]?.reason).toBe(
      'api, front with db, redis, pdf, one container per tier',
    );
  });

  it("reads runit's service folders of a runlevel as the programs the image runs", async () => {
    // Shaped like docker-librenms: post_install/etc/runit/runsvdir/default/*/run.
    const run = (name: string) => ({
      [`post_install/etc/runit/runsvdir/default/${name}/run`]: `#!/bin/sh\nexec ${name}\n`,
    });
    const detection = await detect(
      compiled,
      tree({
        Dockerfile: 'FROM phusion/baseimage:jammy\nADD post_install /\nCMD ["/sbin/my_init"]\n',
        'docker-compose.yml':
          'services:\n  librenms:\n    build: .\n  db:\n    image: mariadb:11\n',
        ...run('nginx'),
        ...run('php-fpm'),
        ...run('rrdcached'),
        ...run('snmptrapd'),
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'a supervisor runs 4 services: nginx, php-fpm, rrdcached, snmptrapd',
    );
  });

  it('reads a start script the whole context brings in (COPY . . into the working directory)', async () => {
    // Shaped like ellite/Wallos: startup.sh backgrounds php-fpm, crond and nginx, then waits.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM php:8-fpm-alpine\nWORKDIR /var/www/html\nCOPY . .\nCMD ["/var/www/html/startup.sh"]\n',
        'startup.sh':
          "#!/bin/sh\nphp-fpm -F &\nPHP_FPM_PID=$!\ncrond -f &\nnginx -g 'daemon off;' &\nwait\n",
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'its start script (startup.sh) starts 2 services in the container: php-fpm, nginx',
    );
  });

  it('reads a program backgrounded with its output sent away, or as another user, not a shell kept waiting', async () => {
    // Shaped like zmdockerfiles' entrypoint.sh, which starts MySQL through mysqld_safe.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM debian:12\nCOPY entrypoint.sh /usr/local/bin/\nENTRYPOINT ["/usr/local/bin/entrypoint.sh"]\n',
        'entrypoint.sh':
          '#!/bin/bash\nmysqld_safe --user=mysql > /dev/null 2>&1 &\nphp-fpm &> /var/log/fpm.log &\nsu - zm -c "/usr/bin/zmdc.pl startup" &\n/bin/bash -c "trap : TERM INT; sleep infinity & wait"\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'its start script (entrypoint.sh) starts 3 services in the container: mysql, php-fpm, zmdc.pl',
    );
  });

  it("reads systemd-sysupdate's transfers as an image replaced, over a package built into it", async () => {
    // Shaped like lxc/incus-os: an mkosi image updated A/B, with a Debian package of its own.
    const detection = await detect(
      compiled,
      tree({
        'mkosi.conf': '[Distribution]\nDistribution=debian\n[Output]\nFormat=disk\n',
        'mkosi.extra/usr/lib/sysupdate.d/12-usr.transfer':
          '[Source]\nType=url-file\n[Target]\nType=partition\nPath=auto\n',
        'mkosi.packages/utils/debian/control':
          'Source: utils\n\nPackage: utils\nArchitecture: all\nDepends: systemd\n',
      }),
    );
    // The A/B transfers and the package built into the image weigh about the same: left open,
    // the image's way first.
    expect(leftOpen(detection, 'updates')).toEqual(['replace', 'in-place']);
  });

  it('reads a Compose file with a browser for the tests as a development set-up', async () => {
    // Shaped like rubyforgood/casa: web, its database and selenium, beside a Procfile.
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yml':
          'services:\n  web:\n    build: .\n    command: bin/dev\n  database:\n    image: postgres:12.5\n  selenium_chrome:\n    image: selenium/standalone-chromium:latest\n',
      }),
    );
    expect(detection.answers.architecture).toBeUndefined();
    expect(detection.tooling.find((t) => t.file === 'docker-compose.yml')?.role).toBe(
      'a development set-up (it runs a browser for the tests: selenium/standalone-chromium:latest)',
    );
  });

  it('leaves out what a role sets up only when a setting it leaves empty is given', async () => {
    // Shaped like UnderGreen/ansible-role-mongodb: the MMS agent only with an API key.
    const detection = await detect(
      compiled,
      tree({
        'meta/main.yml': 'galaxy_info:\n  role_name: mongodb\n',
        'defaults/main.yml': 'mongodb_mms_api_key: ""\n',
        'tasks/main.yml':
          '- name: Install the MMS agent\n  include_tasks: mms-agent.yml\n  when: mongodb_mms_api_key | length > 0\n- name: Start mongod\n  service:\n    name: mongod\n    state: started\n- name: Start the exporter\n  service:\n    name: mongodb_exporter\n    state: started\n',
        'tasks/mms-agent.yml':
          '- name: Start the agent\n  service:\n    name: mongodb-mms-monitoring-agent\n    state: started\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'Ansible runs 2 services on the host: mongod, mongodb_exporter; not counted, off unless switched on: mongodb-mms-monitoring-agent',
    );
  });

  it("reads an image built on one a Dockerfile beside it builds, named for that Dockerfile's suffix", async () => {
    // Shaped like BuoyantIO/emojivoto: Dockerfile-base makes buoyantio/emojivoto-svc-base.
    const detection = await detect(
      compiled,
      tree({
        'Dockerfile-base': 'FROM debian:bullseye\nRUN apt-get update\n',
        Dockerfile:
          'FROM buoyantio/emojivoto-svc-base:v12\nARG svc_name\nCOPY $svc_name/target/ /usr/local/bin/\n',
      }),
    );
    expect(detection.answers.layers?.evidence[0]?.reason).toBe(
      '1 Dockerfile(s) build on images built here: Dockerfile',
    );
    // Or tagged for it: louislam/dockge's :base from Base.Dockerfile (found trying dockge).
    const tagged = await detect(
      compiled,
      tree({
        'docker/Base.Dockerfile': 'FROM node:22-bookworm-slim\nRUN apt-get update\n',
        'docker/BuildHealthCheck.Dockerfile': 'FROM golang:1.21.4-bookworm\nRUN go build\n',
        'docker/Dockerfile':
          'FROM louislam/dockge:build-healthcheck AS build_healthcheck\nFROM louislam/dockge:base AS release\nCOPY --from=build_healthcheck /app/healthcheck /app/healthcheck\n',
      }),
    );
    expect(tagged.answers.layers?.value).toBe('yes');
  });

  it('reads a service that runs the image another builds as the same deployable', async () => {
    // Shaped like calcom/docker: studio runs the image the calcom service builds.
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yaml':
          'services:\n  database:\n    image: postgres\n  calcom:\n    image: calcom/cal.com\n    build:\n      context: .\n  calcom-api:\n    build:\n      context: ./calcom\n      dockerfile: apps/api/v2/Dockerfile\n  studio:\n    image: calcom/cal.com\n    command: [npx, prisma, studio]\n',
      }),
    );
    expect(detection.answers.architecture?.evidence[0]?.reason).toBe(
      'calcom, calcom-api with database, one container per tier',
    );
  });

  it("reads the image a chart's workloads take from a named template they include", async () => {
    // Shaped like airflow-helm/charts: every component's template includes "airflow.image".
    const component = (name: string) => ({
      [`charts/airflow/templates/${name}/${name}-deployment.yaml`]: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "airflow.fullname" . }}-${name}\nspec:\n  template:\n    spec:\n      initContainers:\n        {{- include "airflow.container.git_sync" . | indent 8 }}\n      containers:\n        - name: ${name}\n          {{- include "airflow.image" . | indent 10 }}\n`,
    });
    const detection = await detect(
      compiled,
      tree({
        'charts/airflow/Chart.yaml': 'apiVersion: v2\nname: airflow\nversion: 8.0.0\n',
        'charts/airflow/values.yaml':
          'airflow:\n  image:\n    repository: apache/airflow\n    tag: 2.8.4\ndags:\n  gitSync:\n    image:\n      repository: registry.k8s.io/git-sync/git-sync\n',
        'charts/airflow/templates/_helpers/pods.tpl':
          '{{- define "airflow.image" }}\nimage: {{ .Values.airflow.image.repository }}:{{ .Values.airflow.image.tag }}\n{{- end }}\n{{- define "airflow.container.git_sync" }}\n- name: dags-git-sync\n  image: {{ .Values.dags.gitSync.image.repository }}\n{{- end }}\n',
        ...component('scheduler'),
        ...component('webserver'),
        ...component('worker'),
      }),
    );
    expect(detection.answers.architecture?.value).toBe('monolith');
  });

  it("reads the workloads of an install bundle, not its CRDs' schemas", async () => {
    // Shaped like clickhouse-operator's install bundle: CRDs (with `hosts:` among their
    // properties, which is no playbook's) beside the operator's Deployment.
    const crd =
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: clickhouseinstallations.clickhouse.altinity.com\nspec:\n  versions:\n    - schema:\n        openAPIV3Schema:\n          properties:\n            hosts:\n              type: array\n';
    const deployment =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: clickhouse-operator\nspec:\n  template:\n    spec:\n      containers:\n        - image: altinity/clickhouse-operator:0.25\n';
    const detection = await detect(
      compiled,
      tree({
        'deploy/operator/clickhouse-operator-install-bundle.yaml': `---\n${crd}---\n${deployment}`,
        'deploy/operator/parts/crd.yaml': `---\n${crd}---\n${crd}`,
      }),
    );
    expect(detection.answers.orchestrator?.evidence.map((e) => e.reason)).toEqual([
      '1 Kubernetes workload(s) in deploy/operator/: clickhouse-operator',
    ]);
    expect(detection.answers.configManagement).toBeUndefined();
  });

  it('reads a Compose file that mounts the source over the images it builds as a development set-up', async () => {
    // Shaped like wild-workouts-go-ddd-example: each Go service works in the mounted source.
    const service = (name: string) =>
      `  ${name}:\n    build:\n      context: docker/app\n    volumes:\n      - ./internal:/internal\n    working_dir: /internal/${name}\n`;
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yml': `services:\n${service('trainer')}${service('users')}  firestore:\n    build:\n      context: docker/firestore-emulator\n  mysql:\n    image: mysql:8\n`,
        // A deployment's configuration mounted beside the code it runs from its image is no such set-up.
        'deploy/docker-compose.yml':
          'services:\n  app:\n    build: .\n    working_dir: /app\n    volumes:\n      - ./config.yml:/etc/app/config.yml\n',
      }),
    );
    expect(detection.tooling.find((t) => t.file === 'docker-compose.yml')?.role).toBe(
      'a development set-up (it mounts the source over the images it builds: trainer, users)',
    );
    expect(detection.answers.orchestrator?.evidence.map((e) => e.file)).toEqual([
      'deploy/docker-compose.yml',
    ]);
  });

  it("reads an image of Packer's as a build environment", async () => {
    // Shaped like goffinet/packer-kvm: hashicorp/packer with QEMU, to build the images in.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile: 'FROM hashicorp/packer:light\nRUN apk add --update qemu qemu-img\n',
        'almalinux.pkr.hcl':
          'source "qemu" "alma" {\n  iso_url = "x.iso"\n}\nbuild {\n  sources = ["source.qemu.alma"]\n}\n',
      }),
    );
    expect(detection.answers.imageSource?.value).not.toBe('dockerfile');
    expect(detection.tooling.find((t) => t.file === 'Dockerfile')?.role).toBe(
      'a build environment (it installs Packer)',
    );
  });

  it('reads a Compose file with Jinja block tags as a template, whatever its name', async () => {
    // Shaped like Mailu's setup/flavors/compose/docker-compose.yml, rendered by its wizard.
    const service = (name: string) =>
      `  ${name}:\n    image: \${DOCKER_ORG:-ghcr.io/mailu}/${name}:\${MAILU_VERSION:-{{ version }}}\n    env_file: {{ env }}\n`;
    const detection = await detect(
      compiled,
      tree({
        'setup/flavors/compose/docker-compose.yml': `{% set env='mailu.env' %}\nservices:\n  redis:\n    image: redis:alpine\n    {% if resolver_enabled %}\n    depends_on:\n      - resolver\n    {% endif %}\n${service('admin')}${service('dovecot')}${service('postfix')}${service('rspamd')}`,
      }),
    );
    expect(detection.answers.architecture?.evidence[0]?.reason).toBe(
      '4 services of its own (admin, dovecot, postfix, rspamd) talking to each other',
    );
  });

  it('reads a Debian package of kernel modules as needing a kernel of its own', async () => {
    // Shaped like ethercat_igh_dkms: modules built for the running kernel, signed for Secure Boot.
    const detection = await detect(
      compiled,
      tree({
        'debian/control': `Source: ethercat-igh\n\nPackage: ethercat-igh-install\nArchitecture: all\nPre-Depends: mokutil, build-essential\nDepends: \${misc:Depends}\nDescription: EtherCAT IgH Master kernel modules and tools for Linux\n`,
      }),
    );
    expect(detection.answers.kernel?.value).toBe('own');
    // A package that only names the kernel in passing is no such package.
    const tool = await detect(
      compiled,
      tree({
        'debian/control': `Source: earlyoom\n\nPackage: earlyoom\nArchitecture: any\nDepends: \${misc:Depends}\nDescription: kills processes before the kernel OOM killer does\n`,
      }),
    );
    expect(tool.answers.kernel).toBeUndefined();
  });

  it("reads a Compose file whose images are all built from the tests as the tests' set-up", async () => {
    // Shaped like angristan/openvpn-install: the installer tested in a server and a client.
    const detection = await detect(
      compiled,
      tree({
        'openvpn-install.sh':
          '#!/bin/bash\napt-get install -y openvpn iptables\nsystemctl enable openvpn-server@server\n',
        'docker-compose.yml':
          'services:\n  openvpn-server:\n    build:\n      context: .\n      dockerfile: test/Dockerfile.server\n  openvpn-client:\n    build:\n      context: .\n      dockerfile: test/Dockerfile.client\n',
      }),
    );
    expect(detection.answers.orchestrator).toBeUndefined();
    expect(detection.tooling.find((t) => t.file === 'docker-compose.yml')?.role).toBe(
      'a development set-up (its images are built from the tests: test/Dockerfile.server, test/Dockerfile.client)',
    );
    // The server's package and the service it enables are one daemon.
    expect(detection.answers.updates?.value).toBe('in-place');
    expect(detection.answers.processes).toBeUndefined();
  });

  it('compares the bases of the images built (their last stage), not a builder stage they share', async () => {
    // Shaped like presslabs/mysql-operator: one Go builder stage, three unrelated final images.
    const image = (final: string) =>
      `FROM golang:1.16.0 AS builder\nRUN go build ./...\n\nFROM ${final}\nCOPY --from=builder /app /app\n`;
    const detection = await detect(
      compiled,
      tree({
        Dockerfile: image('scratch'),
        'Dockerfile.orchestrator': image('alpine:3.12'),
        'Dockerfile.sidecar': image('debian:buster-slim'),
      }),
    );
    expect(detection.answers.layers?.value).toBe('no');
    // Through the stages a final stage builds on, to the base it shares with others.
    const shared = await detect(
      compiled,
      tree({
        'api/Dockerfile': 'FROM python:3.12-slim AS base\nRUN pip install x\nFROM base\nCOPY . .\n',
        'worker/Dockerfile':
          'FROM node:22 AS assets\nRUN npm ci\nFROM python:3.12-slim\nCOPY --from=assets /a /a\n',
      }),
    );
    expect(shared.answers.layers?.evidence[0]?.reason).toBe(
      '2 Dockerfiles build on the same base (python:3.12-slim): api/Dockerfile, worker/Dockerfile',
    );
  });

  it('reads what the last stage starts, not an earlier stage of another image', async () => {
    // Shaped like mvdan/sh: an alpine stage with its own /init wrapper, then a scratch image.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM golang:1.27-alpine AS build\nRUN go build ./cmd/shfmt\nFROM alpine:3.24 AS alpine\nCOPY ./docker-entrypoint.sh /init\nENTRYPOINT ["/init"]\nFROM scratch\nCOPY --from=build /src/shfmt /bin/shfmt\nENTRYPOINT ["/bin/shfmt"]\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'starts one command as the container process',
    );
  });
});

describe('layouts found on sets forty-nine to fifty-six', () => {
  it("reads an ENTRYPOINT's script and the CMD's, brought in with their folder, to the command before a wait", async () => {
    // Shaped like pingvin-share: create-user.sh hands over to entrypoint.sh, which starts Caddy
    // and the frontend in the background, then the backend, then waits.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM node:22-alpine\nWORKDIR /opt/app\nCOPY ./scripts/docker ./scripts/docker\nENTRYPOINT ["sh", "./scripts/docker/create-user.sh"]\nCMD ["sh", "./scripts/docker/entrypoint.sh"]\n',
        'scripts/docker/create-user.sh':
          '#!/bin/sh\nload_defaults() {\n  cp -n /tmp/a /opt/a\n}\nload_defaults &\nexec su-exec app "$@"\n',
        'scripts/docker/entrypoint.sh':
          '#!/bin/sh\nif [ "$CADDY_DISABLED" != "true" ]; then\n  caddy start --config /opt/app/Caddyfile &\nfi\nPORT=3333 HOSTNAME=0.0.0.0 node frontend/server.js &\ncd backend && npm run prod\nwait -n\n',
      }),
    );
    expect(detection.answers.processes?.value).toBe('few');
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'its start scripts (scripts/docker/create-user.sh, scripts/docker/entrypoint.sh) start 3 services in the container: caddy, frontend/server, npm',
    );
  });

  it('counts daemons a start script runs by name, not a check of their configuration, nor a loop', async () => {
    // Shaped like docker-remote-desktop: xrdp-sesman forks, xrdp keeps the foreground.
    const desktop = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM ubuntu:24.04\nCOPY entrypoint.sh /usr/bin/entrypoint\nENTRYPOINT ["/usr/bin/entrypoint"]\n',
        'entrypoint.sh':
          '#!/usr/bin/env bash\nnginx -t\nmysql -u root -e "select 1"\n/usr/sbin/xrdp-sesman\nif [ -z "$1" ]; then\n  /usr/sbin/xrdp --nodaemon\nelse\n  /usr/sbin/xrdp\n  exec "$@"\nfi\n',
      }),
    );
    expect(desktop.answers.processes?.evidence[0]?.reason).toBe(
      'its start script (entrypoint.sh) starts 2 services in the container: xrdp-sesman, xrdp',
    );
    // Shaped like opentelemetry-demo's load generator: one program restarted in a loop.
    const loop = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM grafana/k6\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n',
        'entrypoint.sh':
          '#!/bin/sh\nwhile true; do\n  k6 run script.js &\n  child=$!\n  if [ "$new" != "$old" ]; then\n    kill "$child"\n    break\n  fi\n  wait "$child"\ndone\n',
      }),
    );
    expect(loop.answers.processes?.evidence[0]?.reason).toBe(
      'starts one command as the container process',
    );
  });

  it('reads a mail relay as a tier, and images told apart by a tag that names the part', async () => {
    // Shaped like loomio-deploy: one image run three times, its mail relay, database and proxy.
    const loomio = await detect(
      compiled,
      tree({
        'docker-compose.yml': `services:\n  nginx-proxy:\n    image: nginxproxy/nginx-proxy:alpine\n  nginx-proxy-acme:\n    image: nginxproxy/acme-companion\n  app:\n    image: \${IMAGE}:\${TAG}\n  worker:\n    image: \${IMAGE}:\${TAG}\n  db:\n    image: postgres:16\n  haraka:\n    image: \${HARAKA_IMAGE}:\${HARAKA_TAG}\n`,
      }),
    );
    expect(loomio.answers.architecture?.evidence[0]?.reason).toBe(
      'app with nginx-proxy, db, haraka, one container per tier',
    );
    // Shaped like grafana/intro-to-mltp: one repository of images, a tag per service.
    const mltp = await detect(
      compiled,
      tree({
        'docker-compose.yml':
          'services:\n  requester:\n    image: ghcr.io/acme/demo:beasts-requester-latest\n  server:\n    image: ghcr.io/acme/demo:beasts-server-latest\n  recorder:\n    image: ghcr.io/acme/demo:beasts-recorder-latest\n  database:\n    image: postgres:14.5-alpine\n',
      }),
    );
    expect(mltp.answers.architecture?.evidence[0]?.reason).toBe(
      '3 services of its own (requester, server, recorder) talking to each other',
    );
  });

  it('reads service folders each with its own database, and a logging stack beside them, as one application', async () => {
    // Shaped like xebialabs/e-commerce-microservice: JHipster's */kubernetes/ folders.
    const deployment = (name: string, image: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - image: ${image}\n`;
    const detection = await detect(
      compiled,
      tree({
        'invoice/kubernetes/invoice-deployment.yml': deployment('invoice', 'acme/invoice:1'),
        'invoice/kubernetes/invoice-mysql.yml': deployment('invoice-mysql', 'mysql:5.7'),
        'store/kubernetes/store-deployment.yml': deployment('store', 'acme/store:1'),
        'store/kubernetes/store-mysql.yml': deployment('store-mysql', 'mysql:5.7'),
        'notification/kubernetes/notification-deployment.yml': deployment(
          'notification',
          'acme/notification:1',
        ),
        'notification/kubernetes/notification-mongodb.yml': deployment(
          'notification-mongodb',
          'mongo:3.6',
        ),
        'console/kubernetes/console.yml': deployment('console', 'jhipster/jhipster-console:3'),
        'console/kubernetes/elasticsearch.yml': deployment(
          'elasticsearch',
          'jhipster/jhipster-elasticsearch:3',
        ),
      }),
    );
    // The logging stack's two tiers weigh more than half as much: left open, services first.
    expect(leftOpen(detection, 'architecture')).toEqual(['microservices', 'multi-tier']);
    expect(detection.open[0]?.candidates[0]?.evidence[0]?.reason).toMatch(
      /^3 services of its own \(invoice, notification, store\) talking to each other, each with manifests of its own/,
    );
  });

  it("reads Ansible that sets up Docker among a server's services, and its roles' units, as the hosts under Compose stacks", async () => {
    // Shaped like brettinternet/homelab: roles for Docker, ZFS and a backup agent; Compose stacks.
    const role = (name: string) =>
      `- name: start ${name}\n  ansible.builtin.systemd:\n    name: ${name}\n    state: started\n    enabled: true\n`;
    const files = {
      'ansible/playbooks/setup.yaml':
        '- hosts: servers\n  roles:\n    - docker\n    - zfs\n    - restic\n',
      'ansible/roles/docker/tasks/main.yaml': role('docker'),
      'ansible/roles/zfs/tasks/main.yaml': role('zfs-zed'),
      'ansible/roles/restic/tasks/main.yaml': role('restic-backup'),
      'ansible/roles/zfs/files/zfs-scrub@.service':
        '[Service]\nType=oneshot\nExecStart=/usr/sbin/zpool scrub %i\n',
      'ansible/roles/zfs/files/zfs-scrub@.timer': '[Timer]\nOnCalendar=monthly\n',
    };
    const stacks = {
      'docker/media/compose.yaml':
        'services:\n  plex:\n    image: plexinc/pms-docker\n  sonarr:\n    image: linuxserver/sonarr\n',
    };
    const detection = await detect(compiled, tree({ ...files, ...stacks }));
    expect(detection.answers.orchestrator?.value).toBe('compose');
    expect(detection.answers.updates?.value).toBe('replace');
    expect(detection.answers.init).toBeUndefined();
    expect(detection.answers.cron).toBeUndefined();
    expect(
      detection.tooling.find((t) => t.file === 'ansible/roles/zfs/files/zfs-scrub@.timer')?.role,
    ).toBe('the hosts that run its Compose workloads');
    // Playbooks that bring the Compose project up themselves (lemmy-ansible) are the deployment.
    const deploying = await detect(
      compiled,
      tree({
        ...files,
        ...stacks,
        'ansible/roles/restic/tasks/main.yaml': `${role('restic-backup')}- name: bring up the stack\n  community.docker.docker_compose_v2:\n    project_src: /srv/media\n`,
      }),
    );
    expect(deploying.answers.configManagement?.value).toBe('ansible');
    expect(deploying.answers.init?.value).toBe('yes');
    // Without Compose stacks of its own, the same playbooks are the deployment.
    const alone = await detect(compiled, tree(files));
    expect(alone.answers.init?.value).toBe('yes');
    expect(alone.answers.nesting?.value).toBe('yes');
  });

  it('reads a Packer source with a bare type, and YAML templates whose Chef runs into the images', async () => {
    // Shaped like multani/packer-qemu-debian: `source qemu "debian"` installing from an ISO.
    const qemu = await detect(
      compiled,
      tree({
        '10.x/packer.pkr.hcl': `source qemu "debian" {\n  iso_url = "\${var.source_iso}"\n}\nbuild {\n  sources = ["source.qemu.debian"]\n}\n`,
      }),
    );
    expect(qemu.answers.kernel?.value).toBe('own');
    expect(qemu.answers.updates?.value).toBe('replace');
    // Shaped like travis-ci/packer-templates: YAML templates provisioned by chef-solo.
    const travis = await detect(
      compiled,
      tree({
        'ci-freebsd.yml':
          'description: CI image\nbuilders:\n- type: googlecompute\n  source_image: freebsd-14-2-release-amd64\nprovisioners:\n- type: chef-solo\n  cookbook_paths:\n  - cookbooks\n',
        'ci-ubuntu.yml':
          'description: CI image\nbuilders:\n- type: googlecompute\n  source_image_family: ubuntu-2204-lts\nprovisioners:\n- type: chef-solo\n',
        'cookbooks/build_env/metadata.rb': "name 'build_env'\n",
        'cookbooks/build_env/recipes/default.rb': "package 'git'\n",
        'cookbooks/build_env/recipes/jdk.rb': "package 'openjdk'\n",
      }),
    );
    expect(travis.answers.updates?.value).toBe('replace');
    expect(travis.answers.fleet?.value).toBe('mixed');
    expect(travis.answers.kernel?.value).toBe('own');
    expect(travis.answers.configManagement?.value).toBe('chef');
    expect(travis.tooling.find((t) => t.file === 'cookbooks/build_env/recipes/jdk.rb')?.role).toBe(
      'Chef as Packer runs it, into each machine image it builds',
    );
  });

  it('leaves out services a playbook stops, and the playbooks of an Ansible operator', async () => {
    // Shaped like DataDog/ansible-datadog: a legacy service stopped, the security agent off.
    const datadog = await detect(
      compiled,
      tree({
        'meta/main.yml': 'galaxy_info:\n  role_name: datadog\n',
        'tasks/main.yml':
          '- name: start the agent\n  ansible.builtin.service:\n    name: datadog-agent\n    state: started\n- name: stop the security agent\n  ansible.builtin.service:\n    name: datadog-agent-security\n    state: stopped\n    enabled: false\n- name: disable the legacy installer\n  ansible.builtin.systemd:\n    name: datadog-installer\n    enabled: false\n',
      }),
    );
    expect(datadog.answers.processes?.value).toBe('single');
    expect(datadog.answers.init?.evidence[0]?.reason).toBe(
      'Ansible manages 1 system service(s) through the init system: datadog-agent',
    );
    // Shaped like kiali-operator: Operator SDK's watches.yaml maps a resource to a playbook.
    const operator = await detect(
      compiled,
      tree({
        'watches.yaml':
          '- version: v1alpha1\n  group: kiali.io\n  kind: Kiali\n  playbook: playbooks/kiali-deploy.yml\n',
        'playbooks/kiali-deploy.yml': '- hosts: localhost\n  roles:\n    - kiali-deploy\n',
        'roles/kiali-deploy/tasks/main.yml':
          "- name: apply\n  kubernetes.core.k8s:\n    definition: \"{{ lookup('template', 'deployment.yaml') }}\"\n",
        'build/Dockerfile': `FROM quay.io/operator-framework/ansible-operator:v1.34\nCOPY roles/ \${HOME}/roles/\n`,
      }),
    );
    expect(operator.answers.configManagement).toBeUndefined();
    expect(operator.tooling.find((t) => t.file === 'playbooks/kiali-deploy.yml')?.role).toBe(
      "the logic of an Ansible operator (watches.yaml): it runs in the operator's image, against Kubernetes' API",
    );
  });

  it("sets aside a Compose file that runs the framework's development mode over the repository", async () => {
    // Shaped like ifme: the Procfile is the deployment; Compose is the developers'.
    const detection = await detect(
      compiled,
      tree({
        Procfile: 'web: bundle exec puma -C config/puma.rb\n',
        Dockerfile: 'FROM ruby:3.3\nWORKDIR /app\nCOPY . .\n',
        'docker-compose.yml':
          'services:\n  app:\n    build:\n      context: .\n    volumes:\n      - .:/app\n    environment:\n      - RAILS_ENV=development\n    depends_on:\n      - db\n  db:\n    image: postgres:14-alpine\n',
      }),
    );
    expect(detection.answers.architecture?.value).toBe('monolith');
    expect(detection.tooling.find((t) => t.file === 'docker-compose.yml')?.role).toBe(
      'a development set-up (it runs RAILS_ENV=development with the repository mounted)',
    );
  });

  it('reads a module built by a Makefile that computes obj-m, and a template of dkms.conf', async () => {
    // Shaped like asus-wmi-sensors: `obj-m := $(patsubst %,%.o,$(DRIVER))`, `dkms.conf.am`.
    const detection = await detect(
      compiled,
      tree({
        Makefile: 'DRIVER := asus-wmi-sensors\nobj-m := $(patsubst %,%.o,$(DRIVER))\n',
        'dkms.conf.am':
          'PACKAGE_NAME="asus-wmi-sensors"\nBUILT_MODULE_NAME[0]="asus-wmi-sensors"\n',
      }),
    );
    expect(detection.answers.kernel?.value).toBe('own');
    expect(detection.answers.updates?.evidence[0]?.reason).toBe(
      'DKMS rebuilds the module on the host at each kernel upgrade',
    );
  });

  it('reads a daemon a start script finds on the path, beside a service it starts', async () => {
    // Shaped like sameersbn/docker-bind: Webmin through its init script, then named.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM ubuntu:jammy\nCOPY entrypoint.sh /sbin/entrypoint.sh\nENTRYPOINT ["/sbin/entrypoint.sh"]\nCMD ["/usr/sbin/named"]\n',
        'entrypoint.sh':
          '#!/bin/bash\nif [ "$WEBMIN_ENABLED" == "true" ]; then\n  /etc/init.d/webmin start\nfi\nexec "$(command -v named)" -u bind -g\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'its start script (entrypoint.sh) starts 2 services in the container: webmin, named',
    );
  });

  it("reads a root filesystem bootstrapped with apk and LXD's metadata as a system container's image", async () => {
    // Shaped like saghul/lxd-alpine-builder's build-alpine.
    const detection = await detect(
      compiled,
      tree({
        'build-alpine':
          '#!/bin/sh\nAPK=$rootfs/sbin/apk.static\n$APK add -U --initdb --root $rootfs alpine-base\ncat <<EOF > metadata.yaml\n{\n    "architecture": "x86_64",\n    "creation_date": $release_epoch\n}\nEOF\n',
      }),
    );
    expect(detection.answers.imageSource?.evidence[0]?.reason).toBe(
      'builds a root filesystem with apk --root',
    );
    expect(detection.answers.vmLike?.value).toBe('yes');
  });

  it('reads an installer at the root by what it does, whatever its name', async () => {
    // Shaped like seafile-server-installer's `seafile-11.0_ubuntu`.
    const detection = await detect(
      compiled,
      tree({
        'seafile-11.0_ubuntu':
          '#!/bin/bash\napt-get install -y nginx mariadb-server memcached openssh-server\nsystemctl enable memcached\nsystemctl start nginx\n',
        'README.md': '# Installer\n',
      }),
    );
    expect(detection.answers.updates?.evidence[0]?.reason).toMatch(/^an installer script/);
    expect(detection.answers.processes?.value).toBe('few');
    expect(detection.answers.login?.value).toBe('yes');
  });

  it("reads an SSH server Arch's pacman installs or a script enables", async () => {
    // Shaped like elasticdog/packer-arch's install-base.sh.
    const installs = await detect(
      compiled,
      tree({
        'scripts/install-base.sh':
          '#!/usr/bin/bash\n/usr/bin/arch-chroot "$TARGET" pacman -S --noconfirm gptfdisk openssh syslinux\n',
      }),
    );
    expect(installs.answers.login?.value).toBe('yes');
    const enables = await detect(
      compiled,
      tree({ 'scripts/config.sh': '#!/usr/bin/bash\n/usr/bin/systemctl enable sshd.service\n' }),
    );
    expect(enables.answers.login?.value).toBe('yes');
  });

  it("reads a chart's image put together from values, and Temporal's images as its own", async () => {
    // Shaped like Mailu's and Temporal's charts.
    const deployment = (name: string, image: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}-${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ${name}\n          image: ${image}\n`;
    const mailu = await detect(
      compiled,
      tree({
        'charts/mailu/Chart.yaml': 'apiVersion: v2\nname: mailu\nversion: 1.0.0\n',
        'charts/mailu/values.yaml':
          'imageRegistry: ghcr.io\nadmin:\n  image:\n    repository: mailu/admin\ndovecot:\n  image:\n    repository: mailu/dovecot\nrspamd:\n  image:\n    repository: mailu/rspamd\n',
        ...Object.fromEntries(
          ['admin', 'dovecot', 'rspamd'].map((n) => [
            `charts/mailu/templates/${n}/deployment.yaml`,
            deployment(
              n,
              `{{ .Values.imageRegistry }}/{{ .Values.${n}.image.repository }}:{{ .Values.${n}.image.tag }}`,
            ),
          ]),
        ),
      }),
    );
    expect(mailu.answers.architecture?.value).toBe('microservices');
    const temporal = await detect(
      compiled,
      tree({
        'charts/temporal/Chart.yaml': 'apiVersion: v2\nname: temporal\nversion: 1.0.0\n',
        'charts/temporal/values.yaml':
          'server:\n  image:\n    repository: temporalio/server\nui:\n  image:\n    repository: temporalio/ui\nadmintools:\n  image:\n    repository: temporalio/admin-tools\n',
        ...Object.fromEntries(
          ['server', 'ui', 'admintools'].map((n) => [
            `charts/temporal/templates/${n}-deployment.yaml`,
            deployment(n, `"{{ .Values.${n}.image.repository }}:{{ .Values.${n}.image.tag }}"`),
          ]),
        ),
      }),
    );
    expect(temporal.answers.architecture?.value).toBe('microservices');
  });

  it('reads the apps pm2 runs from its process file as processes side by side', async () => {
    // Shaped like Peppermint: a lower-case dockerfile whose CMD is pm2-runtime.
    const detection = await detect(
      compiled,
      tree({
        dockerfile:
          'FROM node:22-alpine\nWORKDIR /app\nCOPY ./ecosystem.config.js ./ecosystem.config.js\nCMD ["pm2-runtime", "ecosystem.config.js"]\n',
        'ecosystem.config.js':
          'module.exports = {\n  apps: [\n    {\n      name: "client",\n      script: "node",\n    },\n    {\n      name: "api",\n      script: "node",\n    },\n  ],\n};\n',
        'docker-compose.yml':
          'services:\n  peppermint:\n    image: pepperlabs/peppermint\n  db:\n    image: postgres:16\n',
      }),
    );
    expect(detection.answers.processes?.value).toBe('few');
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'pm2 runs the 2 apps of ecosystem.config.js side by side in the container: client, api',
    );
  });

  it("names a kustomization's workloads with its prefix, so services named alike stay apart", async () => {
    // Shaped like micro-starter-kit's config/base/service/*: each a Deployment named `service`.
    const service = (name: string) => ({
      [`config/base/service/${name}/deployment.yaml`]: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: service\nspec:\n  template:\n    spec:\n      containers:\n        - image: acme/${name}-service:latest\n`,
      [`config/base/service/${name}/kustomization.yaml`]: `namePrefix: ${name}-\nresources:\n  - deployment.yaml\n`,
    });
    const detection = await detect(
      compiled,
      tree({ ...service('emailer'), ...service('greeter'), ...service('account') }),
    );
    expect(detection.answers.architecture?.value).toBe('microservices');
  });

  it("reads a play that applies another author's Docker role as setting up the Docker hosts", async () => {
    // Shaped like dbrennand/home-ops: geerlingguy.docker on the media server, Compose stacks.
    const detection = await detect(
      compiled,
      tree({
        'ansible/playbooks/media-server.yml':
          '- hosts: media01\n  roles:\n    - role: geerlingguy.docker\n  tasks:\n    - name: restart nginx\n      ansible.builtin.systemd:\n        name: nginx\n        state: restarted\n',
        'docker/beszel/docker-compose.yml': 'services:\n  beszel:\n    image: henrygd/beszel\n',
      }),
    );
    expect(detection.answers.updates?.value).toBe('replace');
    expect(detection.answers.configManagement).toBeUndefined();
    expect(
      detection.tooling.find((t) => t.file === 'ansible/playbooks/media-server.yml')?.role,
    ).toBe('the hosts that run its Compose workloads');
  });

  it('sets aside the playbooks a test VM is provisioned with, beside a Packer template', async () => {
    // Shaped like wate/vagrant-boxes: a Packer box, and a Vagrantfile that tries it with a LEMP
    // playbook.
    const detection = await detect(
      compiled,
      tree({
        'debian-13.pkr.hcl':
          'source "virtualbox-iso" "debian" {\n  iso_url = "debian-13.iso"\n}\nbuild {\n  sources = ["source.virtualbox-iso.debian"]\n}\n',
        Vagrantfile:
          'Vagrant.configure("2") do |config|\n  config.vm.box = "debian-13"\n  config.vm.provision "ansible" do |ansible|\n    ansible.playbook = "setup_lemp.yml"\n  end\nend\n',
        'setup_lemp.yml':
          '- hosts: all\n  tasks:\n    - name: start nginx\n      ansible.builtin.service:\n        name: nginx\n        state: started\n',
      }),
    );
    expect(detection.answers.updates?.value).toBe('replace');
    expect(detection.answers.configManagement).toBeUndefined();
    expect(detection.tooling.find((t) => t.file === 'setup_lemp.yml')?.role).toBe(
      'what a development or test VM is provisioned with (the project deploys otherwise)',
    );
    // Shaped like ansible-nas: the test VM runs the main playbook, whose roles deploy the project.
    const nas = await detect(
      compiled,
      tree({
        Vagrantfile:
          'Vagrant.configure("2") do |config|\n  config.vm.provision "ansible" do |ansible|\n    ansible.playbook = "nas.yml"\n  end\nend\n',
        'nas.yml': '- hosts: all\n  roles:\n    - samba\n',
        'roles/samba/tasks/main.yml':
          '- name: start samba\n  ansible.builtin.service:\n    name: smbd\n    state: started\n',
      }),
    );
    expect(nas.answers.configManagement?.value).toBe('ansible');
    expect(nas.tooling.find((t) => t.file === 'nas.yml')).toBeUndefined();
  });

  it('reads supervisor programs that all run one command as workers of one service', async () => {
    // Shaped like docker-mautic: three `bin/console messenger:consume` programs.
    const program = (name: string) =>
      `[program:consume-${name}]\ncommand=php /var/www/html/bin/console messenger:consume ${name}\nautorestart=true\n\n`;
    const detection = await detect(
      compiled,
      tree({
        'common/supervisord.conf': `[supervisord]\nnodaemon=true\n\n${program('email')}${program('hit')}${program('failed')}`,
      }),
    );
    expect(detection.answers.processes?.value).toBe('single');
    // Shaped like pretalx-docker: one program's web server and task worker are two services.
    const pretalx = await detect(
      compiled,
      tree({
        'supervisord.conf':
          '[program:web]\ncommand=/usr/local/bin/pretalx webworker\n\n[program:task]\ncommand=/usr/local/bin/pretalx taskworker\n',
      }),
    );
    expect(pretalx.answers.processes?.value).toBe('few');
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'a supervisor runs 3 workers of one program (php /var/www/html/bin/console messenger:consume): consume-email, consume-hit, consume-failed',
    );
  });

  it("reads one image built for two architectures as one, and a base named by a build argument's default", async () => {
    // Shaped like linuxserver/docker-plex: Dockerfile and Dockerfile.aarch64, their bases one
    // image's two tags.
    const plex = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM ghcr.io/linuxserver/baseimage-ubuntu:resolute\nRUN apt-get install -y plexmediaserver\n',
        'Dockerfile.aarch64':
          'FROM ghcr.io/linuxserver/baseimage-ubuntu:arm64v8-resolute\nRUN apt-get install -y plexmediaserver\n',
      }),
    );
    expect(plex.answers.layers).toBeUndefined();
    // Shaped like outline: `ARG BASE_IMAGE=outlinewiki/outline-base`, then `FROM ${BASE_IMAGE}`
    // (here the image built; the reason names the base of the last stage, not of the first).
    const outline = await detect(
      compiled,
      tree({
        Dockerfile: `ARG BASE_IMAGE=outlinewiki/outline-base\nFROM node:22-slim AS build\nRUN yarn build\nFROM \${BASE_IMAGE}\nCOPY --from=build /opt/outline /opt/outline\nCMD ["yarn", "start"]\n`,
      }),
    );
    expect(outline.answers.imageSource?.evidence[0]?.reason).toBe(
      'builds an image from outlinewiki/outline-base, layer by layer',
    );
  });

  it("reads an image's own s6 scan folder, and leaves out loggers and initialisation steps", async () => {
    // Shaped like mailserver2: rootfs/services/*/run, started by s6-svscan.
    const run = (program: string) => `#!/bin/sh\nexec ${program}\n`;
    const mail = await detect(
      compiled,
      tree({
        'rootfs/services/_parent/run': run('true'),
        'rootfs/services/postfix/run': run('postfix start-fg'),
        'rootfs/services/dovecot/run': run('dovecot -F'),
        'rootfs/services/rspamd/run': run('rspamd -f'),
        'rootfs/services/clamd/run': run('clamd'),
      }),
    );
    expect(mail.answers.processes?.evidence[0]?.reason).toBe(
      'a supervisor runs 4 services: clamd, dovecot, postfix, rspamd',
    );
    // Shaped like linuxserver/docker-openssh-server: one service, its logger, an init step.
    const ssh = await detect(
      compiled,
      tree({
        'root/etc/s6-overlay/s6-rc.d/init-adduser/run': run('/usr/bin/adduser-setup'),
        'root/etc/s6-overlay/s6-rc.d/log-openssh-server/run': run(
          's6-log n30 /config/logs/openssh',
        ),
        'root/etc/s6-overlay/s6-rc.d/log-openssh-server/type': 'longrun\n',
        'root/etc/s6-overlay/s6-rc.d/svc-openssh-server/run': run('/usr/sbin/sshd.pam -D -e'),
        'root/etc/s6-overlay/s6-rc.d/svc-openssh-server/type': 'longrun\n',
      }),
    );
    expect(ssh.answers.processes).toBeUndefined();
  });

  it('counts the program a start script ends in with exec beside the daemons it started', async () => {
    // Shaped like Tandoor's boot.sh: nginx, then `umask 0 && exec gunicorn`.
    const dockerfile =
      'FROM python:3.12-alpine\nWORKDIR /opt/recipes\nCOPY . ./\nENTRYPOINT ["/sbin/tini", "--", "/opt/recipes/boot.sh"]\n';
    const tandoor = await detect(
      compiled,
      tree({
        Dockerfile: dockerfile,
        'boot.sh':
          '#!/bin/sh\necho "Starting nginx"\nnginx -g \'pid /tmp/nginx.pid;\'\numask 0 && exec gunicorn --bind unix:/tmp/app.sock recipes.wsgi\n',
      }),
    );
    expect(tandoor.answers.processes?.evidence[0]?.reason).toBe(
      'its start script (boot.sh) starts 2 services in the container: nginx, gunicorn',
    );
    // A last line that is no exec (a chown) runs nothing beside the daemon.
    const chown = await detect(
      compiled,
      tree({
        Dockerfile: dockerfile,
        'boot.sh': "#!/bin/sh\nnginx -g 'daemon on;'\nchown -R app /data\n",
      }),
    );
    expect(chown.answers.processes?.evidence[0]?.reason).toBe(
      'starts one command as the container process',
    );
  });
});

describe('services configuration management sets up but does not run beside the others', () => {
  it("counts a systemd timer's job as scheduled, and a task under a switch tested `is truthy` as off", async () => {
    // Shaped like kyl191/ansible-role-openvpn: the CRL refresh is a timer, and off by default.
    const role = {
      'meta/main.yml': 'galaxy_info:\n  role_name: openvpn\n',
      'defaults/main.yml': 'openvpn_use_crl: false\n',
      'tasks/main.yml':
        '- name: start openvpn\n  ansible.builtin.service:\n    name: openvpn-server@server\n    state: started\n- name: crl\n  ansible.builtin.include_tasks: crl.yml\n  when: openvpn_use_crl is truthy\n',
      'tasks/crl.yml':
        '- name: refresh the CRL daily\n  ansible.builtin.systemd:\n    name: openvpn-crl-refresh.timer\n    enabled: true\n    state: started\n',
    };
    const off = await detect(compiled, tree(role));
    expect(off.answers.processes?.value).toBe('single');
    expect(off.answers.init?.evidence[0]?.reason).toBe(
      'Ansible manages 1 system service(s) through the init system: openvpn-server@server',
    );
    // Switched on, the timer is still not a daemon beside openvpn, and the timer is a cron job.
    const on = await detect(
      compiled,
      tree({
        ...role,
        'defaults/main.yml': 'openvpn_use_crl: true\n',
        'files/openvpn-crl-refresh.timer': '[Timer]\nOnCalendar=daily\n',
      }),
    );
    expect(on.answers.processes?.value).toBe('single');
    expect(on.answers.cron?.value).toBe('yes');
  });

  it('leaves out a service a Puppet or Chef resource stops', async () => {
    // Shaped like inkblot/puppet-bind: named-chroot runs, the plain named is stopped.
    const puppet = await detect(
      compiled,
      tree({
        'manifests/init.pp':
          "class bind {\n  service { 'bind':\n    ensure => running,\n    name   => 'named-chroot',\n  }\n  service { 'bind-without-chroot':\n    ensure => stopped,\n    enable => false,\n  }\n}\n",
      }),
    );
    expect(puppet.answers.processes).toBeUndefined();
    expect(puppet.answers.init?.evidence[0]?.reason).toBe(
      'Puppet manages 1 system service(s) through the init system: bind',
    );
    const chef = await detect(
      compiled,
      tree({
        'metadata.rb': "name 'mail'\n",
        'recipes/default.rb':
          "service 'postfix' do\n  action [:enable, :start]\nend\nservice 'sendmail' do\n  action [:stop, :disable]\nend\nservice 'dovecot' do\n  action :start\nend\n",
      }),
    );
    expect(chef.answers.processes?.evidence[0]?.reason).toBe(
      'Chef runs 2 services on the host: postfix, dovecot',
    );
  });
});

describe('layouts found on sets seventy-three to seventy-six', () => {
  it('reads Compose files kept in a folder named for Compose, the parts of one application together', async () => {
    // Shaped like spring-boot-microservices-course: a Taskfile runs `docker compose -f
    // infra.yml -f apps.yml`; the images come from buildpacks, so nothing is built here.
    const app = (name: string) =>
      `  ${name}:\n    image: acme/bookstore-${name}\n    depends_on: [catalog-db, broker]\n`;
    const parts = {
      'deployment/docker-compose/apps.yml': `services:\n${['catalog', 'orders', 'notifications', 'gateway'].map(app).join('')}`,
      'deployment/docker-compose/infra.yml':
        'services:\n  catalog-db:\n    image: postgres:17\n  broker:\n    image: rabbitmq:4\n  keycloak:\n    image: quay.io/keycloak/keycloak:26\n',
      'deployment/docker-compose/monitoring.yml':
        'services:\n  prometheus:\n    image: prom/prometheus\n  grafana:\n    image: grafana/grafana\n',
      'deployment/docker-compose/dev.yml': 'services:\n  mailpit:\n    image: axllent/mailpit\n',
    };
    const detection = await detect(compiled, tree(parts));
    expect(detection.answers.orchestrator?.value).toBe('compose');
    expect(detection.answers.architecture?.value).toBe('microservices');
    expect(detection.answers.architecture?.evidence).toEqual([
      {
        file: 'deployment/docker-compose/apps.yml',
        reason:
          '4 services of its own (catalog, orders, notifications, gateway) talking to each other (Compose files kept together: apps.yml, infra.yml, monitoring.yml)',
      },
    ]);
    // A file named for development in that folder is tooling, as docker-compose.dev.yml is.
    expect(
      detection.tooling.find((t) => t.file === 'deployment/docker-compose/dev.yml')?.role,
    ).toBe('a development set-up');
    // Variants that each run the application (java25.yml, native.yml) are not one whole.
    const variants = await detect(
      compiled,
      tree({
        'deploy/compose/jvm.yml':
          'services:\n  web-jvm:\n    image: acme/web-jvm\n  db:\n    image: postgres\n',
        'deploy/compose/native.yml':
          'services:\n  web-native:\n    image: acme/web-native\n  db-native:\n    image: postgres\n',
      }),
    );
    expect(variants.answers.architecture?.evidence.map((e) => e.reason)).toEqual([
      'web-jvm with db, one container per tier',
      'web-native with db-native, one container per tier',
    ]);
  });

  it("reads app-template values as workloads, and a homelab of other projects' apps as no one application", async () => {
    // Shaped like swibrow/home-ops: an Argo CD ApplicationSet renders bjw-s' app-template over
    // each app folder's values.yaml; Ansible provisions hosts outside the cluster.
    const values = (controller: string, repository: string) =>
      `controllers:\n  ${controller}:\n    containers:\n      app:\n        image:\n          repository: ${repository}\n          tag: 1.0.0\n`;
    const homelab = {
      'kubernetes/apps/monitoring/gatus/values.yaml': values('gatus', 'ghcr.io/twin/gatus'),
      'kubernetes/apps/monitoring/gatus/kustomization.yaml': 'resources: []\n',
      'kubernetes/apps/monitoring/ntfy/values.yaml': values('ntfy', 'docker.io/binwiederhier/ntfy'),
      'kubernetes/apps/monitoring/ntfy/kustomization.yaml': 'resources: []\n',
      'kubernetes/apps/monitoring/dozzle/values.yaml': values('dozzle', 'docker.io/amir20/dozzle'),
      'kubernetes/apps/monitoring/dozzle/kustomization.yaml': 'resources: []\n',
      'ansible/ansible.cfg': '[defaults]\ninventory = inventory\n',
      'ansible/playbooks/vps.yml':
        '- hosts: vps\n  tasks:\n    - name: fail2ban\n      ansible.builtin.service:\n        name: fail2ban\n        state: started\n',
    };
    const detection = await detect(compiled, tree(homelab));
    expect(detection.answers.orchestrator?.value).toBe('kubernetes');
    // Three folders of workloads against the playbooks' files: replaced leads, but not by twice.
    expect(leftOpen(detection, 'updates')).toEqual(['replace', 'in-place']);
    expect(detection.answers.architecture?.evidence.map((e) => e.reason)).toEqual([
      'one deployable',
    ]);
    // The same three folders of one publisher's images are one application's services.
    const services = await detect(
      compiled,
      tree({
        'kubernetes/apps/shop/cart/values.yaml': values('cart', 'ghcr.io/acme/cart'),
        'kubernetes/apps/shop/orders/values.yaml': values('orders', 'ghcr.io/acme/orders'),
        'kubernetes/apps/shop/payments/values.yaml': values('payments', 'ghcr.io/acme/payments'),
      }),
    );
    expect(services.answers.architecture?.value).toBe('microservices');
    // A chart's own values are not app-template values: its templates say what it runs.
    const chart = await detect(
      compiled,
      tree({
        'chart/Chart.yaml': 'name: web\nversion: 1.0.0\n',
        'chart/values.yaml': values('web', 'ghcr.io/acme/web'),
      }),
    );
    expect(chart.answers.orchestrator?.evidence.map((e) => e.reason)).toEqual([
      'a Helm chart (web)',
    ]);
  });

  it('sets aside files kept in a folder for retired ones', async () => {
    // Shaped like wlanboy/vagrantkind: its Vagrantfile was retired to oldstuff/.
    const detection = await detect(
      compiled,
      tree({
        'install.sh':
          '#!/bin/bash\napt-get install -y nfs-kernel-server\nsystemctl enable --now nfs-server\n',
        'oldstuff/Vagrantfile':
          'Vagrant.configure("2") do |config|\n  config.vm.box = "ubuntu/jammy64"\nend\n',
      }),
    );
    expect(detection.answers.vmLike).toBeUndefined();
    expect(detection.tooling.find((t) => t.file === 'oldstuff/Vagrantfile')?.role).toBe(
      'retired (kept, no longer used)',
    );
  });

  it("counts a daemon an image's start script starts with its control program, and cron left to fork", async () => {
    // Shaped like MHSanaei/3x-ui: the entrypoint starts fail2ban and crond, then execs the panel.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM alpine:3.20\nCOPY DockerEntrypoint.sh /app/\nCMD ["./x-ui"]\nENTRYPOINT ["/app/DockerEntrypoint.sh"]\n',
        'DockerEntrypoint.sh':
          '#!/bin/sh\nif [ "$ENABLE_FAIL2BAN" = "true" ]; then\n    fail2ban-client -x start\nfi\ncrond\nexec /app/x-ui\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'its start script (DockerEntrypoint.sh) starts 2 services in the container: fail2ban, x-ui',
    );
    expect(detection.answers.cron?.value).toBe('yes');
  });

  it('sets aside a Compose file that runs only a build environment, and reads a templated distrobuilder definition', async () => {
    // Shaped like wsadza/ansible-role-lxc-distrobuilder: Compose runs the image distrobuilder
    // builds in; an Ansible role renders the image definition from a Jinja template.
    const detection = await detect(
      compiled,
      tree({
        'build/Dockerfile':
          'FROM golang:1.22\nRUN apt-get update && apt-get install -y debootstrap ansible\n',
        'build/docker-compose.yml':
          'services:\n  prepare:\n    build: .\n  execute:\n    build:\n      context: .\n    privileged: true\n',
        'ansible/roles/distrobuilder/tasks/main.yml':
          '- name: render the definition\n  ansible.builtin.template:\n    src: debian.yml.j2\n    dest: /build/debian.yml\n',
        'ansible/roles/distrobuilder/templates/debian.yml.j2':
          'image:\n distribution: {{ distribution | default(defaults.distribution) }}\n release: {{ release }}\nsource:\n  downloader: {{ defaults.downloader }}\n  url: {{ defaults.source_url }}\n',
      }),
    );
    expect(detection.answers.orchestrator).toBeUndefined();
    expect(detection.tooling.find((t) => t.file === 'build/docker-compose.yml')?.role).toBe(
      'it runs only images of tooling: a build environment (it installs debootstrap)',
    );
    expect(detection.answers.imageSource?.evidence).toEqual([
      {
        file: 'ansible/roles/distrobuilder/templates/debian.yml.j2',
        reason: 'a distrobuilder image definition (a distribution)',
      },
    ]);
  });

  it('sets aside a Dockerfile its comment calls an example, and reads Kconfig alone as no kernel code', async () => {
    // Shaped like Klipper: host software with firmware configured by Kconfig, installed by
    // per-distribution scripts, and an example Dockerfile.
    const klipper = await detect(
      compiled,
      tree({
        'scripts/Dockerfile':
          "# This is an example Dockerfile showing how it's possible to install Klipper in Docker.\n# Note that the host still needs to run Linux.\nFROM ubuntu:18.04\nRUN apt-get update\n",
        'src/Kconfig': 'config MACH_AVR\n    bool "Atmega AVR"\n',
        'src/Makefile': 'src-y += sched.c command.c\n',
      }),
    );
    expect(klipper.answers.imageSource).toBeUndefined();
    expect(klipper.answers.kernel).toBeUndefined();
    expect(klipper.tooling.find((t) => t.file === 'scripts/Dockerfile')?.role).toBe(
      'an example or test set-up (its comment says "This is an example")',
    );
    // A usage note in a Dockerfile's comments is no such statement.
    const usage = await detect(
      compiled,
      tree({ Dockerfile: '# Example: docker run -p 80:80 acme/web\nFROM nginx:1.27\n' }),
    );
    expect(usage.answers.imageSource?.value).toBe('dockerfile');
    // Shaped like rtl8192eu-linux-driver: kbuild's variable by the driver's option.
    const driver = await detect(
      compiled,
      tree({
        Kconfig: 'config RTL8192EU\n\ttristate "Realtek 8192E USB WiFi"\n',
        Makefile: 'obj-$(CONFIG_RTL8192EU) += 8192eu.o\n',
      }),
    );
    expect(driver.answers.kernel?.evidence).toEqual([
      { file: 'Makefile', reason: 'builds a kernel module with kbuild, the kernel build system' },
    ]);
  });

  it('reads a Procfile runner the start script ends in, with the formation it is given', async () => {
    // Shaped like PasswordPusher: foreman runs the web and the worker unless the worker is off.
    const detection = await detect(
      compiled,
      tree({
        Procfile:
          'web: bin/rails server\nworker: bundle exec rake solid_queue:start\nrelease: bin/rails db:migrate\n',
        'containers/docker/Dockerfile':
          'FROM ruby:3.4-alpine\nCOPY containers/docker/entrypoint.sh /usr/local/bin/docker-entrypoint\nENTRYPOINT ["/usr/local/bin/docker-entrypoint"]\n',
        'containers/docker/entrypoint.sh':
          '#!/bin/sh\nif [ -n "$NO_WORKER" ]; then\n    exec bundle exec foreman start -m web=1\nelse\n    exec bundle exec foreman start -m web=1,worker=1\nfi\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'foreman runs the 2 process types of Procfile side by side in the container: web, worker',
    );
  });

  it("reads autotools' Makefile templates, kbuild handed a module's folder, and RPM specs for DKMS", async () => {
    // Shaped like linuxwacom/input-wacom (Makefile.in) and Cray-HPE/xpmem (Makefile.am, spec).
    const wacom = await detect(
      compiled,
      tree({ '4.18/Makefile.in': 'obj-m += wacom.o\nobj-m += wacom_w8001.o\n' }),
    );
    expect(wacom.answers.kernel?.evidence[0]?.file).toBe('4.18/Makefile.in');
    const makefile = await detect(
      compiled,
      tree({
        'kernel/Makefile.am':
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, not a template
          'MODULE = xpmem.ko\n$(MODULE): ${module_sources}\n\t$(MAKE) -C $(KERNEL_PATH) M=$(abs_builddir) src=$(abs_srcdir)\n',
      }),
    );
    expect(makefile.answers.kernel?.evidence).toEqual([
      {
        file: 'kernel/Makefile.am',
        reason: 'builds a kernel module with kbuild, the kernel build system',
      },
    ]);
    const spec = await detect(
      compiled,
      tree({ 'xpmem-dkms.spec': 'Name: xpmem-dkms\nRequires: dkms\nProvides: kmod(xpmem.ko)\n' }),
    );
    expect(spec.answers.kernel?.evidence).toEqual([
      { file: 'xpmem-dkms.spec', reason: 'packages a kernel module (for DKMS, or as a kmod)' },
    ]);
    // An RPM spec of a daemon is no kernel code.
    const daemon = await detect(
      compiled,
      tree({
        'app.spec': 'Name: app\nRequires: systemd\n%files\n/usr/lib/systemd/system/app.service\n',
      }),
    );
    expect(daemon.answers.kernel).toBeUndefined();
  });

  it("sets aside a Compose file that runs a framework's development server over the source", async () => {
    // Shaped like 18F/tock: Django's runserver over ./tock, with the dev settings.
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yml':
          'services:\n  application:\n    build: .\n    volumes:\n      - ./tock:/tock\n    environment:\n      - DJANGO_SETTINGS_MODULE=tock.settings.dev\n    command: "python manage.py runserver 0.0.0.0:8000"\n  db:\n    image: postgres:12\n',
        Dockerfile: 'FROM python:3.10\nCOPY . /tock\n',
      }),
    );
    expect(detection.answers.orchestrator).toBeUndefined();
    expect(detection.tooling.find((t) => t.file === 'docker-compose.yml')?.role).toBe(
      'a development set-up (it runs DJANGO_SETTINGS_MODULE=tock.settings.dev with the repository mounted)',
    );
  });

  it("reads a Procfile as a platform that runs it, and a lone Vagrantfile beside it as the developers' VM", async () => {
    // Shaped like gothinkster/flask-realworld-example-app: Heroku runs it; Vagrant is for work.
    const detection = await detect(
      compiled,
      tree({
        Procfile: 'web: gunicorn autoapp:app -b 0.0.0.0:$PORT -w 3\n',
        Vagrantfile:
          'Vagrant.configure("2") do |config|\n  config.vm.box = "ubuntu/jammy64"\nend\n',
      }),
    );
    expect(detection.answers.orchestrator?.evidence).toEqual([
      {
        file: 'Procfile',
        reason: 'a Procfile: a platform such as Heroku or Dokku runs its process types',
      },
    ]);
    expect(detection.answers.vmLike).toBeUndefined();
    // A Compose file of the application's own weighs as much: the person who runs it says which.
    const compose = await detect(
      compiled,
      tree({
        Procfile: 'web: bin/rails server\n',
        'docker-compose.yml':
          'services:\n  web:\n    image: acme/web\n  db:\n    image: postgres\n',
      }),
    );
    expect(leftOpen(compose, 'orchestrator')).toEqual(['compose', 'other']);
  });

  it('reads the Compose files of one folder as one way of deploying, and sets experiments aside', async () => {
    // Shaped like coffeeshop-on-nomad: Nomad jobs deploy it; the root Compose file runs the same
    // services locally, and an experiment keeps a Compose file of its own.
    const job = (name: string) =>
      `job "${name}" {\n  group "${name}" {\n    task "${name}" {\n      driver = "docker"\n      config {\n        image = "acme/${name}"\n      }\n    }\n  }\n}\n`;
    const detection = await detect(
      compiled,
      tree({
        'nomad/jobs/counter.nomad.hcl': job('counter'),
        'nomad/jobs/barista.nomad.hcl': job('barista'),
        'nomad/jobs/kitchen.nomad.hcl': job('kitchen'),
        'docker-compose.yml':
          'services:\n  counter:\n    image: acme/counter\n  barista:\n    image: acme/barista\n',
        'docker-compose.o11y.yml': 'services:\n  grafana:\n    image: grafana/grafana\n',
        'experiments/grpc/docker-compose.yaml': 'services:\n  api:\n    build: .\n',
      }),
    );
    // The jobs lead, but the root Compose file runs the same services: left open.
    expect(leftOpen(detection, 'orchestrator')).toEqual(['nomad', 'compose']);
    const compose = detection.open.find((c) => c.question === 'orchestrator')?.candidates;
    expect(compose?.find((c) => c.value === 'compose')?.evidence).toEqual([
      { file: 'docker-compose.o11y.yml', reason: 'Compose runs 2 service(s): counter, barista' },
    ]);
    expect(detection.tooling.find((t) => t.file.startsWith('experiments/'))?.role).toBe(
      'an experiment',
    );
  });

  it('reads Compose files as Swarm stacks when the repository deploys them with docker stack deploy', async () => {
    // Shaped like joe-mccarthy/home-lab: Ansible copies each Compose file and deploys it as a stack.
    const detection = await detect(
      compiled,
      tree({
        'deployments/blog/docker-compose.yaml':
          'services:\n  ghost:\n    image: ghost:5\n  db:\n    image: mysql:8\n',
        'deployments/blog/roles/deploy/tasks/main.yml':
          '- name: deploy the stack\n  ansible.builtin.command:\n    cmd: docker stack deploy -c /home/docker-compose/blog/docker-compose.yaml blog\n',
      }),
    );
    expect(detection.answers.orchestrator?.evidence).toEqual([
      {
        file: 'deployments/blog/docker-compose.yaml',
        reason:
          'a Docker Swarm stack of 2 service(s) (deployments/blog/roles/deploy/tasks/main.yml runs docker stack deploy)',
      },
    ]);
    // A stack file the script generates names none of the repository's Compose files
    // (full-stack-fastapi-template's `docker stack deploy -c docker-stack.yml`).
    const generated = await detect(
      compiled,
      tree({
        'docker-compose.yml':
          'services:\n  backend:\n    build: ./backend\n  db:\n    image: postgres:17\n',
        'scripts/deploy.sh':
          '#!/bin/sh\ndocker compose -f docker-compose.yml config > docker-stack.yml\ndocker stack deploy -c docker-stack.yml app\n',
      }),
    );
    expect(generated.answers.orchestrator?.value).toBe('compose');
    // Without it, the same file is Compose's.
    const compose = await detect(
      compiled,
      tree({
        'docker-compose.yaml': 'services:\n  ghost:\n    image: ghost:5\n',
        '.github/workflows/deploy.yml':
          'jobs:\n  d:\n    steps:\n      - run: docker stack deploy -c docker-compose.yaml x\n',
      }),
    );
    expect(compose.answers.orchestrator?.value).toBe('compose');
  });
});

describe('layouts found on sets ninety-three to one hundred', () => {
  it('reads an Ansible role that installs one daemon as one service, its options off by their defaults', async () => {
    // Shaped like systemli/ansible-role-prosody and ansible-community/ansible-consul: LDAP's
    // saslauthd only when the authentication setting names it; dnsmasq behind a switch that
    // falls back to false when the environment does not set it.
    const detection = await detect(
      compiled,
      tree({
        'meta/main.yml': 'galaxy_info:\n  role_name: chat\n',
        'defaults/main.yml':
          "chat_authentication: internal_hashed\nchat_dns_enable: \"{{ lookup('env', 'CHAT_DNS_ENABLE') | default(false, true) }}\"\n",
        'tasks/main.yml':
          '- name: chat\n  ansible.builtin.include_tasks: chat.yml\n- name: ldap\n  ansible.builtin.include_tasks: ldap.yml\n  when: chat_authentication == "cyrus"\n- name: dns\n  ansible.builtin.include_tasks: dns.yml\n  when: chat_dns_enable | bool\n',
        'tasks/chat.yml':
          '- name: start chat\n  ansible.builtin.service:\n    name: chatd\n    state: started\n',
        'tasks/ldap.yml':
          '- name: configure saslauthd\n  ansible.builtin.template:\n    src: saslauthd.j2\n    dest: /etc/default/saslauthd\n  notify: restart saslauthd\n',
        'tasks/dns.yml':
          '- name: configure dnsmasq\n  ansible.builtin.template:\n    src: dnsmasq.j2\n    dest: /etc/dnsmasq.d/chat\n  notify: restart dnsmasq\n',
        'handlers/main.yml':
          '- name: restart saslauthd\n  ansible.builtin.service:\n    name: saslauthd\n    state: restarted\n- name: restart dnsmasq\n  ansible.builtin.service:\n    name: dnsmasq\n    state: restarted\n',
      }),
    );
    expect(detection.answers.processes?.value).toBe('single');
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'Ansible runs one service of its own on the host: chatd; not counted, off unless switched on: saslauthd, dnsmasq',
    );
    // The setting that names LDAP turns saslauthd on: two services.
    const ldap = await detect(
      compiled,
      tree({
        'meta/main.yml': 'galaxy_info:\n  role_name: chat\n',
        'defaults/main.yml': 'chat_authentication: cyrus\n',
        'tasks/main.yml':
          '- name: chat\n  ansible.builtin.service:\n    name: chatd\n    state: started\n- name: ldap\n  ansible.builtin.service:\n    name: saslauthd\n    state: started\n  when: chat_authentication == "cyrus"\n',
      }),
    );
    expect(ldap.answers.processes?.value).toBe('few');
  });

  it('does not call one service single when it is the container engine, or found by name alone in a cookbook', async () => {
    // Shaped like spantaleev/matrix-docker-ansible-deploy: Docker is the one host service, and
    // the containers it runs are the workload.
    const docker = await detect(
      compiled,
      tree({
        'setup.yml': '- hosts: matrix\n  roles:\n    - docker\n',
        'roles/docker/tasks/main.yml':
          '- name: start docker\n  ansible.builtin.service:\n    name: docker\n    state: started\n',
      }),
    );
    expect(docker.answers.processes).toBeUndefined();
    // A Chef cookbook's one service found by name may be a helper beside the daemon.
    const chef = await detect(
      compiled,
      tree({
        'metadata.rb': "name 'store'\n",
        'recipes/default.rb': "service 'kmip-server' do\n  action [:enable, :start]\nend\n",
      }),
    );
    expect(chef.answers.init?.value).toBe('yes');
    expect(chef.answers.processes).toBeUndefined();
  });

  it('reads the containers a playbook runs from images as services of their own, replaced to update', async () => {
    // Shaped like rishavnandi/ansible_homelab: one playbook installs Docker, then includes a
    // task file per app over a loop, each running a container.
    const app = (name: string) =>
      `- name: Create ${name} container\n  community.docker.docker_container:\n    name: ${name}\n    image: lscr.io/linuxserver/${name}\n    pull: true\n    restart_policy: unless-stopped\n`;
    const files = {
      'ansible.cfg': '[defaults]\ninventory = inventory\n',
      'main.yml':
        '- hosts: all\n  tasks:\n    - name: Install docker\n      ansible.builtin.include_tasks: tasks/docker.yml\n    - name: Deploy apps\n      ansible.builtin.include_tasks: "tasks/{{ item }}.yml"\n      loop:\n        - jellyfin\n        - sonarr\n        - radarr\n    - name: Restart jellyfin\n      community.docker.docker_container:\n        name: jellyfin\n        restart: true\n',
      'tasks/docker.yml':
        '- name: start docker\n  ansible.builtin.service:\n    name: docker\n    state: started\n',
      'tasks/jellyfin.yml': app('jellyfin'),
      'tasks/sonarr.yml': app('sonarr'),
      'tasks/radarr.yml': app('radarr'),
    };
    const detection = await detect(compiled, tree(files));
    expect(detection.answers.processes).toEqual({
      value: 'single',
      evidence: [
        {
          file: 'tasks/jellyfin.yml',
          reason: 'Ansible runs 3 containers, each a service of its own: jellyfin, radarr, sonarr',
        },
      ],
    });
    // Containers replaced from images, and a playbook that changes the host in place.
    expect(leftOpen(detection, 'updates')).toEqual(['replace', 'in-place']);
    expect(detection.answers.configManagement?.value).toBe('ansible');
    // Without the loop the included files are unknown: no container is counted.
    const unlooped = await detect(
      compiled,
      tree({ ...files, 'main.yml': files['main.yml'].replace(/ {6}loop:\n( {8}- \w+\n)+/, '') }),
    );
    expect(unlooped.answers.processes).toBeUndefined();
    expect(unlooped.answers.updates?.value).toBe('in-place');
  });

  it('leaves off a switch the repository sets nowhere but in a test', async () => {
    // Shaped like davestephens/ansible-nas: each app role runs its container only when a switch
    // is on; only the role's Molecule scenario sets it.
    const role = (name: string) => ({
      [`roles/${name}/defaults/main.yml`]: `${name}_data_directory: /srv/${name}\n`,
      [`roles/${name}/tasks/main.yml`]: `- name: Start ${name}\n  block:\n    - name: ${name} container\n      community.docker.docker_container:\n        name: ${name}\n        image: example/${name}\n  when: ${name}_enabled is true\n`,
      [`roles/${name}/molecule/default/molecule.yml`]: `provisioner:\n  inventory:\n    group_vars:\n      all:\n        ${name}_enabled: true\n`,
    });
    const files = {
      'nas.yml': '- hosts: all\n  roles:\n    - role: gitea\n    - role: grafana\n',
      ...role('gitea'),
      ...role('grafana'),
    };
    expect((await detect(compiled, tree(files))).answers.processes).toBeUndefined();
    // Set in the inventory's group variables, the switch is on.
    const on = await detect(
      compiled,
      tree({ ...files, 'group_vars/all.yml': 'gitea_enabled: true\ngrafana_enabled: true\n' }),
    );
    expect(on.answers.processes?.evidence[0]?.reason).toBe(
      'Ansible runs 2 containers, each a service of its own: gitea, grafana',
    );
  });

  it('sets aside a Compose file that opens a shell over the mounted source, and an app deployed to try the platform', async () => {
    // Shaped like sqlfluff/sqlfluff: the development container is a bash prompt beside Postgres.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile: 'FROM python:3.12-slim\nRUN pip install lintkit\nENTRYPOINT ["lintkit"]\n',
        'docker/development/Dockerfile': 'FROM python:3.12\nRUN pip install tox\n',
        'docker-compose.yml':
          'services:\n  development:\n    build:\n      context: .\n      dockerfile: ./docker/development/Dockerfile\n    volumes:\n      - .:/app\n    stdin_open: true\n    tty: true\n    depends_on:\n      - postgres\n    entrypoint: /bin/bash\n  postgres:\n    image: postgres:14\n',
        // Shaped like luminosita/packer-ubuntu's tf/modules/testapp/.
        'tf/modules/testapp/resources/deployment.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: whoami\nspec:\n  template:\n    spec:\n      containers:\n        - name: whoami\n          image: traefik/whoami\n',
      }),
    );
    expect(detection.answers.architecture).toBeUndefined();
    expect(detection.answers.orchestrator).toBeUndefined();
    expect(detection.tooling.find((t) => t.file === 'docker-compose.yml')?.role).toBe(
      'a development set-up (it runs a shell with the repository mounted)',
    );
    expect(
      detection.tooling.find((t) => t.file === 'tf/modules/testapp/resources/deployment.yaml')
        ?.role,
    ).toBe('a test');
  });

  it('reads a script that installs a kernel and boots into it as needing a kernel of its own', async () => {
    // Shaped like teddysun/across's bbr.sh and oneclickvirt/pve's installer.
    const bbr = await detect(
      compiled,
      tree({
        'bbr.sh':
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, not a template
          '#!/bin/bash\n# install a mainline kernel for BBR\ndeb_kernel_name="linux-image-${kernel}-amd64.deb"\ndpkg -i ${deb_kernel_name}\nupdate-grub\n',
      }),
    );
    expect(bbr.answers.kernel?.evidence[0]?.reason).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, not a template
      'the script installs a kernel and boots into it (linux-image-${kernel}-amd64.deb): a container cannot',
    );
    const pve = await detect(
      compiled,
      tree({
        'install_pve.sh':
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, not a template
          '#!/bin/bash\npackages=(proxmox-ve pve-manager qemu-server)\napt-get install -y "${packages[@]}"\n',
      }),
    );
    expect(pve.answers.kernel?.value).toBe('own');
    // A kernel named in a message, or its headers removed, is not one installed.
    const message = await detect(
      compiled,
      tree({
        'installer.sh':
          '#!/bin/bash\necho "  - Same issues apply to kernel-lt variants"\nyum remove -y kernel-ml-headers kernel-lt-devel\ngrubby --update-kernel ALL --args selinux=0\n',
      }),
    );
    expect(message.answers.kernel).toBeUndefined();
  });

  it("sets aside a Compose file that runs a developer's tests and linters over the source", async () => {
    // Shaped like rubyforgood/abalone: the app's services share an anchor that mounts the
    // repository, and some run rspec, rubocop and a console; a Procfile is the deployment.
    const detection = await detect(
      compiled,
      tree({
        Procfile: 'web: bin/rails server -p $PORT\nworker: bundle exec rake jobs:work\n',
        Dockerfile: 'FROM ruby:3.3-alpine\nCOPY . /app\nCMD ["bin/rails", "server"]\n',
        'docker-compose.yml':
          'services:\n  db:\n    image: postgres\n  app: &app\n    build: .\n    volumes:\n      - .:/myapp\n  web:\n    <<: *app\n    ports:\n      - "3000:3000"\n  rspec:\n    <<: *app\n    command: bundle exec rspec\n  rubocop:\n    <<: *app\n    command: bundle exec rubocop -a\n',
      }),
    );
    expect(detection.answers.orchestrator?.value).toBe('other');
    expect(detection.answers.architecture).toBeUndefined();
    expect(detection.tooling.find((t) => t.file === 'docker-compose.yml')?.role).toBe(
      'a development set-up (it runs rspec, rubocop with the repository mounted)',
    );
  });

  it('does not count a mount unit a hardening role enables as a service', async () => {
    // Found trying ansible-lockdown/UBUNTU22-CIS: tmp.mount is a systemd unit, not a daemon.
    const detection = await detect(
      compiled,
      tree({
        'meta/main.yml': 'galaxy_info:\n  role_name: cis\n',
        'tasks/main.yml':
          '- name: tmp\n  ansible.builtin.systemd:\n    name: tmp.mount\n    enabled: true\n    state: started\n- name: mail\n  ansible.builtin.service:\n    name: postfix\n    state: started\n',
      }),
    );
    expect(detection.answers.init?.evidence[0]?.reason).toBe(
      'Ansible manages 2 system service(s) through the init system: tmp.mount, postfix',
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'Ansible runs one service of its own on the host: postfix',
    );
  });

  it("counts side by side only the services one of a Puppet module's classes sets up", async () => {
    // Shaped like voxpupuli/puppet-mongodb: the server and the shard router are classes of
    // their own, applied to hosts of their own.
    const module = {
      'manifests/server/service.pp':
        "class mongodb::server::service {\n  service { 'mongod':\n    ensure => running,\n  }\n}\n",
      'manifests/mongos/service.pp':
        "class mongodb::mongos::service {\n  service { 'mongos':\n    ensure => running,\n  }\n}\n",
    };
    const split = await detect(compiled, tree(module));
    expect(split.answers.init?.value).toBe('yes');
    expect(split.answers.processes).toBeUndefined();
    // A service of the main class runs wherever the module is applied: all count together.
    const main = await detect(
      compiled,
      tree({
        ...module,
        'manifests/init.pp':
          "class mongodb {\n  service { 'mongodb-exporter':\n    ensure => running,\n  }\n}\n",
      }),
    );
    expect(main.answers.processes?.value).toBe('few');
  });
});

describe('layouts found on sets one hundred and nine to one hundred and sixteen', () => {
  it("counts a daemon a start script goes on past, in a relative WORKDIR's copy", async () => {
    // Shaped like pinry: `WORKDIR pinry` (under /), `COPY . .`, and a start script that runs
    // nginx (which forks) and then the app server.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile: 'FROM python:3.12-slim\nWORKDIR app\nCOPY . .\nCMD ["/app/docker/start.sh"]\n',
        'docker/start.sh':
          '#!/bin/bash\npython manage.py migrate --noinput\n/usr/sbin/nginx\ncd /app\n./docker/_start_gunicorn.sh\n',
      }),
    );
    expect(detection.answers.processes?.value).toBe('few');
    // The same daemon as the script's last command keeps the foreground: one service.
    const alone = await detect(
      compiled,
      tree({
        Dockerfile: 'FROM nginx:1.27\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n',
        'start.sh':
          '#!/bin/sh\nenvsubst < /t > /etc/nginx/conf.d/default.conf\nexec nginx -g "daemon off;"\n',
      }),
    );
    expect(alone.answers.processes?.value).toBe('single');
  });

  it('reads two workloads of one kind and name in one folder as alternatives', async () => {
    // Shaped like robusta-dev/kubewatch: the same pod from two images, in two files.
    const pod = (image: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: watcher\n  namespace: default\nspec:\n  containers:\n  - name: watcher\n    image: ${image}\n`;
    const detection = await detect(
      compiled,
      tree({
        'watcher.yaml': pod('acme/watcher:1'),
        'watcher-in-cluster.yaml': pod('other/watcher:0.1'),
      }),
    );
    expect(detection.answers.architecture?.value).toBe('monolith');
    // Two of other names are two deployables.
    const two = await detect(
      compiled,
      tree({
        'watcher.yaml': pod('acme/watcher:1'),
        'notifier.yaml': pod('acme/notifier:1').replaceAll('watcher', 'notifier'),
      }),
    );
    expect(two.answers.architecture?.value).toBe('multi-tier');
  });

  it('reads a Capistrano deploy to named servers as updated in place', async () => {
    // Shaped like rubyforgood/playtime: a Procfile for review apps, production by Capistrano.
    const app = {
      Procfile: 'web: bundle exec puma -C config/puma.rb\n',
      Capfile:
        "require 'capistrano/setup'\nrequire 'capistrano/deploy'\nrequire 'capistrano/puma'\ninstall_plugin Capistrano::Puma\ninstall_plugin Capistrano::Puma::Nginx\n",
      'config/deploy.rb': "set :application, 'shop'\n",
    };
    const deployed = await detect(
      compiled,
      tree({
        ...app,
        'config/deploy/production.rb':
          "server '203.0.113.7', roles: %w[web app db], primary: true\n",
      }),
    );
    // Capistrano's servers updated in place, against the Procfile's platform: left open.
    expect(leftOpen(deployed, 'updates')).toEqual(['in-place', 'replace']);
    expect(deployed.answers.processes?.value).toBe('few');
    // The stage files `cap install` writes hold only comments: no servers, nothing said.
    const template = await detect(
      compiled,
      tree({
        ...app,
        'config/deploy/production.rb':
          "# server 'example.com', user: 'deploy', roles: %w{app db web}\n",
      }),
    );
    expect(template.answers.updates?.value).toBe('replace');
    expect(template.answers.processes?.value).toBe('single');
  });

  it('sets aside an image whose process runs the test suite, or starts only a shell', async () => {
    // Shaped like junegunn/fzf's Dockerfile (its tests under tmux) and unbound-manager's (it
    // downloads an installer and starts nothing).
    const tests = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM ruby:3.4\nCOPY . /tool\nCMD ["bash", "-ic", "tmux new \'ruby /tool/test/runner.rb\'"]\n',
      }),
    );
    expect(tests.answers.imageSource).toBeUndefined();
    expect(tests.tooling[0]?.role).toMatch(/^a test image/);
    const shell = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nEXPOSE 53\n',
        'install.sh': '#!/bin/bash\napt-get install -y unbound\nsystemctl enable --now unbound\n',
      }),
    );
    expect(shell.answers.imageSource?.value).toBe('distro-image');
    expect(shell.tooling[0]?.role).toBe(
      'an image that starts only a shell or an interpreter (no CMD or ENTRYPOINT over debian:bookworm)',
    );
    // Beside other Dockerfiles, one without a CMD is a base they build on (dockge's
    // Base.Dockerfile), not an image to try the project in.
    const base = await detect(
      compiled,
      tree({
        'docker/Base.Dockerfile': 'FROM node:22-bookworm-slim\nRUN apt-get install -y curl\n',
        'docker/Dockerfile': 'FROM acme/app:base\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
      }),
    );
    expect(base.tooling).toEqual([]);
    // An application's base image with no CMD of its own still runs the base's process.
    const inherited = await detect(
      compiled,
      tree({ Dockerfile: 'FROM nginx:1.27\nCOPY public /usr/share/nginx/html\n' }),
    );
    expect(inherited.answers.imageSource?.value).toBe('dockerfile');
  });

  it("counts a supervisor's programs by what they run, past gosu and a shell's -c", async () => {
    // Shaped like Tiryoh/docker-ros2-desktop-vnc.
    const detection = await detect(
      compiled,
      tree({
        'supervisord.conf':
          "[supervisord]\nnodaemon=true\n[program:vnc]\ncommand=gosu '$USER' bash '$VNCRUN_PATH'\n[program:novnc]\ncommand=gosu '$USER' bash -c \"websockify --web=/usr/lib/novnc 80 localhost:5901\"\n",
      }),
    );
    expect(detection.answers.processes?.value).toBe('few');
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'a supervisor runs 2 services: vnc, novnc',
    );
  });

  it('chooses between orchestrators the way the README says to run the project', async () => {
    // Shaped like huly-selfhost: a Compose file walked through in the README, beside a folder
    // of Kubernetes manifests that outnumber it.
    const deployment = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n      - name: ${name}\n        image: acme/${name}:1\n`;
    const files = {
      'compose.yml':
        'services:\n  front:\n    image: acme/front:1\n  account:\n    image: acme/account:1\n',
      'kube/front.yaml': deployment('front'),
      'kube/account.yaml': deployment('account'),
      'kube/collab.yaml': deployment('collab'),
      'kube/kustomization.yaml': 'resources:\n  - front.yaml\n  - account.yaml\n  - collab.yaml\n',
      'staging/front.yaml': deployment('front'),
    };
    const documented = await detect(
      compiled,
      tree({
        ...files,
        'README.md': '# Self-host\n\n```\ndocker compose pull\ndocker compose up -d\n```\n',
      }),
    );
    expect(documented.answers.orchestrator?.value).toBe('compose');
    expect(documented.answers.orchestrator?.evidence.map((e) => e.file)).toContain('README.md');
    // Without the README, or with one naming both evenly, the files disagree: left open.
    expect(leftOpen(await detect(compiled, tree(files)), 'orchestrator')).toEqual([
      'kubernetes',
      'compose',
    ]);
    const both = await detect(
      compiled,
      tree({ ...files, 'README.md': 'Run `docker compose up`, or `kubectl apply -k kube/`.\n' }),
    );
    expect(leftOpen(both, 'orchestrator')).toEqual(['kubernetes', 'compose']);
    // The README alone answers nothing.
    const alone = await detect(compiled, tree({ 'README.md': 'docker compose up -d\n' }));
    expect(alone.answers.orchestrator).toBeUndefined();
  });

  it('sets aside a Compose file that mounts its build context over the image', async () => {
    // Shaped like codeforamerica/ohana-web-search: `build: .` with `.:/app`, and a Procfile.
    const detection = await detect(
      compiled,
      tree({
        Procfile: 'web: bundle exec puma\n',
        Dockerfile: 'FROM ruby:3.3\nWORKDIR /app\nCOPY . /app\nCMD ["rails", "server"]\n',
        'docker-compose.yml':
          "services:\n  web:\n    build: .\n    volumes:\n      - .:/app\n    ports:\n      - '3000:3000'\n",
      }),
    );
    expect(detection.answers.orchestrator?.value).toBe('other');
    expect(detection.tooling.find((t) => t.file === 'docker-compose.yml')?.role).toMatch(
      /^a development set-up \(it mounts the source/,
    );
  });

  it("reads a toolkit's folder per service, each named for its unit, as one host's services", async () => {
    // Shaped like htpcBeginner/AtoMiC-ToolKit.
    const unit = (name: string) =>
      `[Unit]\nDescription=${name}\n[Service]\nExecStart=/usr/bin/${name}\n[Install]\nWantedBy=multi-user.target\n`;
    const names = ['sonarr', 'radarr', 'lidarr', 'jackett'];
    const detection = await detect(
      compiled,
      tree(Object.fromEntries(names.map((n) => [`${n}/${n}.service`, unit(n)]))),
    );
    expect(detection.answers.processes?.value).toBe('many');
    // Units in folders of other names are other parts of a project, not counted together.
    const parts = await detect(
      compiled,
      tree(Object.fromEntries(names.map((n, i) => [`part${i}/${n}.service`, unit(n)]))),
    );
    expect(parts.answers.processes).toBeUndefined();
  });

  it('reads Dockerfile.multiarch as the same image for other architectures', async () => {
    // Shaped like pawelmalak/flame: not two images on one base.
    const detection = await detect(
      compiled,
      tree({
        '.docker/Dockerfile': 'FROM node:20-alpine\nCOPY . .\nCMD ["node", "server.js"]\n',
        '.docker/Dockerfile.multiarch':
          'FROM node:20-alpine\nCOPY . .\nCMD ["node", "server.js"]\n',
      }),
    );
    expect(detection.answers.layers).toBeUndefined();
  });
});

describe('layouts found on sets one hundred and seventeen to one hundred and twenty', () => {
  it('reads a service name a quote closes as the end of the command', async () => {
    // Shaped like kirin10000/Xray-script: acme.sh's hooks hold a restart in quotes.
    const detection = await detect(
      compiled,
      tree({
        'setup.sh':
          '#!/bin/bash\napt-get install -y nginx\nsystemctl enable nginx\nacme.sh --issue --pre-hook "systemctl restart nginx" --post-hook "mv a b && systemctl restart nginx" --ocsp\nif ! acme.sh --installcert --reloadcmd "sleep 2s && systemctl restart xray" --ecc; then\n  exit 1\nfi\n',
      }),
    );
    const reason = detection.answers.init?.evidence.map((e) => e.reason).join(' ') ?? '';
    expect(reason).not.toMatch(/\bmv\b|\bthen\b/);
  });

  it('reads services that extend one base service as one deployable', async () => {
    // Shaped like 18F/calc: the app and its two workers extend base_app.
    const extend = (command: string) =>
      `    extends:\n      file: services.yml\n      service: base_app\n    command: ${command}\n`;
    const detection = await detect(
      compiled,
      tree({
        'services.yml': 'services:\n  base_app:\n    build: .\n',
        'docker-compose.yml': `services:\n  app:\n${extend('gunicorn app')}  worker:\n${extend('python manage.py rqworker')}  scheduler:\n${extend('python manage.py rqscheduler')}  db:\n    image: postgres:16\n`,
        Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "app"]\n',
      }),
    );
    expect(detection.answers.architecture?.value).toBe('multi-tier');
  });

  it('reads a search engine beside an application as a backing service', async () => {
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yml':
          'services:\n  server:\n    image: ghcr.io/acme/app:1\n  search:\n    image: searxng/searxng:latest\n  db:\n    image: postgres:16\n',
      }),
    );
    expect(detection.answers.architecture?.value).toBe('multi-tier');
    expect(detection.answers.architecture?.evidence[0]?.reason).toBe(
      'server with search, db, one container per tier',
    );
  });

  it("reads each workload of a chart's template by its own image", async () => {
    // Shaped like StackStorm/stackstorm-k8s: one template of many Deployments, each image under
    // a registry a named template gives.
    const deployment = (name: string) =>
      `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-${name}\nspec:\n  template:\n    spec:\n      containers:\n      - name: ${name}\n        image: '{{ template "st.imageRepository" . }}/${name}:{{ tpl (.Values.${name}.image.tag | default .Values.image.tag) . }}'\n`;
    const detection = await detect(
      compiled,
      tree({
        'Chart.yaml': 'apiVersion: v2\nname: st\nversion: 1.0.0\n',
        'values.yaml': 'image:\n  tag: "{{ .Chart.AppVersion }}"\n',
        'templates/deployments.yaml': ['auth', 'api', 'stream', 'web'].map(deployment).join(''),
      }),
    );
    expect(detection.answers.architecture?.value).toBe('microservices');
  });

  it("reads a chart's templates as its values render them", async () => {
    // Shaped like windmill-helm-charts: images given as a value's default, a demo database's
    // image as it is, and a hub template the values leave off.
    const workload = (name: string, image: string, guard = '') =>
      `${guard}apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-${name}\nspec:\n  template:\n    spec:\n      containers:\n      - name: ${name}\n        image: ${image}\n${guard ? '{{ end }}\n' : ''}`;
    const files = {
      'Chart.yaml': 'apiVersion: v2\nname: wm\nversion: 1.0.0\n',
      'values.yaml': 'app:\n  image: null\nhub:\n  enabled: false\npostgresql:\n  enabled: true\n',
      'templates/app.yaml': workload(
        'app',
        '{{ default "ghcr.io/acme/wm" .Values.app.image }}:{{ default .Chart.AppVersion .Values.app.tag }}',
      ),
      'templates/db.yaml': workload('db', 'postgres:18', '{{- if .Values.postgresql.enabled }}\n'),
      'templates/hub.yaml': workload('hub', 'ghcr.io/acme/hub:1', '{{ if .Values.hub.enabled }}\n'),
      'templates/extra.yaml': workload(
        'extra',
        'ghcr.io/acme/extra:1',
        '{{ if .Values.hub.enabled }}\n',
      ),
    };
    const detection = await detect(compiled, tree(files));
    expect(detection.answers.architecture?.value).toBe('multi-tier');
    // With the hub and its extra switched on, three deployables of its own.
    const on = await detect(
      compiled,
      tree({
        ...files,
        'values.yaml': files['values.yaml'].replace('enabled: false', 'enabled: true'),
      }),
    );
    expect(on.answers.architecture?.value).toBe('microservices');
  });

  it("reads one off-the-shelf service deployed alone as a monolith, and leaves out Helm's test pods", async () => {
    // Shaped like meilisearch-kubernetes's rendered manifests.
    const detection = await detect(
      compiled,
      tree({
        'manifests/search.yaml':
          'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: meilisearch\nspec:\n  template:\n    spec:\n      containers:\n      - name: meilisearch\n        image: getmeili/meilisearch:v1.48\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: meilisearch-test-connection\n  annotations:\n    "helm.sh/hook": test-success\nspec:\n  containers:\n  - name: wget\n    image: busybox\n',
      }),
    );
    expect(detection.answers.architecture?.value).toBe('monolith');
    expect(detection.answers.architecture?.evidence[0]?.reason).toBe(
      'one deployable (meilisearch, deployed alone)',
    );
    // Beside the application's own workloads (hotrod's kafka/ folder), it is one of their tiers.
    const deployment = (name: string, image: string) =>
      `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n      - name: ${name}\n        image: ${image}\n`;
    const beside = await detect(
      compiled,
      tree({
        'k8s/base/kafka/kafka.yaml': deployment('kafka', 'bitnami/kafka:3'),
        'k8s/base/app.yaml': ['driver', 'frontend', 'route']
          .map((n) => deployment(n, `acme/hotrod-${n}:1`))
          .join(''),
      }),
    );
    expect(beside.answers.architecture?.value).toBe('microservices');
  });

  it("sets aside a Kubernetes home-ops repository's Ansible for the machines around it", async () => {
    // Shaped like npawelek/home-ops: many workloads in a Flux tree, and ansible/ that copies
    // certificates to appliances and restarts their services.
    const release = (name: string) =>
      `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: ${name}\nspec:\n  chart:\n    spec:\n      chart: ${name}\n`;
    const apps = Object.fromEntries(
      ['authentik', 'grafana', 'immich', 'paperless', 'home-assistant'].map((n) => [
        `kubernetes/apps/${n}/app/helmrelease.yaml`,
        release(n),
      ]),
    );
    const detection = await detect(
      compiled,
      tree({
        ...apps,
        'ansible/certs/ansible.cfg': '[defaults]\ninventory = hosts\n',
        'ansible/certs/distribute.yaml':
          '- name: certificates\n  hosts: all\n  tasks:\n    - name: copy\n      ansible.builtin.copy:\n        src: cert.pem\n        dest: /data/unifi-core/config/unifi-core.crt\n    - name: restart\n      ansible.builtin.systemd:\n        name: unifi-core\n        state: restarted\n',
      }),
    );
    expect(detection.answers.configManagement).toBeUndefined();
    expect(detection.answers.orchestrator?.value).toBe('kubernetes');
    expect(detection.tooling.map((t) => t.role)).toContain(
      'the machines around its Kubernetes cluster (configuration management in ansible/, apart from its workloads in 5 places)',
    );
  });

  it('reads units that run the same command as one service under two names', async () => {
    // Shaped like theraw/The-World-Is-Yours: nginx.service and nginx-raweb.service.
    const unit =
      '[Service]\nExecStart=/usr/sbin/nginx -c /nginx/nginx.conf\n[Install]\nWantedBy=multi-user.target\n';
    const detection = await detect(
      compiled,
      tree({ 'static/nginx.service': unit, 'static/nginx-raweb.service': unit }),
    );
    expect(detection.answers.init?.value).toBe('yes');
    expect(detection.answers.processes).toBeUndefined();
  });

  it('counts a service a playbook only restarts only when the plays install it', async () => {
    const restart =
      '    - name: restart\n      ansible.builtin.service:\n        name: unifi-core\n        state: restarted\n';
    const maintained = await detect(
      compiled,
      tree({ 'site.yml': `- hosts: all\n  tasks:\n${restart}` }),
    );
    expect(maintained.answers.init).toBeUndefined();
    const installed = await detect(
      compiled,
      tree({
        'site.yml': `- hosts: all\n  tasks:\n    - name: install\n      ansible.builtin.apt:\n        name: unifi-core\n${restart}`,
      }),
    );
    expect(installed.answers.init?.value).toBe('yes');
    // A play's own handler that restarts a service is how the play keeps one it set up.
    const handler = await detect(
      compiled,
      tree({
        'site.yml':
          '- hosts: all\n  tasks:\n    - name: site\n      ansible.builtin.template:\n        src: a.conf\n        dest: /etc/apache2/sites-enabled/a.conf\n      notify: restart apache\n  handlers:\n    - name: restart apache\n      service: name=apache2 state=restarted\n',
      }),
    );
    expect(handler.answers.init?.value).toBe('yes');
  });
});

describe('layouts found on sets one hundred and twenty-one to one hundred and twenty-four', () => {
  it("reads heroku.yml as Heroku's deployment: a dyno per process type, add-ons as tiers", async () => {
    // Shaped like hackclub/hcb: heroku.yml builds production.Dockerfile and runs web and worker.
    const detection = await detect(
      compiled,
      tree({
        'heroku.yml':
          'setup:\n  addons:\n    - plan: heroku-postgresql\n      as: DATABASE\n    - plan: heroku-redis\n      as: REDIS\nbuild:\n  docker:\n    web: production.Dockerfile\nrun:\n  web: bin/rails server -p $PORT\n  worker:\n    command:\n      - bundle exec sidekiq\n    image: web\n',
        'production.Dockerfile': 'FROM ruby:3.4-slim\nCOPY . /app\nCMD ["bin/rails", "server"]\n',
        'docker-compose.dbonly.yml':
          'services:\n  db:\n    image: postgres:16\n  redis:\n    image: redis:7\n',
      }),
    );
    expect(detection.answers.orchestrator?.value).toBe('other');
    expect(detection.answers.processes?.value).toBe('single');
    expect(detection.answers.architecture?.value).toBe('multi-tier');
    expect(detection.answers.architecture?.evidence[0]?.reason).toBe(
      'the app with the add-ons Heroku provisions for it: heroku-postgresql, heroku-redis',
    );
  });

  it('does not count a service a task disables and stops by an expression', async () => {
    // Shaped like linux-system-roles/timesync's "Disable ntpd".
    const detection = await detect(
      compiled,
      tree({
        'meta/main.yml': 'galaxy_info:\n  role_name: timesync\n',
        'tasks/main.yml':
          '- name: Disable ntpd\n  service:\n    name: ntpd\n    state: "{{ \'stopped\' if booted else omit }}"\n    enabled: false\n- name: Enable chronyd\n  service:\n    name: chronyd\n    state: "{{ \'started\' if booted else omit }}"\n    enabled: true\n',
      }),
    );
    expect(detection.answers.init?.evidence[0]?.reason).toBe(
      'Ansible manages 1 system service(s) through the init system: chronyd',
    );
  });
});

describe('readings mended after review', () => {
  const deployment = (name: string, image: string) =>
    `---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n      - name: ${name}\n        image: ${image}\n`;

  it("leaves out a README's development sections, and never lets a README alone hide the examples", async () => {
    const files = {
      'chart/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
      'k8s/app.yaml': deployment('app', 'acme/app:1'),
      'k8s/worker.yaml': deployment('worker', 'acme/worker:1'),
      'docker-compose.yml': 'services:\n  app:\n    image: acme/app:1\n',
    };
    const development = await detect(
      compiled,
      tree({
        ...files,
        'README.md':
          '# App\n\nInstall with `helm install app ./chart`.\n\n## Development\n\n```\ndocker compose up\ndocker compose pull\n```\n',
      }),
    );
    // The README's development section does not choose Compose; its install with Helm agrees
    // with the files' lead, and settles it.
    expect(development.answers.orchestrator?.value).toBe('kubernetes');
    expect(development.answers.orchestrator?.evidence[0]?.file).toBe('README.md');
    expect(leftOpen(development, 'orchestrator')).toBeUndefined();
    // Examples alone, and a README that names Compose: the examples are read, as hints.
    const examples = await detect(
      compiled,
      tree({
        'examples/docker-compose.yml': 'services:\n  app:\n    image: acme/app:1\n',
        'README.md': 'Run `docker compose up -d`.\n',
      }),
    );
    expect(examples.fromExamples).toBe(true);
    expect(examples.answers.orchestrator?.value).toBe('compose');
  });

  it('keeps a Dockerfile with no CMD that a Compose service builds and gives a command', async () => {
    const detection = await detect(
      compiled,
      tree({
        Dockerfile: 'FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n',
        'docker-compose.yml':
          'services:\n  web:\n    build: .\n    command: gunicorn app:app\n  db:\n    image: postgres:16\n',
      }),
    );
    expect(detection.tooling).toEqual([]);
    expect(detection.answers.imageSource?.value).toBe('dockerfile');
    expect(detection.answers.orchestrator?.value).toBe('compose');
  });

  it('counts a service a deploy play restarts after writing its unit', async () => {
    const detection = await detect(
      compiled,
      tree({
        'deploy.yml':
          '- hosts: app\n  tasks:\n    - name: unit\n      ansible.builtin.template:\n        src: app.service.j2\n        dest: /etc/systemd/system/app.service\n    - name: restart\n      ansible.builtin.systemd:\n        name: app\n        state: restarted\n',
      }),
    );
    expect(detection.answers.init?.value).toBe('yes');
  });

  it("reads each document of a template by its own condition, and a pod's main container's image", async () => {
    const detection = await detect(
      compiled,
      tree({
        'Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.0.0\n',
        'values.yaml': 'pdb:\n  enabled: false\n',
        'templates/app.yaml':
          '{{- if .Values.pdb.enabled }}\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: app\n{{- end }}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n      initContainers:\n      - name: wait\n        image: postgres:16\n      containers:\n      - name: app\n        image: ghcr.io/acme/app:1\n',
      }),
    );
    expect(detection.answers.orchestrator?.value).toBe('kubernetes');
    expect(detection.answers.architecture?.value).toBe('monolith');
    expect(detection.answers.architecture?.evidence[0]?.reason).toBe('one deployable');
  });

  it("reads a module's template off through a variable set to part of the values", async () => {
    // Shaped like weaviate-helm: `{{- $module := index .Values "modules" "text2vec-x" -}}`, then
    // `{{ if index $module "enabled" }}` around two documents.
    const module = (name: string) =>
      `{{- $module := index .Values "modules" "${name}" -}}\n{{ if index $module "enabled" }}\n${deployment(name, `acme/${name}:1`)}${deployment(`${name}-query`, `acme/${name}-query:1`)}{{ end }}\n`;
    const detection = await detect(
      compiled,
      tree({
        'Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.0\n',
        'values.yaml':
          'image: acme/db\nmodules:\n  text2vec-a:\n    enabled: false\n  text2vec-b:\n    enabled: false\n',
        'templates/db.yaml': deployment('db', '{{ .Values.image }}:1'),
        'templates/a.yaml': module('text2vec-a'),
        'templates/b.yaml': module('text2vec-b'),
      }),
    );
    expect(detection.answers.architecture?.value).toBe('monolith');
  });

  it('counts units of one command in different folders or as different users as services of their own', async () => {
    const unit = (dir: string) =>
      `[Service]\nWorkingDirectory=/srv/${dir}\nExecStart=/usr/bin/node index.js\n[Install]\nWantedBy=multi-user.target\n`;
    const detection = await detect(
      compiled,
      tree({
        'units/a.service': unit('a'),
        'units/b.service': unit('b'),
        'units/c.service': unit('c'),
      }),
    );
    expect(detection.answers.processes?.value).toBe('few');
  });

  it('reads services that extend one of the same file as one deployable, and a read-only mount as configuration', async () => {
    const detection = await detect(
      compiled,
      tree({
        'docker-compose.yml':
          'services:\n  web:\n    build: .\n    command: gunicorn app\n  worker:\n    extends: web\n    command: celery worker\n  proxy:\n    build: ./nginx\n    volumes:\n      - ./nginx:/etc/nginx/conf.d:ro\n',
        Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "app"]\n',
        'nginx/Dockerfile': 'FROM nginx:1.27\nCOPY default.conf /etc/nginx/conf.d/\n',
      }),
    );
    expect(detection.tooling).toEqual([]);
    expect(detection.answers.architecture?.evidence[0]?.reason).toBe(
      'web with proxy, one container per tier',
    );
  });

  it('reads a folder named for examples among other words as examples, and names the image built by its last stage', async () => {
    // Found trying gristlabs/grist-core, in no set: docker-compose-examples/, and a Dockerfile
    // whose first stage is `FROM scratch AS ext`.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM scratch AS ext\nFROM node:22-trixie AS builder\nRUN yarn build\nFROM node:22-trixie-slim\nCOPY --from=builder /app /app\nCMD ["node", "/app/server.js"]\n',
        'docker-compose-examples/with-postgres/docker-compose.yml':
          'services:\n  grist:\n    image: gristlabs/grist\n  db:\n    image: postgres:16\n',
      }),
    );
    expect(detection.answers.orchestrator).toBeUndefined();
    expect(detection.tooling[0]?.role).toBe('an example');
    expect(detection.answers.imageSource?.evidence[0]?.reason).toBe(
      'builds an image from node:22-trixie-slim, layer by layer',
    );
  });

  it("names a supervisor's program past nice's and chpst's options", async () => {
    const detection = await detect(
      compiled,
      tree({
        'supervisord.conf':
          '[supervisord]\nnodaemon=true\n[program:web]\ncommand=chpst -u app -e /env nice -n 10 python app.py\n[program:jobs]\ncommand=chpst -u app -e /env nice -n 10 python jobs.py\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'a supervisor runs 2 services: web, jobs',
    );
  });
});

describe('start scripts found on the misses of sets eighty-two to one hundred and six', () => {
  it('counts the CMD a start script hands over to beside the daemon it started, by any PHP version', async () => {
    // Shaped like koillection: the entrypoint starts php-fpm8.4, which forks, then `exec $@`
    // runs the CMD, nginx.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM debian:12\nCOPY docker/entrypoint.sh /app/docker/entrypoint.sh\nENTRYPOINT ["sh", "/app/docker/entrypoint.sh"]\nCMD ["nginx"]\n',
        'docker/entrypoint.sh': '#!/bin/sh\nchown -R www-data /app/var\nphp-fpm8.4\nexec $@\n',
      }),
    );
    expect(detection.answers.processes?.value).toBe('few');
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'its start script (docker/entrypoint.sh) starts 2 services in the container: php-fpm8.4, nginx',
    );
  });

  it('adds no CMD to a start script that started nothing else', async () => {
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM debian:12\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["nginx", "-g", "daemon off;"]\n',
        'entrypoint.sh': '#!/bin/sh\nchown -R www-data /app/var\nexec "$@"\n',
      }),
    );
    expect(detection.answers.processes?.value).toBe('single');
  });

  it('reads a command list given to a shell in the background as its last command', async () => {
    // Shaped like Perplexica: SearXNG started through sudo and bash -c, with && inside the quotes,
    // left in the background; then the app in the foreground.
    const detection = await detect(
      compiled,
      tree({
        Dockerfile:
          'FROM node:22-slim\nWORKDIR /home/app\nCOPY entrypoint.sh ./entrypoint.sh\nCMD ["/home/app/entrypoint.sh"]\n',
        'entrypoint.sh':
          '#!/bin/sh\nsudo -H -u searxng bash -c "cd /usr/local/searxng && export SETTINGS=/etc/searxng/settings.yml && /usr/local/pyenv/bin/python -m flask run --port=8080" &\nsleep 5\nexec node server.js\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'its start script (entrypoint.sh) starts 2 services in the container: flask, server',
    );
  });
});

describe('layouts found on sets one hundred and thirty-three to one hundred and thirty-six', () => {
  it('reads a start script with no extension that the image copies in', async () => {
    // Shaped like mikesplain/openvas-docker: `COPY start /start`, `CMD /start`.
    const detection = await detect(
      compiled,
      tree({
        '9/Dockerfile': 'FROM ubuntu:16.04\nCOPY start /start\nCMD /start\n',
        '9/start':
          '#!/bin/bash\nredis-server /etc/redis/redis.conf\n/etc/init.d/openvas-scanner restart\n/etc/init.d/openvas-manager restart\ntail -F /var/log/openvas/*\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'its start script (9/start) starts 3 services in the container: redis-server, openvas-scanner, openvas-manager',
    );
  });

  it('reads a .NET Aspire app host: its own projects as services, its databases and brokers as tiers', async () => {
    // Shaped like dotnet/eShop: src/eShop.AppHost/Program.cs adds the projects and the backing.
    const host = (projects: string[]) =>
      `var builder = DistributedApplication.CreateBuilder(args);\nvar redis = builder.AddRedis("redis");\nvar postgres = builder.AddPostgres("postgres").WithImage("ankane/pgvector");\nvar catalogDb = postgres.AddDatabase("catalogdb");\n${projects.map((p) => `builder.AddProject<Projects.${p.replace('-', '_')}>("${p}")\n    .WithReference(redis);\n`).join('')}// builder.AddProject<Projects.Old>("old");\nbuilder.Build().Run();\n`;
    const services = await detect(
      compiled,
      tree({ 'src/Shop.AppHost/Program.cs': host(['catalog-api', 'basket-api', 'webapp']) }),
    );
    expect(services.answers.architecture).toEqual({
      value: 'microservices',
      evidence: [
        {
          file: 'src/Shop.AppHost/Program.cs',
          reason: '3 services of its own (catalog-api, basket-api, webapp) talking to each other',
        },
      ],
    });
    expect(services.answers.processes?.value).toBe('single');
    const tiers = await detect(compiled, tree({ 'AppHost/AppHost.cs': host(['webapp']) }));
    expect(tiers.answers.architecture?.value).toBe('multi-tier');
    // A C# file in an app host's folder that builds no application says nothing.
    const other = await detect(
      compiled,
      tree({ 'AppHost/Extensions.cs': 'public static class Extensions { }\n' }),
    );
    expect(other.answers).toEqual({});
  });

  it("takes the scripts a Vagrantfile provisions with `path:` for the Vagrantfile's own", async () => {
    // Shaped like rgl/proxmox-ve-cluster-vagrant: the Vagrantfile is the project, and its shell
    // provisioners install the services; it is not a development VM beside another deployment.
    const files = {
      Vagrantfile:
        "Vagrant.configure('2') do |config|\n  config.vm.box = 'proxmox-ve-amd64'\n  config.vm.provision :shell, path: 'provision-mail.sh'\nend\n",
      'provision-mail.sh': 'apt-get install -y postfix dovecot-imapd\nsystemctl restart postfix\n',
    };
    const detection = await detect(compiled, tree(files));
    expect(detection.answers.vmLike?.value).toBe('yes');
    expect(detection.tooling.map((t) => t.file)).not.toContain('Vagrantfile');
    // A script the Vagrantfile does not name is another way of deploying: the VM is for work.
    const beside = await detect(
      compiled,
      tree({
        ...files,
        Vagrantfile: files.Vagrantfile.replace(/ {2}config\.vm\.provision.*\n/, ''),
      }),
    );
    expect(beside.answers.vmLike).toBeUndefined();
    // A script named from a Vagrantfile in a folder of its own (`path: '../provision-mail.sh'`).
    const nested = await detect(
      compiled,
      tree({
        'provision-mail.sh': files['provision-mail.sh'],
        'vagrant/Vagrantfile': files.Vagrantfile.replace(
          "'provision-mail.sh'",
          "'../provision-mail.sh'",
        ),
      }),
    );
    expect(nested.answers.vmLike?.value).toBe('yes');
  });
});

describe('layouts found on sets one hundred and thirty-seven to one hundred and forty', () => {
  it('counts the services a function starts by the name it is given, in an installer kept in a folder for installing', async () => {
    // Shaped like wazuh/wazuh-installation-assistant: install_functions/ holds the installer;
    // one file defines the function that starts a service, another calls it per component.
    const detection = await detect(
      compiled,
      tree({
        'install_functions/installCommon.sh':
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's own ${1}
          '#!/bin/bash\nfunction installCommon_aptInstall() {\n  eval "DEBIAN_FRONTEND=noninteractive apt-get install ${1} -y"\n}\nfunction installCommon_startService() {\n  eval "systemctl daemon-reload"\n  eval "systemctl enable ${1}.service"\n  eval "systemctl start ${1}.service"\n}\n',
        'install_functions/installMain.sh':
          '#!/bin/bash\ninstallCommon_startService "acme-indexer"\ninstallCommon_startService "acme-manager"\ninstallCommon_startService "acme-dashboard"\ncommon_logger "done"\n',
      }),
    );
    expect(detection.answers.processes?.evidence[0]?.reason).toBe(
      'shell scripts install or enable 3 daemons to run side by side: acme-indexer, acme-manager, acme-dashboard',
    );
    expect(detection.answers.updates?.value).toBe('in-place');
    expect(detection.answers.init?.value).toBe('yes');
  });
});

describe('readings mended after the review of the questions left open', () => {
  const entrypoint = '#!/bin/sh\nredis-server --daemonize yes\nexec "$@"\n';
  const image = (cmd: string, extra: Record<string, string> = {}) =>
    tree({
      Dockerfile: `FROM debian:12\nCOPY entrypoint.sh /entrypoint.sh\n${Object.keys(extra)
        .map((f) => `COPY ${f} /${f}\n`)
        .join('')}ENTRYPOINT ["/entrypoint.sh"]\nCMD ${cmd}\n`,
      'entrypoint.sh': entrypoint,
      ...extra,
    });
  const reason = async (dir: string) =>
    (await detect(compiled, dir)).answers.processes?.evidence[0]?.reason;

  it('names the CMD handed over to past its shell and wrappers', async () => {
    const started =
      'its start script (entrypoint.sh) starts 2 services in the container: redis-server, gunicorn';
    expect(await reason(image('["sh", "-c", "cd /app && exec gunicorn app:app"]'))).toBe(started);
    expect(await reason(image('sh -c "cd /app && exec gunicorn app:app"'))).toBe(started);
    expect(await reason(image('["gosu", "app", "gunicorn", "app:app"]'))).toBe(started);
  });

  it("counts no CMD that is a start script of the project's own", async () => {
    const dir = image('["/start"]', { start: '#!/bin/sh\nexec nginx -g "daemon off;"\n' });
    expect(await reason(dir)).toBe(
      'its start scripts (entrypoint.sh, start) start 2 services in the container: redis-server, nginx',
    );
  });

  it("takes python's -m only among python's own options", async () => {
    const dir = tree({
      Dockerfile: 'FROM python:3\nCOPY run.sh /run.sh\nCMD ["/run.sh"]\n',
      'run.sh': '#!/bin/sh\npython worker.py -m 4 &\nexec gunicorn app:app\n',
    });
    expect(await reason(dir)).toBe(
      'its start script (run.sh) starts 2 services in the container: worker, gunicorn',
    );
  });
});

describe('layouts found on sets one hundred and forty-five to one hundred and forty-eight', () => {
  it('sets aside a hidden folder named as tooling or retired files are', async () => {
    // Shaped like justingarfield/home-ops: Flux manifests deploy it; .archive/ keeps old scripts.
    const detection = await detect(
      compiled,
      tree({
        'flux/apps/web/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
        'flux/apps/web/deployment.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - image: acme/web:1\n',
        '.archive/docker/toolchain/Dockerfile': 'FROM debian:12\nCMD ["bash"]\n',
      }),
    );
    expect(detection.answers.orchestrator?.value).toBe('kubernetes');
    expect(detection.answers.imageSource).toBeUndefined();
    expect(detection.tooling.find((t) => t.file.startsWith('.archive/'))?.role).toBe(
      'retired (kept, no longer used)',
    );
  });
});
