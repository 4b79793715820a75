import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import type { AnalysisResult, Finding } from '../../shared/model/finding';

const FIXTURES = join(__dirname, '..', 'fixtures', 'kubernetes');

function scanFixture(name: string): AnalysisResult {
  return analyse({ fileName: name, text: readFileSync(join(FIXTURES, name), 'utf8') });
}

function scanText(lines: string[]): AnalysisResult {
  return analyse({ fileName: 'manifest.yaml', text: lines.join('\n') });
}

/** `DSG003 error 12:21-12:41 message`: rule, severity, 0-based span and message in one line. */
function brief(f: Finding): string {
  const { start, end } = f.span.range;
  const where = `${start.line}:${start.character}-${end.line}:${end.character}`;
  return `${f.ruleId} ${f.severity} ${where} ${f.message}`;
}

function relatedOf(f: Finding | undefined): string[] {
  return (f?.related ?? []).map((r) => {
    const { start, end } = r.span.range;
    return `${start.line}:${start.character}-${end.line}:${end.character} ${r.message}`;
  });
}

/** A Pod with one container; `body` lines are indented under the container. */
function pod(image: string, body: string[], specLines: string[] = []): string[] {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: p}',
    'spec:',
    ...specLines.map((l) => `  ${l}`),
    '  containers:',
    '    - name: c',
    `      image: ${image}`,
    ...body.map((l) => `      ${l}`),
  ];
}

describe('kubernetes container env, privileged and ports', () => {
  it('reports DOCKER_HOST, unverified TLS, privileged dind, empty TLS_CERTDIR and 2375', () => {
    assert.deepEqual(scanFixture('containers.yaml').findings.map(brief), [
      'DSG003 error 12:21-12:41 Container "runner" points DOCKER_HOST at tcp://localhost:2375 ' +
        'without TLS',
      'DSG004 warning 19:21-19:47 Container "tls-client" uses TLS on tcp://docker.ci.svc:2376 ' +
        'without verification',
      'DSG005 warning 23:24-23:28 Container "dind" runs the Docker-in-Docker image ' +
        'docker:27-dind privileged',
      'DSG003 error 26:21-26:23 Container "dind" runs Docker-in-Docker with TLS turned off ' +
        '(DOCKER_TLS_CERTDIR is empty)',
      'DSG003 error 28:29-28:33 Container "dind" publishes port 2375, the Docker API without TLS',
      'DSG003 error 51:12-51:16 Service "docker" publishes port 2375, the Docker API without TLS',
      'DSG003 error 55:18-55:22 Service "docker" publishes port 2375, the Docker API without TLS',
    ]);
  });

  it('relates the DOCKER_TLS_VERIFY value, the dind image, the exposed port and the target', () => {
    const findings = scanFixture('containers.yaml').findings;

    assert.deepEqual(relatedOf(findings[0]), []);
    assert.deepEqual(relatedOf(findings[1]), ['17:21-17:24 DOCKER_TLS_VERIFY is "0" here']);
    assert.deepEqual(relatedOf(findings[2]), ['21:17-21:31 Docker-in-Docker image docker:27-dind']);
    assert.deepEqual(relatedOf(findings[3]), ['28:29-28:33 port 2375 exposed here']);
    assert.deepEqual(relatedOf(findings[5]), ['52:18-52:22 forwarded to container port 2375']);
  });

  it('owns env findings by the container and names the workload in the detail', () => {
    const [runner] = scanFixture('containers.yaml').findings;

    assert.deepEqual(runner?.facts, {
      owner: { kind: 'container', name: 'runner' },
      image: 'example/ci-runner:4',
      exposure: 'plaintext-tcp',
      endpoint: 'tcp://localhost:2375',
      detail: {
        containerName: 'runner',
        workloadKind: 'Deployment',
        workloadName: 'ci-runner',
        documentIndex: 0,
      },
    });
  });

  it('leaves a dind container under sysbox-runc without privileges alone', () => {
    const sysbox = scanFixture('containers.yaml').findings.filter(
      (f) => f.facts.detail?.workloadName === 'sysbox-dind',
    );

    assert.deepEqual(sysbox, []);
  });

  it('still reports privileged dind when the runtime is sysbox-runc', () => {
    const result = scanText(
      pod(
        'docker:dind',
        ['securityContext:', '  privileged: true'],
        ['runtimeClassName: sysbox-runc'],
      ),
    );

    assert.deepEqual(result.findings.map(brief), [
      'DSG005 warning 9:20-9:24 Container "c" runs the Docker-in-Docker image docker:dind ' +
        'privileged',
    ]);
    assert.equal(result.findings[0]?.facts.detail?.runtimeClassName, 'sysbox-runc');
  });

  it('does not report privileged on an image that is not Docker-in-Docker', () => {
    const result = scanText(pod('example/app:1', ['securityContext:', '  privileged: true']));

    assert.deepEqual(result.findings, []);
  });

  it('reads DOCKER_TLS_CERTDIR without a value as empty and spans its name', () => {
    const result = scanText(pod('docker:27-dind', ['env:', '  - name: DOCKER_TLS_CERTDIR']));

    assert.deepEqual(result.findings.map(brief), [
      'DSG003 error 8:16-8:34 Container "c" runs Docker-in-Docker with TLS turned off ' +
        '(DOCKER_TLS_CERTDIR is empty)',
    ]);
  });

  it('ignores an empty DOCKER_TLS_CERTDIR outside a dind image', () => {
    const result = scanText(
      pod('docker:27-cli', ['env:', '  - name: DOCKER_TLS_CERTDIR', '    value: ""']),
    );

    assert.deepEqual(result.findings, []);
  });

  it('reports a DOCKER_HOST without port as plaintext unless TLS verification is on', () => {
    const bare = scanText(pod('alpine', ['env:', '  - {name: DOCKER_HOST, value: tcp://d}']));
    const verified = scanText(
      pod('alpine', [
        'env:',
        '  - {name: DOCKER_TLS_VERIFY, value: "1"}',
        '  - {name: DOCKER_HOST, value: tcp://d}',
      ]),
    );

    assert.deepEqual(bare.findings.map(brief), [
      'DSG003 error 8:37-8:44 Container "c" points DOCKER_HOST at tcp://d without TLS',
    ]);
    assert.deepEqual(verified.findings, []);
  });

  it('never judges a value taken from valueFrom', () => {
    const result = scanText(
      pod('docker:dind', [
        'env:',
        '  - name: DOCKER_HOST',
        '    valueFrom: {configMapKeyRef: {name: x, key: host}}',
        '  - name: DOCKER_TLS_CERTDIR',
        '    valueFrom: {secretKeyRef: {name: x, key: dir}}',
      ]),
    );

    assert.deepEqual(result.findings, []);
  });

  it('reports a hostPort 2375 when the container port differs', () => {
    const result = scanText(pod('alpine', ['ports:', '  - {containerPort: 8080, hostPort: 2375}']));

    assert.deepEqual(result.findings.map(brief), [
      'DSG003 error 8:42-8:46 Container "c" publishes port 2375, the Docker API without TLS',
    ]);
  });

  it('reports a Service forwarding to 2375 on its targetPort', () => {
    const findings = scanFixture('containers.yaml').findings;
    const alt = findings[6];

    assert.deepEqual(alt?.facts, {
      exposure: 'plaintext-tcp',
      owner: { kind: 'service', name: 'docker' },
      detail: { workloadKind: 'Service', workloadName: 'docker', documentIndex: 2, port: 2375 },
    });
  });

  it('finds containers in initContainers and ephemeralContainers too', () => {
    const result = scanText([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  initContainers:',
      '    - {name: i, image: alpine, env: [{name: DOCKER_HOST, value: "tcp://h:2375"}]}',
      '  ephemeralContainers:',
      '    - {name: e, image: alpine, ports: [{containerPort: 2375}]}',
      '  containers: []',
    ]);

    assert.deepEqual(result.findings.map(brief), [
      'DSG003 error 5:64-5:78 Container "i" points DOCKER_HOST at tcp://h:2375 without TLS',
      'DSG003 error 7:55-7:59 Container "e" publishes port 2375, the Docker API without TLS',
    ]);
  });
});
