import { strict as assert } from 'node:assert';
import { explainFinding, explainFindings } from '../../shared/explain';
import { makeFinding } from '../../shared/model/build';
import type { FindingFacts, RuleId } from '../../shared/model/finding';
import { LineIndex } from '../../shared/text/lines';

const DOCS = 'https://github.com/docker-socket-guard/docker-socket-guard/blob/main/docs/rules/';

/** A finding on the first occurrence of `node` in `text`. */
function findingIn(
  text: string,
  node: string,
  ruleId: RuleId,
  message: string,
  facts: FindingFacts,
) {
  const start = text.indexOf(node);
  assert.ok(start >= 0, `${node} is not in the text`);
  return makeFinding(ruleId, new LineIndex(text).span(start, start + node.length), message, facts);
}

/** The bullet lines of the "Safer options" section. */
function remedies(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('- '));
}

/** The first words of each safer option, enough to tell them apart. */
function remedyHeads(markdown: string): string[] {
  return remedies(markdown).map((line) => line.split(' ').slice(1, 9).join(' '));
}

const COMPOSE = [
  'services:',
  '  watcher:',
  '    image: containrrr/watchtower',
  '    volumes:',
  '      - /var/run/docker.sock:/var/run/docker.sock:ro',
  '',
].join('\n');

const composeMount = findingIn(
  COMPOSE,
  '/var/run/docker.sock:/var/run/docker.sock:ro',
  'DSG001',
  'Service "watcher" mounts the Docker socket /var/run/docker.sock read-only ' +
    '(read-only does not limit the API)',
  {
    exposure: 'socket-mount',
    owner: { kind: 'service', name: 'watcher' },
    hostPath: '/var/run/docker.sock',
    normalisedPath: '/run/docker.sock',
    engine: 'docker',
    readOnly: true,
    target: '/var/run/docker.sock',
    image: 'containrrr/watchtower',
  },
);

describe('explainFinding', () => {
  it('writes the whole threat model of a read-only socket mount in Compose', () => {
    assert.equal(
      explainFinding(composeMount, 'compose', COMPOSE),
      [
        '**DSG001 · Container engine socket mounted into a container**',
        '',
        '**What is exposed.** Service "watcher" mounts the Docker socket /var/run/docker.sock ' +
          'read-only (read-only does not limit the API) (line 5: ' +
          '`/var/run/docker.sock:/var/run/docker.sock:ro`).',
        '',
        '**What an attacker can do.** Anyone who gets code execution in service "watcher" ' +
          '(a vulnerable dependency, a compromised image, an injected build step) can send ' +
          'requests to the Docker API through `/var/run/docker.sock` and start a new container ' +
          "with the host's `/` bind-mounted, `--privileged`, `--pid=host` and `--net=host`, then " +
          '`chroot` into the host filesystem: that is root on the host, and control of every ' +
          'other container on it. The socket asks for no password: whoever can open it is the ' +
          "engine's administrator.",
        '',
        '**Read-only does not help.** A read-only mount stops the container from replacing or ' +
          'deleting the socket file; connecting to the socket and sending API requests writes ' +
          'nothing to the filesystem, so the whole API still answers.',
        '',
        '**Safer options.**',
        '- Remove the mount unless this container really has to drive the engine.',
        '- Put a filtering socket proxy in front of the socket (such as ' +
          '`tecnativa/docker-socket-proxy`) and let this container reach only the proxy, with ' +
          'nothing but the API calls it needs allowed.',
        '- Serve the Docker API over TLS with client certificates (`--tlsverify`, port 2376) ' +
          'and give the container a certificate instead of the socket, so each client is known ' +
          'and can be revoked.',
        '- Run the container with the Sysbox runtime (`runtime: sysbox-runc` on the service), ' +
          "which gives it a Docker daemon of its own without privileges and without the host's " +
          'socket.',
        '',
        `[DSG001 rule reference](${DOCS}DSG001.md)`,
      ].join('\n'),
    );
  });

  it('leaves out the read-only section for a writable mount', () => {
    const writable = { ...composeMount, facts: { ...composeMount.facts, readOnly: false } };
    assert.equal(explainFinding(writable, 'compose', COMPOSE).includes('Read-only'), false);
  });

  it('names only the line when it has no text to quote', () => {
    assert.match(
      explainFinding(composeMount, 'compose'),
      /^\*\*What is exposed\.\*\* .* limit the API\) \(line 5\)\.$/m,
    );
  });

  it('writes the plaintext daemon of daemon.json: the network, TLS on 2376 and a context', () => {
    const text = '{\n  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]\n}\n';
    const finding = findingIn(
      text,
      '"tcp://0.0.0.0:2375"',
      'DSG003',
      'Daemon "dockerd" serves the Docker API on tcp://0.0.0.0:2375 without TLS',
      {
        exposure: 'plaintext-tcp',
        owner: { kind: 'daemon', name: 'dockerd' },
        endpoint: 'tcp://0.0.0.0:2375',
      },
    );
    assert.equal(
      explainFinding(finding, 'daemon-json', text),
      [
        '**DSG003 · Docker daemon API over TCP without TLS**',
        '',
        '**What is exposed.** Daemon "dockerd" serves the Docker API on tcp://0.0.0.0:2375 ' +
          'without TLS (line 2: `"tcp://0.0.0.0:2375"`).',
        '',
        '**What an attacker can do.** Anyone on the network who reaches `tcp://0.0.0.0:2375` ' +
          'can drive the daemon, not only the clients it was opened for: plain TCP asks for no ' +
          'certificate and no password. With the API they can start a new container with the ' +
          "host's " +
          '`/` bind-mounted, `--privileged`, `--pid=host` and `--net=host`, then `chroot` into ' +
          'the host filesystem: that is root on the host, and control of every other container ' +
          'on it.',
        '',
        '**Safer options.**',
        '- Move from 2375 to 2376 with `--tlsverify` and a CA, server certificate and key, and ' +
          'give clients `DOCKER_TLS_VERIFY=1` with their own certificate.',
        '- Reach the daemon through a Docker context over SSH (`docker context create remote ' +
          '--docker host=ssh://user@host`), so SSH keys guard the API instead of an open port.',
        '',
        `[DSG003 rule reference](${DOCS}DSG003.md)`,
      ].join('\n'),
    );
  });

  it('adds the clear-text client risk when a container points DOCKER_HOST at 2375', () => {
    const text = 'variables:\n  DOCKER_HOST: tcp://docker:2375\n';
    const finding = findingIn(
      text,
      'tcp://docker:2375',
      'DSG003',
      'Job "build" points DOCKER_HOST at tcp://docker:2375 without TLS',
      {
        exposure: 'plaintext-tcp',
        owner: { kind: 'job', name: 'build' },
        endpoint: 'tcp://docker:2375',
      },
    );
    const markdown = explainFinding(finding, 'gitlab-ci', text);
    assert.ok(
      markdown.includes(
        'The requests of job "build" travel in clear text as well, so whoever sits on the path ' +
          'can read or rewrite them, registry credentials included.',
      ),
    );
    assert.equal(remedies(markdown).length, 2);
  });

  it('explains a root mount in Kubernetes with the socket directory, a proxy and Sysbox', () => {
    const text = 'volumes:\n  - name: host\n    hostPath:\n      path: /\n';
    const finding = findingIn(
      text,
      '/\n',
      'DSG002',
      'Pod "debug" volume "host" mounts host directory /, which holds the Docker socket',
      {
        exposure: 'socket-dir-mount',
        owner: { kind: 'pod', name: 'debug' },
        hostPath: '/',
        normalisedPath: '/',
        engine: 'docker',
        target: '/host',
      },
    );
    const markdown = explainFinding(finding, 'kubernetes', text);
    assert.ok(
      markdown.includes(
        '**What an attacker can do.** `/` contains the Docker socket, so the socket sits ' +
          'somewhere under `/host` inside the container. Anyone who gets code execution in pod ' +
          '"debug" can connect to it and start a new container',
      ),
    );
    assert.ok(markdown.includes(' The whole host filesystem is mounted, so besides the socket'));
    assert.deepEqual(remedyHeads(markdown), [
      'Mount only the subfolder the container needs, one',
      'Put a filtering socket proxy in front of',
      'Serve the Docker API over TLS with client',
      'Run the container with the Sysbox runtime (`runtimeClassName:',
    ]);
    assert.ok(markdown.includes('(`runtimeClassName: sysbox-runc` in the pod spec)'));
  });

  it('writes containerd in its own terms', () => {
    const text = 'docker run -v /run/containerd/containerd.sock:/c.sock img\n';
    const finding = findingIn(
      text,
      '/run/containerd/containerd.sock',
      'DSG001',
      'Command docker run mounts the containerd socket /run/containerd/containerd.sock',
      {
        exposure: 'socket-mount',
        owner: { kind: 'command', name: 'docker run' },
        hostPath: '/run/containerd/containerd.sock',
        engine: 'containerd',
        target: '/c.sock',
      },
    );
    const markdown = explainFinding(finding, 'shell', text);
    assert.ok(
      markdown.includes(
        'can send requests to the containerd API through `/c.sock` and create a container ' +
          'through that API (with `ctr`, `crictl` or a few lines of gRPC)',
      ),
    );
    assert.deepEqual(remedyHeads(markdown), [
      'Remove the mount unless this container really has',
      'Run the `docker` commands from the script or',
      'Serve the Docker API over TLS with client',
      'Run the container with the Sysbox runtime (`docker',
    ]);
  });

  it('writes unverified TLS with both ends to fix', () => {
    const text = 'export DOCKER_HOST=tcp://build:2376 DOCKER_TLS_VERIFY=\n';
    const finding = findingIn(
      text,
      'tcp://build:2376',
      'DSG004',
      'Command export uses TLS on tcp://build:2376 without verification',
      {
        exposure: 'tls-unverified',
        owner: { kind: 'command', name: 'export' },
        endpoint: 'tcp://build:2376',
      },
    );
    const markdown = explainFinding(finding, 'shell', text);
    assert.ok(
      markdown.includes('anyone who reaches `tcp://build:2376` is served as if they held one'),
    );
    assert.deepEqual(remedies(markdown), [
      '- Turn verification on at both ends: `--tlsverify` (or `"tlsverify": true`) on the daemon ' +
        'with the CA of the client certificates, `DOCKER_TLS_VERIFY=1` on the client.',
      '- Reach the daemon through a Docker context over SSH (`docker context create remote ' +
        '--docker host=ssh://user@host`), so SSH keys guard the API instead of an open port.',
    ]);
  });

  it('writes privileged Docker-in-Docker with devices and modules, and Sysbox first', () => {
    const text = 'services:\n  docker:\n    image: docker:27-dind\n    privileged: true\n';
    const finding = findingIn(
      text,
      'privileged: true',
      'DSG005',
      'Service "docker" runs the Docker-in-Docker image docker:27-dind privileged',
      {
        exposure: 'privileged-dind',
        owner: { kind: 'service', name: 'docker' },
        image: 'docker:27-dind',
      },
    );
    const markdown = explainFinding(finding, 'github-actions', text);
    assert.ok(
      markdown.includes(
        'Privileged mode lifts the isolation of service "docker" (`docker:27-dind`): it sees ' +
          'every host device (the disks under `/dev` included), holds every capability, can ' +
          'load kernel modules',
      ),
    );
    assert.deepEqual(remedyHeads(markdown), [
      'Run the container with the Sysbox runtime (`docker',
      'Serve the Docker API over TLS with client',
    ]);
  });

  it('says why a trusted proxy is information and what still matters', () => {
    const trusted = makeFinding(composeMount.ruleId, composeMount.span, composeMount.message, {
      ...composeMount.facts,
      image: 'tecnativa/docker-socket-proxy:0.3',
      trusted: true,
      readOnly: false,
    });
    assert.ok(
      explainFinding(trusted, 'compose', COMPOSE).includes(
        '**Trusted consumer.** `tecnativa/docker-socket-proxy:0.3` is on the trusted list (a ' +
          'filtering proxy), so this is reported as information.',
      ),
    );
  });

  it('quotes a long or multi-line node up to 80 characters and marks the cut', () => {
    const text = `x: ${'a'.repeat(90)}\ny: \`b\`\n  more\n`;
    const long = findingIn(text, 'a'.repeat(90), 'DSG001', 'm', {
      exposure: 'api-socket-flag',
      owner: { kind: 'file', name: 'x' },
    });
    const multi = findingIn(text, '`b`\n  more', 'DSG001', 'm', {
      exposure: 'api-socket-flag',
      owner: { kind: 'file', name: 'x' },
    });
    assert.ok(explainFinding(long, undefined, text).includes(`(line 1: \`${'a'.repeat(80)}…\`)`));
    assert.ok(explainFinding(multi, undefined, text).includes('(line 2: `` `b`… ``)'));
    assert.ok(explainFinding(multi, undefined, text).includes('through the socket it is handed'));
  });

  it('separates several findings under one cursor', () => {
    const both = explainFindings([composeMount, composeMount], 'compose', COMPOSE);
    assert.equal(both.split('\n\n---\n\n').length, 2);
  });
});
