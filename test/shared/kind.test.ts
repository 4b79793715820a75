import { strict as assert } from 'assert';
import { detectKind } from '../../shared/detect/kind';

describe('file recognition', () => {
  const byName: Array<[string, string]> = [
    ['Dockerfile', 'dockerfile'],
    ['build/Dockerfile.dev', 'dockerfile'],
    ['api.Dockerfile', 'dockerfile'],
    ['Containerfile', 'dockerfile'],
    ['.devcontainer/devcontainer.json', 'devcontainer'],
    ['.devcontainer/python/devcontainer.json', 'devcontainer'],
    ['.devcontainer.json', 'devcontainer'],
    ['/etc/docker/daemon.json', 'daemon-json'],
    ['/etc/systemd/system/docker.service', 'systemd'],
    ['/etc/systemd/system/docker.service.d/override.conf', 'systemd'],
    ['/etc/default/docker', 'docker-defaults'],
    ['Makefile', 'makefile'],
    ['GNUmakefile', 'makefile'],
    ['rules/docker.mk', 'makefile'],
    ['scripts/deploy.sh', 'shell'],
    ['.github/workflows/ci.yml', 'github-actions'],
    ['.gitlab-ci.yml', 'gitlab-ci'],
    ['ci/deploy.gitlab-ci.yml', 'gitlab-ci'],
    ['/etc/gitlab-runner/config.toml', 'gitlab-runner'],
    ['docker-compose.yml', 'compose'],
    ['compose.override.yaml', 'compose'],
    ['docker-compose.prod.yml', 'compose'],
  ];
  for (const [name, kind] of byName) {
    it(`recognises ${name} as ${kind}`, () => assert.equal(detectKind(name, ''), kind));
  }

  it('recognises Compose by a top-level services mapping', () => {
    assert.equal(detectKind('stack.yml', 'version: "3"\nservices:\n  a: {}\n'), 'compose');
  });

  it('recognises Kubernetes by apiVersion and kind, and Helm by templates', () => {
    const manifest = 'apiVersion: v1\nkind: Pod\n';
    assert.equal(detectKind('pod.yaml', manifest), 'kubernetes');
    assert.equal(detectKind('chart/templates/pod.yaml', manifest), 'helm');
    assert.equal(
      detectKind('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n'),
      'helm',
    );
  });

  it('reads a shell script by its shebang', () => {
    assert.equal(detectKind('bin/run', '#!/usr/bin/env bash\necho hi\n'), 'shell');
    assert.equal(detectKind('bin/run', '#!/bin/sh\n'), 'shell');
    assert.equal(detectKind('bin/run', '#!/usr/bin/python3\n'), undefined);
  });

  it('ignores plain YAML and unknown files', () => {
    assert.equal(detectKind('config/app.yaml', 'name: x\nitems: [1, 2]\n'), undefined);
    assert.equal(detectKind('README.md', '/var/run/docker.sock'), undefined);
    assert.equal(detectKind('config.toml', '[server]\n'), undefined);
  });

  it('takes the editor language id when the name says nothing', () => {
    assert.equal(detectKind('untitled-1', '', 'dockerfile'), 'dockerfile');
    assert.equal(detectKind('untitled-2', '', 'shellscript'), 'shell');
    assert.equal(detectKind('untitled-3', '[[runners]]\n', 'toml'), 'gitlab-runner');
  });
});
