import { strict as assert } from 'assert';
import { classifyHostPath, interpolate, normalisePath } from '../../shared/paths/normalise';

describe('path normalisation', () => {
  const cases: Array<[string, string]> = [
    ['/var/run/docker.sock', '/run/docker.sock'],
    ['//var/run/docker.sock', '/run/docker.sock'],
    ['/var//run///docker.sock', '/run/docker.sock'],
    ['/var/run/', '/run'],
    ['/var/run/./docker.sock', '/run/docker.sock'],
    ['/var/run/../run/docker.sock', '/run/docker.sock'],
    ['/run/user/1000/docker.sock', '/run/user/<uid>/docker.sock'],
    ['$HOME/.docker/run/docker.sock', '~/.docker/run/docker.sock'],
    ['/home/ana/.docker/run/docker.sock', '~/.docker/run/docker.sock'],
    ['${XDG_RUNTIME_DIR}/docker.sock', '/run/user/<uid>/docker.sock'],
    ['C:\\data\\x', '/data/x'],
    ['/../../', '/'],
    ['.', '.'],
    ['./data/../logs', 'logs'],
    ['', '.'],
  ];
  for (const [raw, expected] of cases) {
    it(`normalises ${JSON.stringify(raw)} to ${expected}`, () => {
      assert.equal(normalisePath(raw), expected);
    });
  }
});

describe('interpolation', () => {
  it('takes the default of ${VAR:-default} when unset', () => {
    assert.deepEqual(interpolate('${SOCK:-/var/run/docker.sock}'), {
      value: '/var/run/docker.sock',
      unresolved: false,
    });
  });

  it('takes the default of ${VAR:-default} when empty but not of ${VAR-default}', () => {
    assert.equal(interpolate('${S:-/run/docker.sock}', { S: '' }).value, '/run/docker.sock');
    assert.equal(interpolate('${S-/run/docker.sock}', { S: '' }).value, '');
  });

  it('prefers a given value over the default', () => {
    assert.equal(interpolate('${S:-/x}', { S: '/var/run' }).value, '/var/run');
  });

  it('resolves $VAR and ${VAR} from variables and keeps $$ literal', () => {
    assert.equal(interpolate('$A/${B}/$$C', { A: '/var', B: 'run' }).value, '/var/run/$C');
  });

  it('marks an unknown variable unresolved and leaves it as written', () => {
    assert.deepEqual(interpolate('${SOCK_DIR}/docker.sock'), {
      value: '${SOCK_DIR}/docker.sock',
      unresolved: true,
    });
  });

  it('gives ${VAR:+alt} the alternative only when set', () => {
    assert.equal(interpolate('${A:+/run}', { A: 'x' }).value, '/run');
    assert.equal(interpolate('${A:+/run}').value, '');
  });
});

describe('host path classification', () => {
  const sockets: Array<[string, string]> = [
    ['/var/run/docker.sock', 'docker'],
    ['/run/docker.sock', 'docker'],
    ['/run/user/1000/docker.sock', 'docker'],
    ['$XDG_RUNTIME_DIR/docker.sock', 'docker'],
    ['~/.docker/run/docker.sock', 'docker'],
    ['/run/containerd/containerd.sock', 'containerd'],
    ['/var/run/crio/crio.sock', 'crio'],
    ['/run/podman/podman.sock', 'podman'],
    ['/run/k3s/containerd/containerd.sock', 'k3s'],
    ['/var/run/cri-dockerd.sock', 'cri-dockerd'],
    ['${SOCK:-/var/run/docker.sock}', 'docker'],
    ['${UNSET_DIR}/docker.sock', 'docker'],
    ['/srv/forwarded/docker.sock', 'docker'],
  ];
  for (const [raw, engine] of sockets) {
    it(`calls ${raw} a ${engine} socket`, () => {
      const verdict = classifyHostPath(raw);
      assert.equal(verdict?.kind, 'socket');
      assert.equal(verdict?.engine, engine);
    });
  }

  const dirs = ['/', '/var', '/run', '/var/run', '/var/run/', '/run/containerd', '/var/run/docker'];
  for (const raw of [...dirs, '/run/user/1000', '/run/podman', '/var/run/crio', '~/.docker']) {
    it(`calls ${raw} a directory holding a socket`, () => {
      assert.equal(classifyHostPath(raw)?.kind, 'socket-dir');
    });
  }

  const harmless = [
    '/var/run/secrets',
    '/var/run/secrets/kubernetes.io/serviceaccount',
    '/var/run/dbus',
    '/run/dbus/system_bus_socket',
    '/var/lib/docker/containers',
    '/var/run/docker.sock.bak',
    '/tmp/docker.socket',
    '/var/run/docker-sock',
    './data',
    '$(pwd)',
    '~',
    '/home/ana',
    '/etc/ssl/certs',
  ];
  for (const raw of harmless) {
    it(`leaves ${raw} alone`, () => {
      assert.equal(classifyHostPath(raw), undefined);
    });
  }

  it('recognises the Windows engine pipe in both spellings', () => {
    assert.deepEqual(classifyHostPath('\\\\.\\pipe\\docker_engine'), {
      kind: 'pipe',
      normalised: '//./pipe/docker_engine',
      engine: 'docker',
    });
    assert.equal(classifyHostPath('//./pipe/docker_engine')?.kind, 'pipe');
    assert.equal(classifyHostPath('\\\\.\\pipe\\some_other_pipe'), undefined);
  });

  it('resolves variables from a .env before judging', () => {
    assert.equal(
      classifyHostPath('${HOST_ROOT}', { variables: { HOST_ROOT: '/' } })?.kind,
      'socket-dir',
    );
  });

  it('treats extra socket paths and directories from the settings as sockets', () => {
    const options = {
      extraSocketPaths: ['/opt/engine/api.sock'],
      extraSocketDirs: ['/srv/engines'],
    };
    assert.equal(classifyHostPath('/opt/engine/api.sock', options)?.kind, 'socket');
    assert.equal(classifyHostPath('/opt/engine', options)?.kind, 'socket-dir');
    assert.equal(classifyHostPath('/srv/engines/', options)?.kind, 'socket-dir');
    assert.equal(classifyHostPath('/srv', options)?.kind, 'socket-dir');
    assert.equal(classifyHostPath('/opt/other', options), undefined);
  });
});
