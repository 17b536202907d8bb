// Detection on fixtures shaped like real repositories: the answers each must yield, the
// evidence behind them, conflicts, and the safety rules of the walk.
import { chmodSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect, SCANNERS } from '../../src/detect/detect.js';
import { compileRuleSet } from '../../src/engine/compile.js';
import { builtinRuleSet } from '../../src/engine/rule-set.js';
import { runBinUnprivileged } from '../support/cli.js';
import { fixtures } from '../support/paths.js';
import { tempDir } from '../support/temp.js';

const compiled = compileRuleSet(builtinRuleSet);
const repo = (name: string) => join(fixtures, 'repos', name);
const answersOf = async (dir: string) =>
  Object.fromEntries(
    Object.entries((await detect(compiled, dir)).answers).map(([id, a]) => [id, a.value]),
  );

describe('detect on repository fixtures', () => {
  const expected: Record<string, Record<string, string>> = {
    'compose-microservices': {
      processes: 'single',
      architecture: 'microservices',
      updates: 'replace',
      layers: 'yes',
      imageSource: 'dockerfile',
      orchestrator: 'compose',
    },
    'helm-chart': {
      processes: 'single',
      architecture: 'monolith',
      updates: 'replace',
      imageSource: 'dockerfile',
      orchestrator: 'kubernetes',
    },
    'ansible-mail-server': {
      processes: 'many',
      init: 'yes',
      cron: 'yes',
      login: 'yes',
      configManagement: 'ansible',
      updates: 'in-place',
    },
    'puppet-lamp': {
      processes: 'few',
      init: 'yes',
      cron: 'yes',
      login: 'yes',
      configManagement: 'puppet',
      updates: 'in-place',
    },
    'chef-cookbook': {
      processes: 'few',
      init: 'yes',
      cron: 'yes',
      login: 'yes',
      configManagement: 'chef',
      updates: 'in-place',
    },
    'salt-states': {
      processes: 'few',
      init: 'yes',
      cron: 'yes',
      login: 'yes',
      configManagement: 'salt',
      updates: 'in-place',
    },
    'distrobuilder-images': { init: 'yes', imageSource: 'distro-image', fleet: 'mixed' },
    'procfile-app': { processes: 'single', updates: 'replace', orchestrator: 'other' },
    'supervisord-image': {
      processes: 'few',
      cron: 'yes',
      imageSource: 'dockerfile',
      updates: 'replace',
    },
    'systemd-with-cron': { processes: 'many', init: 'yes', cron: 'yes' },
    'link-outside': {
      processes: 'single',
      architecture: 'monolith',
      updates: 'replace',
      orchestrator: 'other',
    },
  };
  for (const [name, answers] of Object.entries(expected)) {
    it(`${name} yields ${Object.entries(answers)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`, async () => {
      expect(await answersOf(repo(name))).toEqual(answers);
    });
  }

  it('gives every answer its evidence: the file and why', async () => {
    const detection = await detect(compiled, repo('compose-microservices'));
    expect(detection.answers.orchestrator!.evidence).toEqual([
      {
        file: 'docker-compose.yml',
        reason: 'Compose runs 6 service(s): gateway, orders, payments, catalog, users, postgres',
      },
    ]);
    expect(detection.answers.layers!.evidence[0]!.reason).toBe(
      '5 Dockerfiles build on the same base (node:20-alpine): services/catalog/Dockerfile, services/gateway/Dockerfile, services/orders/Dockerfile, services/payments/Dockerfile, services/users/Dockerfile',
    );
  });

  /** The Dockerfile of repos/dockerfile-and-distrobuilder, as a candidate for imageSource. */
  const dockerfileCandidate = {
    value: 'dockerfile',
    strength: 3,
    evidence: [{ file: 'Dockerfile', reason: 'builds an image from ubuntu:24.04, layer by layer' }],
  };

  it('leaves a question open when its files disagree too evenly, with what each shows', async () => {
    // Two distrobuilder images (6) against a Dockerfile (3): at least half as much evidence.
    const detection = await detect(compiled, repo('dockerfile-and-distrobuilder'));
    expect(detection.answers.imageSource).toBeUndefined();
    expect(detection.conflicts).toEqual([]);
    expect(detection.open).toEqual([
      {
        question: 'imageSource',
        why: 'the files disagree: distro-image has 6, dockerfile 3, at least half as much',
        candidates: [
          expect.objectContaining({ value: 'distro-image', strength: 6 }),
          dockerfileCandidate,
        ],
      },
    ]);
  });

  it('reports conflicting evidence on one question with what lost, and why', async () => {
    // An mkosi image too: three image definitions (9) against the Dockerfile (3).
    const dir = tempDir('detect');
    cpSync(repo('dockerfile-and-distrobuilder'), dir, { recursive: true });
    writeFileSync(join(dir, 'mkosi.conf'), '[Distribution]\nDistribution=fedora\n');
    const detection = await detect(compiled, dir);
    expect(detection.answers.imageSource!.value).toBe('distro-image');
    expect(detection.open).toEqual([]);
    expect(detection.conflicts).toEqual([
      {
        question: 'imageSource',
        chosen: 'distro-image',
        why: 'more evidence (9 against 3)',
        candidates: [
          expect.objectContaining({ value: 'distro-image', strength: 9 }),
          dockerfileCandidate,
        ],
      },
    ]);
  });

  it('reports evidence that pulls both ways (a Dockerfile and Puppet manifests)', async () => {
    const detection = await detect(compiled, repo('dockerfile-and-puppet'));
    expect(detection.tension?.app.map((t) => t.question)).toContain('imageSource');
    expect(detection.tension?.os.map((t) => t.question)).toContain('configManagement');
  });
});

describe('the walk is safe', () => {
  it('never follows a link, and says so', async () => {
    const detection = await detect(compiled, repo('link-outside'));
    expect(detection.skipped).toEqual([
      { path: 'Dockerfile', reason: 'a symbolic link (links are never followed)' },
      { path: 'docker-compose.yml', reason: 'a symbolic link (links are never followed)' },
    ]);
    expect(detection.answers.imageSource).toBeUndefined();
  });

  it('skips .git, node_modules and vendored folders', async () => {
    const dir = tempDir('detect');
    for (const folder of ['.git', 'node_modules/pkg', 'vendor/lib']) {
      mkdirSync(join(dir, folder), { recursive: true });
      writeFileSync(join(dir, folder, 'Dockerfile'), 'FROM alpine\n');
    }
    expect(await answersOf(dir)).toEqual({});
  });

  // Root reads whatever the mode bits say: as root, the bin runs as nobody.
  it('notes an unreadable directory and goes on', () => {
    const dir = tempDir('detect');
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'Procfile'), 'web: node server.js\n');
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'locked', 'Dockerfile'), 'FROM alpine\n');
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      const result = runBinUnprivileged(['detect', dir, '--format', 'json']);
      expect(result.code, result.stderr).toBe(0);
      const detection = JSON.parse(result.stdout);
      expect(detection.answers.processes?.value).toBe('single');
      expect(detection.skipped).toEqual([{ path: 'locked', reason: 'cannot be read (EACCES)' }]);
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });

  it('reads at most the first bytes of a large file, and stops at the entry bound', async () => {
    const dir = tempDir('detect');
    writeFileSync(join(dir, 'Procfile'), `web: node server.js\n${'# padding\n'.repeat(100_000)}`);
    for (let i = 0; i < 30; i++) writeFileSync(join(dir, `file-${i}.txt`), 'x');
    const detection = await detect(compiled, dir, {
      limits: { maxEntries: 10, maxFileBytes: 1024, maxTotalBytes: 1 << 20 },
    });
    expect(detection.answers.processes?.value).toBe('single');
    expect(detection.scanned.bytesRead).toBe(1024);
    expect(detection.skipped).toEqual([
      { path: 'Procfile', reason: 'only the first 1024 bytes were read' },
      { path: 'file-17.txt', reason: 'and everything after it: the scan stops at 10 entries' },
    ]);
  });
});

describe('scanners', () => {
  it('claim only questions and values that exist', async () => {
    const values = new Map(
      builtinRuleSet.questions.map((q) => [q.id, new Set(q.values.map((v) => v.value))]),
    );
    for (const name of [
      'compose-microservices',
      'helm-chart',
      'ansible-mail-server',
      'puppet-lamp',
      'chef-cookbook',
      'salt-states',
      'distrobuilder-images',
      'procfile-app',
      'supervisord-image',
      'systemd-with-cron',
      'dockerfile-and-puppet',
      'dockerfile-and-distrobuilder',
    ]) {
      const { walk } = await import('../../src/detect/walk.js');
      const walked = await walk(repo(name), (path, file) =>
        SCANNERS.some((s) => s.wants(path, file)),
      );
      for (const scanner of SCANNERS) {
        for (const finding of scanner.scan(
          walked.files.filter((f) => scanner.wants(f.path, f.name)),
        )) {
          expect(
            values.get(finding.question)?.has(finding.value),
            `${scanner.name}: ${finding.question}=${finding.value}`,
          ).toBe(true);
        }
      }
    }
  });

  it('recognise Nomad jobs, Swarm stacks, kustomize, mkosi, Vagrant, Packer and kernel modules', async () => {
    const dir = tempDir('detect');
    const files: Record<string, string> = {
      'jobs/api.nomad.hcl':
        'job "api" {\n  group "web" {\n    task "server" {\n      driver = "docker"\n    }\n  }\n}\n',
      'deploy/docker-stack.yml':
        'services:\n  web:\n    image: web:1\n    deploy:\n      replicas: 3\n',
      'k8s/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'image/mkosi.conf': '[Distribution]\nDistribution=fedora\n',
      Vagrantfile:
        'Vagrant.configure("2") do |config|\n  config.vm.box = "debian/bookworm64"\nend\n',
      'packer/build.pkr.hcl': 'source "qemu" "base" {\n  iso_url = "x.iso"\n}\n',
      'driver/dkms.conf': 'PACKAGE_NAME="mydrv"\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const detection = await detect(compiled, dir);
    const candidates = (id: string) => [
      detection.answers[id]?.value,
      ...[...detection.conflicts, ...detection.open]
        .filter((c) => c.question === id)
        .flatMap((c) => c.candidates.map((x) => x.value)),
    ];
    expect(candidates('orchestrator')).toEqual(
      expect.arrayContaining(['nomad', 'swarm', 'kubernetes']),
    );
    expect(detection.answers.imageSource?.value).toBe('distro-image');
    // Beside Nomad jobs and Compose files, the Vagrantfile is the developers' VM, and the
    // Packer image is the machine the jobs run on: both are listed, neither is evidence.
    expect(detection.tooling.find((t) => t.file === 'Vagrantfile')?.role).toBe(
      'a development or test VM (the project deploys otherwise)',
    );
    const packer = detection.tooling.find((t) => t.file === 'packer/build.pkr.hcl');
    expect(packer?.role).toContain('the hosts that run its');
    expect(packer?.suggests.find((s) => s.question === 'kernel')?.reason).toContain('(qemu)');
    expect(detection.answers.kernel?.value).toBe('own');
    expect(detection.answers.kernel?.evidence.map((e) => e.file)).toEqual(['driver/dkms.conf']);
  });
});
