import { strict as assert } from 'assert';
import { fixed, lines, offered } from './fix.helpers';

/** Exact results of the fixes of dev container, daemon and GitLab Runner configuration. */

const DEVCONTAINER = '.devcontainer/devcontainer.json';

describe('fix: dev containers', () => {
  const MOUNTS = lines(
    '{',
    '  "name": "tools",',
    '  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",',
    '  "mounts": [',
    '    "source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind",',
    '    "source=${localWorkspaceFolder}/.cache,target=/cache,type=bind"',
    '  ]',
    '}',
  );
  const ONLY = lines(
    '{',
    '  "name": "tools",',
    '  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",',
    '  "mounts": [',
    '    "source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind"',
    '  ],',
    '  "remoteUser": "vscode"',
    '}',
  );
  const FEATURE = lines(
    '{',
    '  // Docker from the host',
    '  "name": "tools",',
    '  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",',
    '  "features": {',
    '    "ghcr.io/devcontainers/features/docker-outside-of-docker:1": {}',
    '  }',
    '}',
  );

  it('removes a mount string with its comma', () => {
    assert.equal(
      fixed(DEVCONTAINER, MOUNTS, '/var/run/docker.sock,', 'remove'),
      lines(
        '{',
        '  "name": "tools",',
        '  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",',
        '  "mounts": [',
        '    "source=${localWorkspaceFolder}/.cache,target=/cache,type=bind"',
        '  ]',
        '}',
      ),
    );
  });

  it('removes the mounts property it leaves empty', () => {
    assert.equal(
      fixed(DEVCONTAINER, ONLY, '/var/run/docker.sock,', 'remove'),
      lines(
        '{',
        '  "name": "tools",',
        '  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",',
        '  "remoteUser": "vscode"',
        '}',
      ),
    );
  });

  it('mounts client certificates and sets containerEnv for TLS', () => {
    assert.equal(
      fixed(DEVCONTAINER, ONLY, '/var/run/docker.sock,', 'tls'),
      lines(
        '{',
        '  "name": "tools",',
        '  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",',
        '  "mounts": [',
        '    "source=${localWorkspaceFolder}/.devcontainer/docker-certs,target=/certs/client,type=bind,readonly"',
        '  ],',
        '  "remoteUser": "vscode",',
        '  "containerEnv": {',
        '    "DOCKER_HOST": "tcp://<daemon-host>:2376",',
        '    "DOCKER_TLS_VERIFY": "1",',
        '    "DOCKER_CERT_PATH": "/certs/client"',
        '  }',
        '}',
      ),
    );
  });

  it('switches docker-outside-of-docker to docker-in-docker under Sysbox', () => {
    assert.deepEqual(offered(DEVCONTAINER, FEATURE, 'docker-outside'), [
      'remove*',
      'sysbox',
      'suppress',
    ]);
    assert.equal(
      fixed(DEVCONTAINER, FEATURE, 'docker-outside', 'sysbox'),
      lines(
        '{',
        '  // Docker from the host',
        '  "name": "tools",',
        '  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",',
        '  "features": {',
        '    "ghcr.io/devcontainers/features/docker-in-docker:2": {}',
        '  },',
        '  "runArgs": ["--runtime=sysbox-runc"]',
        '}',
      ),
    );
  });

  it('suppresses with a // comment', () => {
    assert.equal(
      fixed(DEVCONTAINER, FEATURE, 'docker-outside', 'suppress'),
      lines(
        '{',
        '  // Docker from the host',
        '  "name": "tools",',
        '  "image": "mcr.microsoft.com/devcontainers/base:ubuntu",',
        '  "features": {',
        '    // docker-socket-guard-ignore DSG001: <reason>',
        '    "ghcr.io/devcontainers/features/docker-outside-of-docker:1": {}',
        '  }',
        '}',
      ),
    );
  });

  it('removes a runArgs flag and its value, keeping a trailing comma', () => {
    const text = lines(
      '{',
      '  "image": "ubuntu",',
      '  "runArgs": ["--init", "-v", "/var/run/docker.sock:/x", "--rm",],',
      '}',
    );
    assert.equal(
      fixed(DEVCONTAINER, text, '/var/run/docker.sock', 'remove'),
      lines('{', '  "image": "ubuntu",', '  "runArgs": ["--init", "--rm",],', '}'),
    );
  });
});

describe('fix: daemon configuration', () => {
  it('serves daemon.json on 2376 with verification and certificates; no suppression', () => {
    const text = lines(
      '{',
      '  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"],',
      '  "log-driver": "journald"',
      '}',
    );
    assert.deepEqual(offered('daemon.json', text, 'tcp://0.0.0.0:2375'), ['tls*']);
    assert.equal(
      fixed('daemon.json', text, 'tcp://0.0.0.0:2375', 'tls'),
      lines(
        '{',
        '  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],',
        '  "log-driver": "journald",',
        '  "tlsverify": true,',
        '  "tlscacert": "/etc/docker/ca.pem",',
        '  "tlscert": "/etc/docker/server-cert.pem",',
        '  "tlskey": "/etc/docker/server-key.pem"',
        '}',
      ),
    );
  });

  it('adds --tlsverify and the certificates to a systemd ExecStart', () => {
    const text = lines(
      '[Service]',
      'ExecStart=',
      'ExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2375',
    );
    assert.equal(
      fixed('docker.service.d/override.conf', text, 'tcp://0.0.0.0:2375', 'tls'),
      lines(
        '[Service]',
        'ExecStart=',
        'ExecStart=/usr/bin/dockerd -H fd:// -H tcp://0.0.0.0:2376 --tlsverify --tlscacert=/etc/docker/ca.pem --tlscert=/etc/docker/server-cert.pem --tlskey=/etc/docker/server-key.pem',
      ),
    );
  });
});

describe('fix: GitLab Runner', () => {
  const RUNNER = lines(
    '[[runners]]',
    '  name = "builds"',
    '  executor = "docker"',
    '  [runners.docker]',
    '    image = "docker:27-dind"',
    '    privileged = true',
    '    volumes = ["/var/run/docker.sock:/var/run/docker.sock", "/cache"]',
  );

  it('removes a socket from volumes', () => {
    assert.equal(
      fixed('gitlab-runner/config.toml', RUNNER, '/var/run/docker.sock:', 'remove'),
      RUNNER.replace('"/var/run/docker.sock:/var/run/docker.sock", ', ''),
    );
  });

  it('runs Docker-in-Docker under Sysbox instead of privileged', () => {
    assert.equal(
      fixed('gitlab-runner/config.toml', RUNNER, 'privileged', 'sysbox'),
      RUNNER.replace('privileged = true', 'privileged = false\n    runtime = "sysbox-runc"'),
    );
  });
});
