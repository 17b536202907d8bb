// --detect then decide, end to end through the built bin, for each repository fixture.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../support/cli.js';
import { fixtures } from '../support/paths.js';

const repo = (name: string) => join(fixtures, 'repos', name);

describe('--detect, end to end', () => {
  const verdicts: [string, string, string[]][] = [
    ['compose-microservices', 'app', ['high']],
    ['helm-chart', 'app', ['high', 'medium']],
    ['ansible-mail-server', 'os', ['high']],
    ['puppet-lamp', 'os', ['high']],
    ['chef-cookbook', 'os', ['high']],
    ['salt-states', 'os', ['high']],
    ['distrobuilder-images', 'os', ['high', 'medium']],
    ['systemd-with-cron', 'os', ['high', 'medium']],
    ['procfile-app', 'app', ['low', 'medium']],
    ['supervisord-image', 'app', ['low']],
    ['dockerfile-and-puppet', 'os', ['low', 'medium']],
  ];
  for (const [name, verdict, levels] of verdicts) {
    it(`${name} → ${verdict}`, () => {
      const result = runBin(['--detect', repo(name), '--json']);
      expect(result.code, result.stderr).toBe(0);
      const decision = JSON.parse(result.stdout);
      expect(decision.recommendation).toBe(verdict);
      expect(levels).toContain(decision.confidence.level);
      for (const answer of Object.values(decision.answers) as { source: string }[])
        expect(answer.source).toBe('detected');
    });
  }

  it('lets flags and the answers file win over detected answers', () => {
    const result = runBin(
      [
        '--detect',
        repo('compose-microservices'),
        '--orchestrator',
        'none',
        '--answers',
        '-',
        '--json',
      ],
      { stdin: 'architecture: monolith\n' },
    );
    const decision = JSON.parse(result.stdout);
    expect(decision.answers.orchestrator).toEqual({ value: 'none', source: 'flag' });
    expect(decision.answers.architecture).toEqual({ value: 'monolith', source: 'file' });
    expect(decision.answers.imageSource).toEqual({ value: 'dockerfile', source: 'detected' });
  });

  it('prints what it detected, with evidence, as text and JSON', () => {
    const text = runBin(['detect', repo('dockerfile-and-puppet'), '--no-color']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'configManagement  puppet (Puppet)\n                      manifests/site.pp: a Puppet manifest (site.pp)',
    );
    expect(text.stdout).toContain('The evidence pulls both ways');
    const json = JSON.parse(
      runBin(['detect', repo('dockerfile-and-puppet'), '--format', 'json']).stdout,
    );
    expect(json).toMatchObject({
      schemaVersion: 1,
      answers: { configManagement: { value: 'puppet' } },
    });
  });

  it('says which questions it left open, with the values the files show and the flag to answer', () => {
    const text = runBin(['detect', repo('dockerfile-and-distrobuilder'), '--no-color']);
    expect(text.stdout).toContain(
      'Left open (the files disagree too evenly to say)\n  imageSource: answer it with --image-source\n    distro-image (A distribution image or template (debootstrap, cloud image)): image-arch.yaml, image.yaml\n    dockerfile (A Dockerfile or Containerfile): Dockerfile\n',
    );
    expect(text.stdout).not.toContain('--image-source distro-image');
    const json = JSON.parse(
      runBin(['detect', repo('dockerfile-and-distrobuilder'), '--format', 'json']).stdout,
    );
    expect(json.open.map((o: { question: string }) => o.question)).toEqual(['imageSource']);
    expect(json.answers.imageSource).toBeUndefined();
  });

  it('exits 2 for a directory that does not exist or is a file', () => {
    expect(runBin(['detect', '/no/such/dir'])).toMatchObject({
      code: 2,
      stderr: 'which-container: detect "/no/such/dir": no such directory\n',
    });
    expect(runBin(['--detect', join(repo('procfile-app'), 'Procfile')])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('not a directory'),
    });
  });
});
