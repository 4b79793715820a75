import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import { maskTemplates } from '../../shared/families/kubernetes/template';
import type { AnalysisResult, Finding, Notice } from '../../shared/model/finding';

const FIXTURES = join(__dirname, '..', 'fixtures', 'helm');

function scanChart(name: string): AnalysisResult {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  return analyse({ fileName: `chart/templates/${name}`, text });
}

function scanTemplate(lines: string[]): AnalysisResult {
  return analyse({ fileName: 'chart/templates/pod.yaml', text: lines.join('\n') });
}

/** `DSG001 error 37:50-37:72 message`: rule, severity, 0-based span and message in one line. */
function brief(f: Finding | Notice): string {
  const { start, end } = f.span.range;
  const id = 'ruleId' in f ? `${f.ruleId} ` : '';
  const where = `${start.line}:${start.character}-${end.line}:${end.character}`;
  return `${id}${f.severity} ${where} ${f.message}`;
}

function relatedOf(f: Finding | undefined): string[] {
  return (f?.related ?? []).map((r) => {
    const { start, end } = r.span.range;
    return `${start.line}:${start.character}-${end.line}:${end.character} ${r.message}`;
  });
}

/** A Pod template whose only volume has `path` written as given. */
function podWithPath(path: string): string[] {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: {{ .Release.Name }}',
    'spec:',
    '  volumes:',
    '    - name: sock',
    '      hostPath:',
    `        path: ${path}`,
  ];
}

describe('helm templates', () => {
  it('judges literal defaults, spans the quoted default and skips unresolved values', () => {
    const result = scanChart('daemonset.yaml');

    assert.equal(result.kind, 'helm');
    assert.deepEqual(result.findings.map(brief), [
      'DSG003 error 26:53-26:72 Container "agent" points DOCKER_HOST at tcp://docker:2375 ' +
        'without TLS',
      'DSG001 error 37:50-37:72 DaemonSet "{{ include "agent.fullname" . }}" volume ' +
        '"docker-sock" mounts the Docker socket /var/run/docker.sock into container "agent"',
      'DSG001 error 44:18-44:60 DaemonSet "{{ include "agent.fullname" . }}" volume ' +
        '"runtime-dir" mounts the containerd socket {{ .Values.runtimeDir }}/containerd.sock ' +
        '(not mounted by any container)',
    ]);
    assert.deepEqual(result.notices, []);
  });

  it('keeps detection through directive lines between mapping entries', () => {
    const [socket] = scanChart('daemonset.yaml').findings.slice(1);

    assert.deepEqual(relatedOf(socket), [
      '29:20-29:31 mounted by container "agent" at /var/run/docker.sock',
    ]);
    assert.equal(socket?.facts.hostPath, '/var/run/docker.sock');
    assert.equal(socket?.facts.normalisedPath, '/run/docker.sock');
  });

  it('finds nothing in a path that is one directive without a default', () => {
    const result = scanTemplate(podWithPath('{{ .Values.socketPath }}'));

    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.notices, []);
  });

  it('reads a default given first and a raw string default', () => {
    const first = scanTemplate(podWithPath('{{ default "/var/run/docker.sock" .Values.sock }}'));
    const raw = scanTemplate(podWithPath('{{ .Values.sock | default `/run` | quote }}'));

    assert.deepEqual(first.findings.map(brief), [
      'DSG001 error 8:25-8:47 Pod "{{ .Release.Name }}" volume "sock" mounts the Docker socket ' +
        '/var/run/docker.sock (not mounted by any container)',
    ]);
    assert.deepEqual(raw.findings.map(brief), [
      'DSG002 error 8:40-8:46 Pod "{{ .Release.Name }}" volume "sock" mounts host directory ' +
        '/run, which holds the Docker socket (not mounted by any container)',
    ]);
  });

  it('reports both branches of an if/else that writes the path twice, without a notice', () => {
    const result = scanTemplate([
      ...podWithPath('/var/lib/agent').slice(0, -1),
      '        {{- if .Values.containerd }}',
      '        path: /run/containerd/containerd.sock',
      '        {{- else }}',
      '        path: /var/run/docker.sock',
      '        {{- end }}',
    ]);

    assert.deepEqual(result.findings.map(brief), [
      'DSG001 error 9:14-9:45 Pod "{{ .Release.Name }}" volume "sock" mounts the containerd ' +
        'socket /run/containerd/containerd.sock (not mounted by any container)',
      'DSG001 error 11:14-11:34 Pod "{{ .Release.Name }}" volume "sock" mounts the Docker ' +
        'socket /var/run/docker.sock (not mounted by any container)',
    ]);
    assert.deepEqual(result.notices, []);
  });

  it('judges a dind image whose tag is templated', () => {
    const result = scanTemplate([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: dind}',
      'spec:',
      '  containers:',
      '    - name: docker',
      '      image: "docker:{{ .Values.dockerVersion }}-dind"',
      '      securityContext:',
      '        {{- if .Values.privileged }}',
      '        privileged: true',
      '        {{- end }}',
    ]);

    assert.deepEqual(result.findings.map(brief), [
      'DSG005 warning 9:20-9:24 Container "docker" runs the Docker-in-Docker image ' +
        'docker:{{ .Values.dockerVersion }}-dind privileged',
    ]);
  });
});

describe('helm template masking', () => {
  it('blanks directive lines, keeps comments and line breaks, and letters inline directives', () => {
    const text = 'a: 1\n  {{- end }} # done\nb: {{ x }}\r\n{{/* two\nlines */}}\nc: "{{ y }}"';

    assert.equal(
      maskTemplates(text),
      'a: 1\n             # done\nb: xxxxxxx\r\n        \n          \nc: "xxxxxxx"',
    );
  });

  it('returns text without directives unchanged', () => {
    const text = 'path: /var/run/docker.sock # {not a directive}\n';

    assert.equal(maskTemplates(text), text);
  });
});

describe('helm templates that are not valid YAML', () => {
  it('scans a template whose branches indent differently line by line', () => {
    const result = scanChart('branches.yaml');

    assert.deepEqual(result.findings.map(brief), [
      'DSG005 warning 14:20-14:24 Container "dind" runs the Docker-in-Docker image ' +
        'docker:27-dind privileged',
      'DSG003 error 17:17-17:19 Container "dind" runs Docker-in-Docker with TLS turned off ' +
        '(DOCKER_TLS_CERTDIR is empty)',
      'DSG001 error 22:14-22:45 Pod "{{ .Release.Name }}-builder" volume "runtime-sock" mounts ' +
        'the containerd socket /run/containerd/containerd.sock into container "builder"',
      'DSG001 error 26:12-26:32 Pod "{{ .Release.Name }}-builder" volume "runtime-sock" mounts ' +
        'the Docker socket /var/run/docker.sock into container "builder"',
      'DSG003 error 35:12-35:16 Service "{{ .Release.Name }}-docker" publishes port 2375, the ' +
        'Docker API without TLS',
    ]);
  });

  it('adds one information notice naming the document and its lines', () => {
    const result = scanChart('branches.yaml');

    assert.deepEqual(result.notices.map(brief), [
      'information 23:0-23:1 Document 1 (lines 1-28) could not be parsed as YAML (A block ' +
        'sequence may not be used as an implicit map key, line 24); it was scanned line by ' +
        'line instead',
    ]);
  });

  it('relates mounts found by the line scan', () => {
    const socket = scanChart('branches.yaml').findings[3];

    assert.deepEqual(relatedOf(socket), [
      '9:16-9:28 mounted by container "builder" at /run/engine.sock',
    ]);
  });

  it('reads DOCKER_HOST and its value, a flow hostPath and comments in a broken template', () => {
    const result = scanTemplate([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: broken}',
      'spec:',
      '  containers:',
      '    - name: cli',
      '      image: {{ .Values.image }}',
      '      env:',
      '      {{- include "env" . | nindent 6 }}',
      '        - name: DOCKER_HOST # plaintext on purpose',
      '          value: "tcp://builder:2375"',
      '      # - name: DOCKER_HOST',
      '      #   value: tcp://commented:2375',
      '  volumes:',
      '    - name: sock',
      '      hostPath: {path: /var/run/docker.sock, type: Socket}',
      '    - name: sock',
      '      hostPath: {path: /var/run/docker.sock, type: Socket}',
      '     broken: [',
    ]);

    assert.deepEqual(result.findings.map(brief), [
      'DSG003 error 10:17-10:37 Container "cli" points DOCKER_HOST at tcp://builder:2375 ' +
        'without TLS',
      'DSG001 error 15:23-15:43 Pod "broken" volume "sock" mounts the Docker socket ' +
        '/var/run/docker.sock (not mounted by any container)',
      'DSG001 error 17:23-17:43 Pod "broken" volume "sock" mounts the Docker socket ' +
        '/var/run/docker.sock (not mounted by any container)',
    ]);
    assert.equal(result.notices.length, 1);
    assert.match(result.notices[0]?.message ?? '', /^Document 1 \(lines 1-19\) could not be/);
  });
});
