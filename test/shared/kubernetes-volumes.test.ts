import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import type { AnalysisResult, Finding } from '../../shared/model/finding';

const FIXTURES = join(__dirname, '..', 'fixtures', 'kubernetes');

function scanFixture(name: string): AnalysisResult {
  return analyse({ fileName: name, text: readFileSync(join(FIXTURES, name), 'utf8') });
}

/** `DSG001 error 27:14-27:34 message`: rule, severity, 0-based span and message in one line. */
function brief(f: { ruleId: string; severity: string; span: Finding['span']; message: string }) {
  const { start, end } = f.span.range;
  const where = `${start.line}:${start.character}-${end.line}:${end.character}`;
  return `${f.ruleId} ${f.severity} ${where} ${f.message}`;
}

function relatedOf(f: Finding): string[] {
  return f.related.map((r) => {
    const { start, end } = r.span.range;
    return `${start.line}:${start.character}-${end.line}:${end.character} ${r.message}`;
  });
}

describe('kubernetes hostPath volumes', () => {
  it('reports a Pod socket volume on its path value with every mounting container', () => {
    const result = scanFixture('pod-socket.yaml');

    assert.equal(result.kind, 'kubernetes');
    assert.deepEqual(result.findings.map(brief), [
      'DSG001 error 27:14-27:34 Pod "build-agent" volume "dockersock" mounts the Docker socket ' +
        '/var/run/docker.sock into containers "agent", "log-shipper"',
    ]);
    assert.deepEqual(result.notices, []);
  });

  it('relates each volumeMount of the volume, marking the read-only one', () => {
    const [finding] = scanFixture('pod-socket.yaml').findings;

    assert.ok(finding);
    assert.deepEqual(relatedOf(finding), [
      '12:16-12:26 mounted by container "agent" at /var/run/docker.sock',
      '19:16-19:26 mounted by container "log-shipper" at /host/docker.sock read-only',
    ]);
  });

  it('fills the facts a fix needs, with readOnly false when one mount is writable', () => {
    const [finding] = scanFixture('pod-socket.yaml').findings;

    assert.deepEqual(finding?.facts, {
      exposure: 'socket-mount',
      owner: { kind: 'pod', name: 'build-agent' },
      hostPath: '/var/run/docker.sock',
      normalisedPath: '/run/docker.sock',
      engine: 'docker',
      readOnly: false,
      target: '/var/run/docker.sock',
      detail: {
        volumeName: 'dockersock',
        workloadKind: 'Pod',
        workloadName: 'build-agent',
        documentIndex: 0,
        containers: 'agent,log-shipper',
        hostPathType: 'Socket',
      },
    });
  });

  it('finds hostPath volumes in every pod-bearing kind and in a custom resource', () => {
    assert.deepEqual(scanFixture('workloads.yaml').findings.map(brief), [
      'DSG001 error 19:27-19:47 Deployment "web" volume "docker" mounts the Docker socket ' +
        '/var/run/docker.sock into container "web"',
      'DSG002 error 40:18-40:22 StatefulSet "db" volume "run" mounts host directory /run, ' +
        'which holds the Docker socket, into container "db"',
      'DSG001 error 61:18-61:49 DaemonSet "node-agent" volume "containerd" mounts the containerd ' +
        'socket /run/containerd/containerd.sock into container "agent"',
      'DSG001 error 80:18-80:41 ReplicaSet "rs" volume "crio" mounts the CRI-O socket ' +
        '/var/run/crio/crio.sock into container "c"',
      'DSG001 error 98:18-98:41 ReplicationController "rc" volume "podman" mounts the Podman ' +
        'socket /run/podman/podman.sock into container "c"',
      'DSG001 error 124:18-124:38 Job "cleanup" volume "sock" mounts the Docker socket ' +
        '/var/run/docker.sock into containers "wait", "prune"',
      'DSG001 error 146:22-146:57 CronJob "image-gc" volume "k3s" mounts the k3s containerd ' +
        'socket /run/k3s/containerd/containerd.sock into container "gc"',
      'DSG001 error 163:16-163:41 PodTemplate "debug-template" volume "dockerd" mounts the ' +
        'cri-dockerd socket /var/run/cri-dockerd.sock into container "debug"',
      'DSG001 error 180:16-180:36 BuildRunner "runner" volume "engine" mounts the Docker socket ' +
        '/var/run/docker.sock into container "runner"',
    ]);
  });

  it('relates init container mounts in document order and counts documents', () => {
    const job = scanFixture('workloads.yaml').findings[5];

    assert.ok(job);
    assert.deepEqual(relatedOf(job), [
      '112:20-112:24 mounted by container "wait" at /var/run/docker.sock',
      '119:20-119:24 mounted by container "prune" at /var/run/docker.sock',
    ]);
    assert.equal(job.facts.detail?.documentIndex, 5);
    assert.equal(job.facts.detail?.containers, 'wait,prune');
  });

  it('relates a mount written as a flow mapping', () => {
    const web = scanFixture('workloads.yaml').findings[0];

    assert.ok(web);
    assert.deepEqual(relatedOf(web), [
      '16:21-16:27 mounted by container "web" at /var/run/docker.sock',
    ]);
  });

  it('reports a PersistentVolume socket and leaves an ordinary one alone', () => {
    const result = scanFixture('persistent-volume.yaml');

    assert.deepEqual(result.findings.map(brief), [
      'DSG001 error 9:10-9:30 PersistentVolume "docker-socket-pv" mounts the Docker socket ' +
        '/var/run/docker.sock',
    ]);
    assert.deepEqual(result.findings[0]?.facts.owner, {
      kind: 'persistent-volume',
      name: 'docker-socket-pv',
    });
    assert.deepEqual(result.findings[0]?.related, []);
  });

  it('reads every spelling of a socket path and says when no container mounts it', () => {
    assert.deepEqual(scanFixture('spellings.yaml').findings.map(brief), [
      'DSG001 error 11:14-11:36 Pod "spellings" volume "double-quoted" mounts the Docker socket ' +
        '/var/run/docker.sock (not mounted by any container)',
      'DSG001 error 14:14-14:36 Pod "spellings" volume "single-quoted" mounts the Docker socket ' +
        '/var/run/docker.sock (not mounted by any container)',
      'DSG001 error 17:14-17:35 Pod "spellings" volume "double-slash" mounts the Docker socket ' +
        '//var/run/docker.sock (not mounted by any container)',
      'DSG001 error 20:14-20:41 Pod "spellings" volume "dot-dot" mounts the Docker socket ' +
        '/var/run/../run/docker.sock (not mounted by any container)',
      'DSG002 error 23:14-23:23 Pod "spellings" volume "trailing-slash" mounts host directory ' +
        '/var/run/, which holds the Docker socket (not mounted by any container)',
      'DSG001 error 26:14-26:50 Pod "spellings" volume "variable-default" mounts the Docker ' +
        'socket ${DOCKER_SOCK:-/var/run/docker.sock} (not mounted by any container)',
      'DSG002 error 29:14-29:15 Pod "spellings" volume "root" mounts host directory /, which ' +
        'holds the Docker socket (not mounted by any container)',
      'DSG001 error 32:14-32:40 Pod "spellings" volume "rootless" mounts the Docker socket ' +
        '/run/user/1000/docker.sock (not mounted by any container)',
      'DSG001 error 35:14-35:36 Pod "spellings" volume "windows-pipe" mounts the Docker engine ' +
        'pipe \\\\.\\pipe\\docker_engine (not mounted by any container)',
      'DSG001 error 39:14-39:59 Pod "spellings" volume "microk8s" mounts the containerd socket ' +
        '/var/snap/microk8s/common/run/containerd.sock (not mounted by any container)',
    ]);
  });

  it('keeps an unmounted volume at its rule severity with an empty container list', () => {
    const [first] = scanFixture('spellings.yaml').findings;

    assert.equal(first?.severity, 'error');
    assert.equal(first?.facts.readOnly, false);
    assert.equal(first?.facts.detail?.containers, '');
    assert.equal(first?.facts.target, undefined);
  });

  it('reports a trusted socket proxy as information and says read-only does not help', () => {
    const result = scanFixture('trusted-proxy.yaml');

    assert.deepEqual(result.findings.map(brief), [
      'DSG001 information 20:18-20:38 Deployment "socket-proxy" volume "sock" mounts the Docker ' +
        'socket /var/run/docker.sock into container "proxy" read-only (read-only does not limit ' +
        'the API)',
    ]);
    assert.equal(result.findings[0]?.facts.trusted, true);
    assert.equal(result.findings[0]?.facts.readOnly, true);
    assert.equal(result.findings[0]?.facts.image, 'tecnativa/docker-socket-proxy:0.3');
  });

  it('reports a hostPath outside any volumes list under the object that holds it', () => {
    const text = [
      'apiVersion: agents.example.com/v1',
      'kind: NodeAgent',
      'metadata: {name: edge}',
      'spec:',
      '  runtime:',
      '    hostPath: {path: /run/k3s/containerd/containerd.sock}',
    ].join('\n');

    const result = analyse({ fileName: 'agent.yaml', text });

    assert.deepEqual(result.findings.map(brief), [
      'DSG001 error 5:21-5:56 NodeAgent "edge" mounts the k3s containerd socket ' +
        '/run/k3s/containerd/containerd.sock',
    ]);
    assert.deepEqual(result.findings[0]?.facts.detail, {
      workloadKind: 'NodeAgent',
      workloadName: 'edge',
      documentIndex: 0,
      containers: '',
    });
  });

  it('takes extra socket paths and directories from the options', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  volumes:',
      '    - {name: a, hostPath: {path: /opt/engine/api.sock}}',
      '    - {name: b, hostPath: {path: /srv/engine}}',
    ].join('\n');
    const options = {
      extraSocketPaths: ['/opt/engine/api.sock'],
      extraSocketDirs: ['/srv/engine'],
    };

    const result = analyse({ fileName: 'p.yaml', text, options });

    assert.deepEqual(result.findings.map(brief), [
      'DSG001 error 5:33-5:53 Pod "p" volume "a" mounts the container engine socket ' +
        '/opt/engine/api.sock (not mounted by any container)',
      'DSG002 error 6:33-6:44 Pod "p" volume "b" mounts host directory /srv/engine, which holds ' +
        'the container engine socket (not mounted by any container)',
    ]);
  });
});

describe('kubernetes hostPath negatives', () => {
  it('ignores comments, ConfigMap and Secret values, named volumes and lookalike paths', () => {
    const result = scanFixture('negatives.yaml');

    assert.deepEqual(result.findings.map(brief), []);
    assert.deepEqual(result.notices, []);
  });

  it('finds nothing in a clean manifest with an ordinary hostPath', () => {
    assert.deepEqual(scanFixture('clean.yaml').findings.map(brief), []);
  });
});
