import { strict as assert } from 'assert';
import { fixed, lines, offered } from './fix.helpers';

/** Exact results of the fixes of shell, Makefile, Dockerfile and CI findings. */

const AGENT = lines(
  '#!/bin/sh',
  'docker run -d --name agent \\',
  '  -v /var/run/docker.sock:/var/run/docker.sock \\',
  '  ci/agent:3',
);

const DEPLOY = lines('#!/bin/sh', 'set -e', 'docker -H tcp://build-host:2375 ps');

describe('fix: shell scripts', () => {
  it('offers remove (preferred), TLS and a context; no suppression on a continued line', () => {
    assert.deepEqual(offered('agent.sh', AGENT, '/var/run/docker.sock:'), [
      'remove*',
      'tls',
      'context',
    ]);
  });

  it('removes a -v argument with its line and continuation', () => {
    assert.equal(
      fixed('agent.sh', AGENT, '/var/run/docker.sock:', 'remove'),
      lines('#!/bin/sh', 'docker run -d --name agent \\', '  ci/agent:3'),
    );
  });

  it('removes an argument in the middle of a line with the blanks before it', () => {
    const text = lines('#!/bin/sh', 'docker run --rm -v /var/run/docker.sock:/x -it alpine sh');
    assert.equal(
      fixed('agent.sh', text, '/var/run/docker.sock', 'remove'),
      lines('#!/bin/sh', 'docker run --rm -it alpine sh'),
    );
  });

  it('replaces a socket mount with TLS client settings and certificates', () => {
    assert.equal(
      fixed('agent.sh', AGENT, '/var/run/docker.sock:', 'tls'),
      lines(
        '#!/bin/sh',
        'docker run -d --name agent \\',
        '  -e DOCKER_HOST=tcp://{daemon-host}:2376 -e DOCKER_TLS_VERIFY=1 -e DOCKER_CERT_PATH=/certs/client -v ./docker-certs:/certs/client:ro \\',
        '  ci/agent:3',
      ),
    );
  });

  it('runs docker against a context instead of mounting the socket', () => {
    assert.equal(
      fixed('agent.sh', AGENT, '/var/run/docker.sock:', 'context'),
      lines(
        '#!/bin/sh',
        '# docker context create remote-docker --docker "host=tcp://<daemon-host>:2376,ca=$HOME/.docker/ca.pem,cert=$HOME/.docker/cert.pem,key=$HOME/.docker/key.pem"',
        'docker --context remote-docker run -d --name agent \\',
        '  ci/agent:3',
      ),
    );
  });

  it('moves a client -H to 2376 with --tlsverify', () => {
    assert.equal(
      fixed('deploy.sh', DEPLOY, 'tcp://build-host:2375', 'tls'),
      lines('#!/bin/sh', 'set -e', 'docker -H tcp://build-host:2376 --tlsverify ps'),
    );
  });

  it('replaces -H with a Docker context', () => {
    assert.equal(
      fixed('deploy.sh', DEPLOY, 'tcp://build-host:2375', 'context'),
      lines(
        '#!/bin/sh',
        'set -e',
        '# docker context create remote-docker --docker "host=tcp://build-host:2376,ca=$HOME/.docker/ca.pem,cert=$HOME/.docker/cert.pem,key=$HOME/.docker/key.pem"',
        'docker --context remote-docker ps',
      ),
    );
  });

  it('suppresses above the command', () => {
    assert.equal(
      fixed('deploy.sh', DEPLOY, 'tcp://build-host:2375', 'suppress'),
      lines(
        '#!/bin/sh',
        'set -e',
        '# docker-socket-guard-ignore DSG003: <reason>',
        'docker -H tcp://build-host:2375 ps',
      ),
    );
  });

  it('exports DOCKER_TLS_VERIFY with a DOCKER_HOST moved to 2376', () => {
    const text = lines('#!/bin/sh', 'export DOCKER_HOST=tcp://localhost:2375', 'docker info');
    assert.equal(
      fixed('env.sh', text, 'tcp://localhost:2375', 'tls'),
      lines(
        '#!/bin/sh',
        'export DOCKER_HOST=tcp://localhost:2376 DOCKER_TLS_VERIFY=1',
        'docker info',
      ),
    );
  });

  it('runs Docker-in-Docker under Sysbox', () => {
    const text = lines('#!/bin/sh', 'docker run -d --privileged --name dind docker:27-dind');
    assert.equal(
      fixed('dind.sh', text, '--privileged', 'sysbox'),
      lines('#!/bin/sh', 'docker run -d --runtime=sysbox-runc --name dind docker:27-dind'),
    );
  });

  it('turns TLS on for a dind container and publishes 2376', () => {
    const text = lines(
      '#!/bin/sh',
      'docker run -d -p 2375:2375 -e DOCKER_TLS_CERTDIR= docker:27-dind',
    );
    assert.equal(
      fixed('dind.sh', text, 'DOCKER_TLS_CERTDIR=', 'tls'),
      lines('#!/bin/sh', 'docker run -d -p 2375:2375 -e DOCKER_TLS_CERTDIR=/certs docker:27-dind'),
    );
    assert.equal(
      fixed('dind.sh', text, '2375:2375', 'tls'),
      lines('#!/bin/sh', 'docker run -d -p 2376:2376 -e DOCKER_TLS_CERTDIR= docker:27-dind'),
    );
  });
});

describe('fix: Makefile and Dockerfile', () => {
  it('exports DOCKER_TLS_VERIFY after an exported DOCKER_HOST moved to 2376', () => {
    const text = lines(
      'export DOCKER_HOST := tcp://build-host:2375',
      '',
      'images:',
      '\tdocker build -t app .',
    );
    assert.equal(
      fixed('Makefile', text, 'tcp://build-host:2375', 'tls'),
      lines(
        'export DOCKER_HOST := tcp://build-host:2376',
        'export DOCKER_TLS_VERIFY := 1',
        '',
        'images:',
        '\tdocker build -t app .',
      ),
    );
  });

  it('writes the context comment in a recipe with $$ for the shell', () => {
    const text = lines('agent:', '\tdocker -H tcp://build-host:2375 ps');
    assert.equal(
      fixed('Makefile', text, 'tcp://build-host:2375', 'context'),
      lines(
        'agent:',
        '\t# docker context create remote-docker --docker "host=tcp://build-host:2376,ca=$$HOME/.docker/ca.pem,cert=$$HOME/.docker/cert.pem,key=$$HOME/.docker/key.pem"',
        '\tdocker --context remote-docker ps',
      ),
    );
  });

  it('moves ENV DOCKER_HOST to 2376 and sets DOCKER_TLS_VERIFY for the stage', () => {
    const text = lines(
      'FROM alpine:3.20',
      'ENV DOCKER_HOST=tcp://build-host:2375',
      'RUN docker info',
    );
    assert.equal(
      fixed('Dockerfile', text, 'tcp://build-host:2375', 'tls'),
      lines(
        'FROM alpine:3.20',
        'ENV DOCKER_HOST=tcp://build-host:2376',
        'ENV DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=/certs/client',
        'RUN docker info',
      ),
    );
  });

  it('sets the stage DOCKER_TLS_VERIFY that turned verification off', () => {
    const text = lines(
      'FROM alpine:3.20',
      'ENV DOCKER_TLS_VERIFY=0 \\',
      '    DOCKER_HOST="tcp://daemon:2376"',
    );
    assert.equal(
      fixed('Dockerfile', text, 'tcp://daemon:2376', 'tls'),
      lines(
        'FROM alpine:3.20',
        'ENV DOCKER_TLS_VERIFY=1 \\',
        '    DOCKER_HOST="tcp://daemon:2376"',
      ),
    );
  });

  it('serves a dockerd of an exec-form CMD over TLS', () => {
    const text = lines('FROM docker:27-dind', 'CMD ["--host=tcp://0.0.0.0:2375"]');
    assert.equal(
      fixed('Dockerfile', text, 'tcp://0.0.0.0:2375', 'tls'),
      lines(
        'FROM docker:27-dind',
        'CMD ["--host=tcp://0.0.0.0:2376", "--tlsverify", "--tlscacert=/etc/docker/ca.pem", "--tlscert=/etc/docker/server-cert.pem", "--tlskey=/etc/docker/server-key.pem"]',
      ),
    );
  });

  it('removes a docker run mount of a RUN instruction, and suppresses above it', () => {
    const text = lines(
      'FROM docker:27-cli',
      'RUN docker run --rm -v /var/run/docker.sock:/var/run/docker.sock alpine true',
    );
    assert.equal(
      fixed('Dockerfile', text, '/var/run/docker.sock', 'remove'),
      lines('FROM docker:27-cli', 'RUN docker run --rm alpine true'),
    );
    assert.equal(
      fixed('Dockerfile', text, '/var/run/docker.sock', 'suppress'),
      lines(
        'FROM docker:27-cli',
        '# docker-socket-guard-ignore DSG001: <reason>',
        'RUN docker run --rm -v /var/run/docker.sock:/var/run/docker.sock alpine true',
      ),
    );
  });
});

describe('fix: CI files', () => {
  it('removes a job container volume and its emptied key', () => {
    const text = lines(
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-24.04',
      '    container:',
      '      image: node:22',
      '      volumes:',
      '        - /var/run/docker.sock:/var/run/docker.sock',
      '    steps:',
      '      - run: npm test',
    );
    assert.equal(
      fixed('.github/workflows/build.yml', text, '/var/run/docker.sock', 'remove'),
      lines(
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-24.04',
        '    container:',
        '      image: node:22',
        '    steps:',
        '      - run: npm test',
      ),
    );
  });

  it('puts the context comment inside a literal run script', () => {
    const text = lines(
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-24.04',
      '    steps:',
      '      - run: |',
      '          docker -H tcp://builder:2375 build .',
    );
    assert.equal(
      fixed('.github/workflows/build.yml', text, 'tcp://builder:2375', 'context'),
      lines(
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-24.04',
        '    steps:',
        '      - run: |',
        '          # docker context create remote-docker --docker "host=tcp://builder:2376,ca=$HOME/.docker/ca.pem,cert=$HOME/.docker/cert.pem,key=$HOME/.docker/key.pem"',
        '          docker --context remote-docker build .',
      ),
    );
  });

  const GITLAB = lines(
    'build:',
    '  image: docker:27',
    '  services:',
    '    - docker:27-dind',
    '  variables:',
    '    DOCKER_HOST: tcp://docker:2375',
    '    DOCKER_TLS_CERTDIR: ""',
    '  script:',
    '    - docker build .',
  );

  it('moves GitLab DOCKER_HOST to 2376 with verification beside it', () => {
    assert.equal(
      fixed('.gitlab-ci.yml', GITLAB, 'tcp://docker:2375', 'tls'),
      lines(
        'build:',
        '  image: docker:27',
        '  services:',
        '    - docker:27-dind',
        '  variables:',
        '    DOCKER_HOST: tcp://docker:2376',
        '    DOCKER_TLS_CERTDIR: ""',
        '    DOCKER_TLS_VERIFY: "1"',
        '    DOCKER_CERT_PATH: /certs/client',
        '  script:',
        '    - docker build .',
      ),
    );
  });

  it('sets DOCKER_TLS_CERTDIR to /certs', () => {
    assert.equal(
      fixed('.gitlab-ci.yml', GITLAB, '""', 'tls'),
      GITLAB.replace('DOCKER_TLS_CERTDIR: ""', 'DOCKER_TLS_CERTDIR: "/certs"'),
    );
  });

  it('removes a folded script line whole, so the command stays one line', () => {
    const text = lines(
      'deploy:',
      '  script:',
      '    - >',
      '      docker run --rm',
      '      -v /var/run/docker.sock:/var/run/docker.sock',
      '      "$IMAGE" migrate',
    );
    assert.equal(
      fixed('.gitlab-ci.yml', text, '/var/run/docker.sock', 'remove'),
      lines('deploy:', '  script:', '    - >', '      docker run --rm', '      "$IMAGE" migrate'),
    );
  });
});
