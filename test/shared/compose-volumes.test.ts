import { strict as assert } from 'assert';
import { brief, findingAt, fixture, relatedOf, runCompose } from './compose.helpers';

describe('compose: short-syntax volumes', () => {
  const text = fixture('volumes-short.positive.yaml');
  const { findings, notices } = runCompose(text);

  it('reports each socket, pipe and socket directory at the whole entry scalar, quotes included', () => {
    assert.deepEqual(brief(text, findings), [
      { rule: 'DSG001', at: '5:8-5:49', text: '/var/run/docker.sock:/var/run/docker.sock' },
      { rule: 'DSG001', at: '9:8-9:54', text: '"/var/run/docker.sock:/var/run/docker.sock:ro"' },
      { rule: 'DSG001', at: '13:8-13:52', text: "'/run/docker.sock:/var/run/docker.sock:ro,z'" },
      { rule: 'DSG001', at: '16:8-16:51', text: 'C:\\var\\run\\docker.sock:/var/run/docker.sock' },
      { rule: 'DSG001', at: '19:8-19:50', text: '//var/run/docker.sock:/var/run/docker.sock' },
      {
        rule: 'DSG001',
        at: '22:8-22:53',
        text: '\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine',
      },
      { rule: 'DSG001', at: '25:8-25:42', text: './docker.sock:/var/run/docker.sock' },
      { rule: 'DSG002', at: '28:8-28:29', text: '/var/run:/host/run:rw' },
      {
        rule: 'DSG001',
        at: '30:14-30:64',
        text: '"~/.docker/run/docker.sock:/var/run/docker.sock:Z"',
      },
      {
        rule: 'DSG001',
        at: '33:8-33:66',
        text: '${XDG_RUNTIME_DIR}/podman/podman.sock:/var/run/docker.sock',
      },
    ]);
    assert.deepEqual(notices, []);
  });

  it('gives the message, owner and facts a fix needs', () => {
    const found = findingAt(text, findings, '"/var/run/docker.sock:/var/run/docker.sock:ro"');
    assert.equal(found.severity, 'error');
    assert.equal(
      found.message,
      'Service "double" mounts the Docker socket /var/run/docker.sock read-only ' +
        '(read-only does not limit the API)',
    );
    assert.deepEqual(found.facts, {
      owner: { kind: 'service', name: 'double' },
      image: 'alpine',
      exposure: 'socket-mount',
      hostPath: '/var/run/docker.sock',
      normalisedPath: '/run/docker.sock',
      engine: 'docker',
      readOnly: true,
      target: '/var/run/docker.sock',
      detail: { service: 'double', index: 0, syntax: 'short' },
    });
  });

  it('reads modes with SELinux labels as read-only', () => {
    const found = findingAt(text, findings, "'/run/docker.sock");
    assert.equal(found.facts.readOnly, true);
    assert.equal(findingAt(text, findings, '/var/run:/host/run:rw').facts.readOnly, false);
  });

  it('splits Windows drive letters and pipes correctly', () => {
    const drive = findingAt(text, findings, 'C:\\var');
    assert.equal(drive.facts.hostPath, 'C:\\var\\run\\docker.sock');
    assert.equal(drive.facts.target, '/var/run/docker.sock');

    const pipe = findingAt(text, findings, '\\\\.\\pipe');
    assert.equal(
      pipe.message,
      'Service "pipe" mounts the Docker engine pipe \\\\.\\pipe\\docker_engine',
    );
    assert.equal(pipe.facts.normalisedPath, '//./pipe/docker_engine');
    assert.equal(pipe.facts.target, '\\\\.\\pipe\\docker_engine');
  });

  it('names the directory that holds the socket', () => {
    const dir = findingAt(text, findings, '/var/run:/host/run');
    assert.equal(dir.facts.exposure, 'socket-dir-mount');
    assert.equal(
      dir.message,
      'Service "directory" mounts host directory /var/run, which holds the Docker socket',
    );
  });

  it('keeps a variable that stands for a conventional path as written in the message', () => {
    const podman = findingAt(text, findings, '${XDG_RUNTIME_DIR}');
    assert.equal(
      podman.message,
      'Service "podman" mounts the Podman socket ${XDG_RUNTIME_DIR}/podman/podman.sock',
    );
    assert.equal(podman.facts.normalisedPath, '/run/user/<uid>/podman/podman.sock');
  });

  it('stays silent on named volumes, ordinary relative paths, anonymous volumes and lookalikes', () => {
    const negative = fixture('volumes-short.negative.yaml');
    assert.deepEqual(runCompose(negative), { findings: [], notices: [] });
  });
});

describe('compose: interpolated volume sources', () => {
  const spec = (volume: string) => `services:\n  app:\n    volumes:\n      - ${volume}\n`;

  it('takes the default of ${VAR:-default}, whose colon-dash does not split the entry', () => {
    const text = spec('${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock');
    const { findings } = runCompose(text);
    assert.deepEqual(brief(text, findings), [
      {
        rule: 'DSG001',
        at: '3:8-3:65',
        text: '${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock',
      },
    ]);
    assert.equal(findings[0]?.facts.hostPath, '${DOCKER_SOCK:-/var/run/docker.sock}');
    assert.equal(findings[0]?.facts.target, '/var/run/docker.sock');
    assert.equal(
      findings[0]?.message,
      'Service "app" mounts the Docker socket /var/run/docker.sock',
    );
  });

  it('takes the default of ${VAR-default} and keeps a mode after it', () => {
    const text = spec('"${SOCK-/run/docker.sock}:/var/run/docker.sock:ro"');
    const { findings } = runCompose(text);
    assert.deepEqual(
      brief(text, findings).map((b) => b.at),
      ['3:8-3:58'],
    );
    assert.equal(findings[0]?.facts.readOnly, true);
  });

  it('uses the variables the caller passes (a .env) over the default', () => {
    const text = spec('${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock');
    const elsewhere = runCompose(text, { variables: { DOCKER_SOCK: '/srv/app/data' } });
    assert.deepEqual(elsewhere.findings, []);

    const plainVar = spec('${SOCK}:/var/run/docker.sock');
    assert.deepEqual(runCompose(plainVar).findings, []);
    const given = runCompose(plainVar, { variables: { SOCK: '/var/run/docker.sock' } });
    assert.deepEqual(
      brief(plainVar, given.findings).map((b) => b.rule),
      ['DSG001'],
    );
    assert.equal(
      given.findings[0]?.message,
      'Service "app" mounts the Docker socket /var/run/docker.sock',
    );
  });

  it('splits an entry that is one variable after resolving it', () => {
    const text = spec('${SOCKET_VOLUME}');
    const options = {
      variables: { SOCKET_VOLUME: '/var/run/docker.sock:/var/run/docker.sock:ro' },
    };
    const { findings } = runCompose(text, options);
    assert.deepEqual(brief(text, findings), [
      { rule: 'DSG001', at: '3:8-3:24', text: '${SOCKET_VOLUME}' },
    ]);
    assert.equal(findings[0]?.facts.readOnly, true);
  });

  it('reads $$ as a literal dollar, which makes the source a volume name', () => {
    assert.deepEqual(runCompose(spec('$$SOCK:/var/run/docker.sock')).findings, []);
  });

  it('resolves $HOME to the home folder', () => {
    const text = spec('$HOME/.docker/run/docker.sock:/var/run/docker.sock');
    const { findings } = runCompose(text);
    assert.equal(findings[0]?.facts.normalisedPath, '~/.docker/run/docker.sock');
    assert.equal(
      findings[0]?.message,
      'Service "app" mounts the Docker socket ~/.docker/run/docker.sock',
    );
  });
});

describe('compose: long-syntax volumes', () => {
  const text = fixture('volumes-long.positive.yaml');
  const { findings } = runCompose(text);

  it('reports the source value of bind, untyped and npipe mounts', () => {
    assert.deepEqual(brief(text, findings), [
      { rule: 'DSG001', at: '6:16-6:36', text: '/var/run/docker.sock' },
      { rule: 'DSG001', at: '11:16-11:49', text: '"/run/containerd/containerd.sock"' },
      { rule: 'DSG001', at: '16:16-16:38', text: '\\\\.\\pipe\\docker_engine' },
      { rule: 'DSG002', at: '19:36-19:44', text: '/var/run' },
    ]);
  });

  it('takes read_only and the list index into the facts', () => {
    const bind = findingAt(text, findings, '/var/run/docker.sock');
    assert.equal(bind.facts.readOnly, true);
    assert.deepEqual(bind.facts.detail, { service: 'bind', index: 0, syntax: 'long' });

    const containerd = findingAt(text, findings, '"/run/containerd');
    assert.equal(containerd.facts.engine, 'containerd');
    assert.equal(
      containerd.message,
      'Service "untyped" mounts the containerd socket /run/containerd/containerd.sock',
    );
  });

  it('stays silent on volume, tmpfs and ordinary bind mounts', () => {
    assert.deepEqual(runCompose(fixture('volumes-long.negative.yaml')), {
      findings: [],
      notices: [],
    });
  });
});

describe('compose: named volumes bound to a host path', () => {
  const text = fixture('named-volumes.positive.yaml');
  const { findings } = runCompose(text);

  it('reports the device or mountpoint value, owned by the volume', () => {
    assert.deepEqual(brief(text, findings), [
      { rule: 'DSG001', at: '19:14-19:34', text: '/var/run/docker.sock' },
      { rule: 'DSG002', at: '21:53-21:63', text: '"/var/run"' },
      { rule: 'DSG002', at: '25:18-25:33', text: '/run/containerd' },
    ]);
    assert.deepEqual(
      findings.map((f) => f.facts.owner),
      [
        { kind: 'volume', name: 'dockersock' },
        { kind: 'volume', name: 'hostrun' },
        { kind: 'volume', name: 'persist' },
      ],
    );
  });

  it('names the volume and lists each service mount as a related location', () => {
    const sock = findingAt(text, findings, '/var/run/docker.sock');
    assert.equal(
      sock.message,
      'Volume "dockersock" mounts the Docker socket /var/run/docker.sock (used by service "agent")',
    );
    assert.deepEqual(relatedOf(sock), [
      'Service "agent" mounts volume "dockersock" at /var/run/docker.sock @ 5:8-5:39',
    ]);
    assert.deepEqual(sock.facts.detail, { volume: 'dockersock', option: 'device' });

    const run = findingAt(text, findings, '"/var/run"');
    assert.equal(run.facts.readOnly, true);
    assert.deepEqual(relatedOf(run), [
      'Service "monitor" mounts volume "hostrun" at /host/run @ 10:16-10:23',
    ]);
  });

  it('reports an unused bound volume without related locations', () => {
    const persist = findingAt(text, findings, '/run/containerd');
    assert.equal(
      persist.message,
      'Volume "persist" mounts host directory /run/containerd, which holds the containerd socket',
    );
    assert.deepEqual(persist.related, []);
  });

  it('does not fire the service mounts of those volumes again', () => {
    assert.equal(findings.filter((f) => f.facts.owner.kind === 'service').length, 0);
  });

  it('stays silent on ordinary bound, NFS, plain and external volumes', () => {
    assert.deepEqual(runCompose(fixture('named-volumes.negative.yaml')), {
      findings: [],
      notices: [],
    });
  });
});
