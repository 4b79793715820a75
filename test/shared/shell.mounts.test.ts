import { strict as assert } from 'assert';
import { brief, briefOf, fixture, only, relatedOf, scan, where } from './shell.helpers';

describe('shell: socket and socket-directory mounts', () => {
  it('reports -v of the Docker socket on the host path with message and facts', () => {
    const text = 'docker run -v /var/run/docker.sock:/var/run/docker.sock alpine';
    const finding = only(text);
    assert.equal(finding.ruleId, 'DSG001');
    assert.equal(finding.severity, 'error');
    assert.equal(where(finding.span), '0:14-0:34');
    assert.equal(
      finding.message,
      'Command docker run mounts the Docker socket /var/run/docker.sock',
    );
    assert.deepEqual(finding.facts, {
      exposure: 'socket-mount',
      owner: { kind: 'command', name: 'docker run' },
      hostPath: '/var/run/docker.sock',
      normalisedPath: '/run/docker.sock',
      engine: 'docker',
      readOnly: false,
      target: '/var/run/docker.sock',
      image: 'alpine',
      detail: { command: 'docker run', flag: '-v', wordStart: 11, wordEnd: 55 },
    });
  });

  it('reads every spelling of the volume flag: -v=, --volume=, --volume x, -v/x, -itv x', () => {
    const text = [
      'docker run -v=/var/run/docker.sock:/a x',
      'docker run --volume=/run/docker.sock:/b x',
      'docker run --volume /var/run/docker.sock:/c x',
      'docker run -v/var/run/docker.sock:/d x',
      'docker run -itv /var/run/docker.sock:/e x',
    ].join('\n');
    assert.deepEqual(briefOf(text), [
      'DSG001 error 0:14-0:34 "/var/run/docker.sock"',
      'DSG001 error 1:20-1:36 "/run/docker.sock"',
      'DSG001 error 2:20-2:40 "/var/run/docker.sock"',
      'DSG001 error 3:13-3:33 "/var/run/docker.sock"',
      'DSG001 error 4:16-4:36 "/var/run/docker.sock"',
    ]);
    const cluster = scan(text).findings[4];
    assert.deepEqual(cluster?.facts.detail, {
      command: 'docker run',
      flag: '-v',
      wordStart: 178,
      wordEnd: 206,
    });
  });

  it('spans exactly the host path characters inside quotes and escapes', () => {
    const text = [
      'docker run -v "/var/run/docker.sock":/s a',
      "docker run -v '/var/run/docker.sock:/s:ro' a",
      'docker run -v /var/run/docker\\.sock:/s a',
    ].join('\n');
    assert.deepEqual(briefOf(text), [
      'DSG001 error 0:15-0:35 "/var/run/docker.sock"',
      'DSG001 error 1:15-1:35 "/var/run/docker.sock"',
      'DSG001 error 2:14-2:35 "/var/run/docker\\\\.sock"',
    ]);
    assert.equal(scan(text).findings[1]?.facts.readOnly, true);
    assert.equal(
      scan(text).findings[1]?.message,
      'Command docker run mounts the Docker socket /var/run/docker.sock read-only (read-only does not limit the API)',
    );
  });

  it('reads --mount bind sources in any key order, quoted or not; a volume mount never fires', () => {
    const text = [
      'docker run --mount "readonly,target=/s,source=/var/run/docker.sock,type=bind" a',
      'docker run --mount=dst=/h,type=bind,src=/var/run a',
      "docker run --mount 'type=bind,destination=/c,ro=true,source=/run/containerd/containerd.sock' a",
      'docker run --mount type=volume,src=docker.sock,dst=/var/run/docker.sock a',
      'docker run --mount source=/var/run/docker.sock,target=/s a',
    ].join('\n');
    assert.deepEqual(briefOf(text), [
      'DSG001 error 0:46-0:66 "/var/run/docker.sock"',
      'DSG002 error 1:40-1:48 "/var/run"',
      'DSG001 error 2:60-2:91 "/run/containerd/containerd.sock"',
    ]);
    const [first, second, third] = scan(text).findings;
    assert.deepEqual([first?.facts.readOnly, first?.facts.target], [true, '/s']);
    assert.equal(
      second?.message,
      'Command docker run mounts host directory /var/run, which holds the Docker socket',
    );
    assert.deepEqual([third?.facts.engine, third?.facts.readOnly], ['containerd', true]);
  });

  it('reads Windows engine pipes in -v and --mount type=npipe', () => {
    const text = [
      'docker run -v //./pipe/docker_engine://./pipe/docker_engine a',
      "docker run --mount 'type=npipe,source=\\\\.\\pipe\\docker_engine,target=\\\\.\\pipe\\docker_engine' a",
    ].join('\n');
    const { findings } = scan(text);
    assert.deepEqual(brief(text, findings), [
      'DSG001 error 0:14-0:36 "//./pipe/docker_engine"',
      'DSG001 error 1:38-1:60 "\\\\\\\\.\\\\pipe\\\\docker_engine"',
    ]);
    assert.equal(
      findings[1]?.message,
      'Command docker run mounts the Docker engine pipe \\\\.\\pipe\\docker_engine',
    );
  });

  it('reads docker service create mounts and published ports; a proxy image is trusted', () => {
    const text =
      'docker service create --mount type=bind,src=/var/run/docker.sock,dst=/s ' +
      '--publish published=2375,target=2375 tecnativa/docker-socket-proxy';
    const { findings } = scan(text);
    assert.deepEqual(brief(text, findings), [
      'DSG001 information 0:44-0:64 "/var/run/docker.sock"',
      'DSG003 information 0:82-0:108 "published=2375,target=2375"',
    ]);
    assert.deepEqual(
      findings.map((f) => [f.facts.owner.name, f.facts.trusted]),
      [
        ['docker service create', true],
        ['docker service create', true],
      ],
    );
  });

  it('follows LF continuations and keeps the flag and value span for the fix', () => {
    const text = 'docker run --rm \\\n  -v \\\n    /var/run/docker.sock:/s \\\n  alpine\n';
    const finding = only(text);
    assert.equal(where(finding.span), '2:4-2:24');
    assert.deepEqual(finding.facts.detail, {
      command: 'docker run',
      flag: '-v',
      wordStart: 20,
      wordEnd: 52,
    });
  });

  it('follows CRLF continuations (fixture with CRLF bytes), also inside the host path', () => {
    const text = fixture('shell', 'crlf.sh');
    assert.ok(text.includes('\\\r\n'));
    assert.deepEqual(briefOf(text), ['DSG001 error 1:5-1:25 "/var/run/docker.sock"']);

    const split = 'docker run -v /var/run/dock\\\r\ner.sock:/s a\r\n';
    assert.deepEqual(briefOf(split), ['DSG001 error 0:14-1:7 "/var/run/dock\\\\\\r\\ner.sock"']);
  });

  it('resolves variables assigned earlier and points at the assignment', () => {
    const text = 'SOCK=/var/run/docker.sock\ndocker run -v "$SOCK:/s" -v ${SOCK}:/t a';
    const { findings } = scan(text);
    assert.deepEqual(brief(text, findings), [
      'DSG001 error 1:15-1:20 "$SOCK"',
      'DSG001 error 1:28-1:35 "${SOCK}"',
    ]);
    assert.equal(
      findings[0]?.message,
      'Command docker run mounts the Docker socket $SOCK (/var/run/docker.sock)',
    );
    assert.deepEqual(relatedOf(findings[0]), ['SOCK is set here @ 0:5-0:25']);
  });

  it('resolves defaults, conventional variables and variables from the options', () => {
    const text = [
      'docker run -v ${DOCKER_SOCK:-/var/run/docker.sock}:/s a',
      'docker run -v $XDG_RUNTIME_DIR/docker.sock:/s a',
      'docker run -v "$HOME/.docker:/root/.docker" a',
      'docker run -v $RUNTIME_SOCK:/s a',
    ].join('\n');
    const options = { variables: { RUNTIME_SOCK: '/run/podman/podman.sock' } };
    assert.deepEqual(briefOf(text, 'script.sh', options), [
      'DSG001 error 0:14-0:50 "${DOCKER_SOCK:-/var/run/docker.sock}"',
      'DSG001 error 1:14-1:42 "$XDG_RUNTIME_DIR/docker.sock"',
      'DSG002 error 2:15-2:28 "$HOME/.docker"',
      'DSG001 error 3:14-3:27 "$RUNTIME_SOCK"',
    ]);
    assert.equal(scan(text, 'script.sh', options).findings[3]?.facts.engine, 'podman');
  });

  it('catches odd spellings of the socket and its directories', () => {
    const text = [
      'docker run -v //var/run/docker.sock:/s a',
      'docker run -v /var/run/../run/docker.sock:/s a',
      'docker run -v /var/run/:/r a',
      'docker run -v /:/host a',
      'docker run -v "C:\\Users\\me\\.docker:/root/.docker" a',
    ].join('\n');
    assert.deepEqual(briefOf(text), [
      'DSG001 error 0:14-0:35 "//var/run/docker.sock"',
      'DSG001 error 1:14-1:41 "/var/run/../run/docker.sock"',
      'DSG002 error 2:14-2:23 "/var/run/"',
      'DSG002 error 3:14-3:15 "/"',
      'DSG002 error 4:15-4:34 "C:\\\\Users\\\\me\\\\.docker"',
    ]);
  });

  it('leaves $(pwd), $PWD, named volumes and lookalike paths alone', () => {
    const text = [
      'docker run -v $(pwd):/src -v "$PWD/cache":/cache -v $(pwd)/run:/run a',
      'docker run -v docker-sock:/var/run/docker.sock -v docker.sock:/d a',
      'docker run -v /var/run/docker.sock.bak:/b -v /tmp/docker.socket:/t a',
      'docker run -v /var/run/secrets:/s -v /var/run/dbus:/d -v /var/lib/docker/containers:/c a',
      'docker run -v /var/run/docker.sock a',
    ].join('\n');
    assert.deepEqual(briefOf(text), []);
  });

  it('counts columns in UTF-16 after tabs, non-ASCII text and a byte-order mark', () => {
    const text = '\uFEFF# Größe 🐳\n\techo "größe 🐳"; docker run -v /var/run/docker.sock:/s a\n';
    assert.deepEqual(briefOf(text), ['DSG001 error 1:32-1:52 "/var/run/docker.sock"']);
  });

  it('reads podman, nerdctl, create, container run and compose run', () => {
    const text = [
      'podman run -v /run/podman/podman.sock:/p a',
      'nerdctl create -v /run/containerd/containerd.sock:/c a',
      'docker container create -v /var/run/docker.sock:/s a',
      'docker compose -f ci.yml run --rm -v /var/run/docker.sock:/s tests',
      'docker-compose run -v /run:/r tests',
    ].join('\n');
    const { findings } = scan(text);
    assert.deepEqual(brief(text, findings), [
      'DSG001 error 0:14-0:37 "/run/podman/podman.sock"',
      'DSG001 error 1:18-1:49 "/run/containerd/containerd.sock"',
      'DSG001 error 2:27-2:47 "/var/run/docker.sock"',
      'DSG001 error 3:37-3:57 "/var/run/docker.sock"',
      'DSG002 error 4:22-4:26 "/run"',
    ]);
    assert.deepEqual(
      findings.map((f) => f.facts.owner.name),
      [
        'podman run',
        'nerdctl create',
        'docker container create',
        'docker compose run',
        'docker-compose run',
      ],
    );
    assert.equal(findings[3]?.facts.image, undefined);
  });

  it('finds docker behind wrappers, in compound commands and inside substitutions', () => {
    const text = [
      'sudo -u root -E docker run -v /var/run/docker.sock:/a x',
      'env -i PATH=/bin time -p nohup docker run -v /var/run/docker.sock:/b x',
      'if true; then exec docker run -v /var/run/docker.sock:/c x; fi',
      'for i in 1; do ( docker run -v /var/run/docker.sock:/d x ) && { docker run -v /run:/e x; }; done',
      'id=$(docker run -d -v /var/run/docker.sock:/f x) n=`docker run -v /run:/g x`',
      'docker run $DOCKER_OPTS -v /var/run/docker.sock:/h x',
    ].join('\n');
    assert.deepEqual(briefOf(text), [
      'DSG001 error 0:30-0:50 "/var/run/docker.sock"',
      'DSG001 error 1:45-1:65 "/var/run/docker.sock"',
      'DSG001 error 2:33-2:53 "/var/run/docker.sock"',
      'DSG001 error 3:31-3:51 "/var/run/docker.sock"',
      'DSG002 error 3:78-3:82 "/run"',
      'DSG001 error 4:22-4:42 "/var/run/docker.sock"',
      'DSG002 error 4:66-4:70 "/run"',
      'DSG001 error 5:27-5:47 "/var/run/docker.sock"',
    ]);
  });

  it('reads sh -c strings, eval and a here-document given to a shell, with exact positions', () => {
    const text = [
      "sh -c 'docker run -v /var/run/docker.sock:/a x'",
      'bash -euxc "docker run -v \\"/var/run/docker.sock:/b\\" x"',
      'eval "docker run -v /run:/c x"',
      "bash <<'SCRIPT'",
      'docker run -v /var/run/docker.sock:/d x',
      'SCRIPT',
    ].join('\n');
    assert.deepEqual(briefOf(text), [
      'DSG001 error 0:21-0:41 "/var/run/docker.sock"',
      'DSG001 error 1:28-1:48 "/var/run/docker.sock"',
      'DSG002 error 2:20-2:24 "/run"',
      'DSG001 error 4:14-4:34 "/var/run/docker.sock"',
    ]);
  });

  it('lowers a trusted socket proxy to information and marks it trusted', () => {
    const finding = only(
      'docker run -d -v /var/run/docker.sock:/var/run/docker.sock:ro tecnativa/docker-socket-proxy',
    );
    assert.equal(finding.severity, 'information');
    assert.equal(finding.facts.trusted, true);
    assert.equal(finding.facts.image, 'tecnativa/docker-socket-proxy');
  });

  it('reports --use-api-socket on the flag', () => {
    const finding = only('docker run --rm --use-api-socket docker:cli docker ps');
    assert.deepEqual([finding.ruleId, where(finding.span)], ['DSG001', '0:16-0:32']);
    assert.equal(
      finding.message,
      "Command docker run gets the host's Docker socket through --use-api-socket",
    );
    assert.equal(finding.facts.exposure, 'api-socket-flag');
  });

  it('reports the agent fixture exactly', () => {
    const text = fixture('shell', 'agent.sh');
    const { findings } = scan(text, 'agent.sh');
    assert.deepEqual(brief(text, findings), [
      'DSG001 error 9:6-9:11 "$SOCK"',
      'DSG002 error 14:42-14:46 "/run"',
      'DSG005 warning 17:11-17:23 "--privileged"',
      'DSG003 error 17:43-17:52 "2375:2375"',
      'DSG003 error 18:5-18:24 "DOCKER_TLS_CERTDIR="',
      'DSG003 error 20:19-20:39 "tcp://127.0.0.1:2375"',
    ]);
    assert.deepEqual(relatedOf(findings[0]), ['SOCK is set here @ 4:5-4:25']);
    assert.equal(
      findings[1]?.message,
      'Command docker container run mounts host directory /run, which holds the Docker socket',
    );
  });
});
