import { strict as assert } from 'assert';
import { fixed, lines, offered } from './fix.helpers';

/** Exact results of each Kubernetes fix. */

const AGENT = lines(
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: build-agent',
  'spec:',
  '  initContainers:',
  '  - name: wait',
  '    image: busybox',
  '    volumeMounts:',
  '    - name: docker-sock',
  '      mountPath: /var/run/docker.sock',
  '  containers:',
  '  - name: agent',
  '    image: ci/agent:3',
  '    volumeMounts:',
  '    - name: docker-sock',
  '      mountPath: /var/run/docker.sock',
  '    - name: work',
  '      mountPath: /work',
  '  volumes:',
  '  - name: work',
  '    emptyDir: {}',
  '  - name: docker-sock',
  '    hostPath:',
  '      path: /var/run/docker.sock',
  '      type: Socket',
);

const DIND = lines(
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: ci',
  'spec:',
  '  containers:',
  '    - name: docker',
  '      image: docker:27-dind',
  '      securityContext:',
  '        privileged: true',
  '      env:',
  '        - name: DOCKER_TLS_CERTDIR',
  '          value: ""',
  '    - name: build',
  '      image: docker:27-cli',
  '      env:',
  '        - name: DOCKER_HOST',
  '          value: tcp://localhost:2375',
);

describe('fix: Kubernetes', () => {
  it('offers remove (preferred), TLS and suppress for a hostPath socket; no proxy', () => {
    assert.deepEqual(offered('k8s/agent.yaml', AGENT, '/var/run/docker.sock\n      type'), [
      'remove*',
      'tls',
      'suppress',
    ]);
  });

  it('removes the volume and its mounts in containers and init containers', () => {
    assert.equal(
      fixed('k8s/agent.yaml', AGENT, '/var/run/docker.sock\n      type', 'remove'),
      lines(
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: build-agent',
        'spec:',
        '  initContainers:',
        '  - name: wait',
        '    image: busybox',
        '  containers:',
        '  - name: agent',
        '    image: ci/agent:3',
        '    volumeMounts:',
        '    - name: work',
        '      mountPath: /work',
        '  volumes:',
        '  - name: work',
        '    emptyDir: {}',
      ),
    );
  });

  it('replaces a hostPath socket with the client certificates Secret and a TLS DOCKER_HOST', () => {
    const text = lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: build-agent',
      'spec:',
      '  containers:',
      '  - name: agent',
      '    image: ci/agent:3',
      '    volumeMounts:',
      '    - name: docker-sock',
      '      mountPath: /run/docker.sock',
      '  volumes:',
      '  - name: docker-sock',
      '    hostPath:',
      '      path: /var/run/docker.sock',
    );
    assert.equal(
      fixed('k8s/agent.yaml', text, '/var/run/docker.sock', 'tls'),
      lines(
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: build-agent',
        'spec:',
        '  containers:',
        '  - name: agent',
        '    image: ci/agent:3',
        '    volumeMounts:',
        '    - name: docker-client-certs',
        '      mountPath: /certs/client',
        '      readOnly: true',
        '    env:',
        '    - name: DOCKER_HOST',
        '      value: tcp://<daemon-host>:2376',
        '    - name: DOCKER_TLS_VERIFY',
        '      value: "1"',
        '    - name: DOCKER_CERT_PATH',
        '      value: /certs/client',
        '  volumes:',
        '  - name: docker-client-certs',
        '    secret:',
        '      secretName: docker-client-certs',
      ),
    );
  });

  it('turns Docker-in-Docker TLS on and shares the certificates through an emptyDir', () => {
    assert.equal(
      fixed('k8s/dind.yaml', DIND, '""', 'tls'),
      lines(
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: ci',
        'spec:',
        '  containers:',
        '    - name: docker',
        '      image: docker:27-dind',
        '      securityContext:',
        '        privileged: true',
        '      env:',
        '        - name: DOCKER_TLS_CERTDIR',
        '          value: "/certs"',
        '      volumeMounts:',
        '        - name: docker-certs-client',
        '          mountPath: /certs/client',
        '    - name: build',
        '      image: docker:27-cli',
        '      env:',
        '        - name: DOCKER_HOST',
        '          value: tcp://localhost:2375',
        '      volumeMounts:',
        '        - name: docker-certs-client',
        '          mountPath: /certs/client',
        '          readOnly: true',
        '  volumes:',
        '    - name: docker-certs-client',
        '      emptyDir: {}',
      ),
    );
  });

  it('moves a client to 2376 with verification', () => {
    const after = fixed('k8s/dind.yaml', DIND, 'tcp://localhost:2375', 'tls');
    assert.ok(
      after.includes(
        lines(
          '        - name: DOCKER_HOST',
          '          value: tcp://localhost:2376',
          '        - name: DOCKER_TLS_VERIFY',
          '          value: "1"',
          '        - name: DOCKER_CERT_PATH',
          '          value: /certs/client',
          '      volumeMounts:',
          '        - name: docker-certs-client',
          '          mountPath: /certs/client',
          '          readOnly: true',
        ),
      ),
      after,
    );
  });

  it('runs Docker-in-Docker under Sysbox: privileged and its empty securityContext go', () => {
    assert.equal(
      fixed('k8s/dind.yaml', DIND, 'true', 'sysbox'),
      lines(
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: ci',
        'spec:',
        '  containers:',
        '    - name: docker',
        '      image: docker:27-dind',
        '      env:',
        '        - name: DOCKER_TLS_CERTDIR',
        '          value: ""',
        '    - name: build',
        '      image: docker:27-cli',
        '      env:',
        '        - name: DOCKER_HOST',
        '          value: tcp://localhost:2375',
        '  runtimeClassName: sysbox-runc',
      ),
    );
  });

  it('suppresses above the finding', () => {
    const after = fixed('k8s/dind.yaml', DIND, 'true', 'suppress');
    assert.ok(
      after.includes(
        lines(
          '      securityContext:',
          '        # docker-socket-guard-ignore DSG005: <reason>',
          '        privileged: true',
        ),
      ),
    );
  });

  it('moves container port 2375 to 2376', () => {
    const text = lines(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: d',
      'spec:',
      '  containers:',
      '  - name: docker',
      '    image: docker:27-dind',
      '    ports:',
      '    - containerPort: 2375',
    );
    assert.equal(fixed('k8s/d.yaml', text, '2375', 'tls'), text.replace('2375', '2376'));
  });

  it('offers a PersistentVolume only the suppression', () => {
    const text = lines(
      'apiVersion: v1',
      'kind: PersistentVolume',
      'metadata:',
      '  name: sock',
      'spec:',
      '  capacity:',
      '    storage: 1Gi',
      '  accessModes: [ReadWriteOnce]',
      '  hostPath:',
      '    path: /var/run/docker.sock',
    );
    assert.deepEqual(offered('k8s/pv.yaml', text, '/var/run/docker.sock'), ['suppress']);
  });
});
