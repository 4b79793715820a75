import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import {
  analyseKubernetes,
  analyseManifestDocument,
  splitStream,
} from '../../shared/families/kubernetes';
import { sourceDocument } from '../../shared/model/document';
import type { AnalysisResult, Finding, Notice } from '../../shared/model/finding';
import { resolveOptions } from '../../shared/model/options';

const FIXTURES = join(__dirname, '..', 'fixtures', 'kubernetes');

/** `DSG001 error 27:14-27:34 message`: rule, severity, 0-based span and message in one line. */
function brief(f: Finding | Notice): string {
  const { start, end } = f.span.range;
  const id = 'ruleId' in f ? `${f.ruleId} ` : '';
  const where = `${start.line}:${start.character}-${end.line}:${end.character}`;
  return `${id}${f.severity} ${where} ${f.message}`;
}

/** A Pod named `name` with one unmounted hostPath volume; `extra` lines go under `metadata`. */
function podDoc(name: string, path: string, extra: string[] = []): string[] {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    ...extra,
    'spec:',
    '  volumes:',
    '    - name: v',
    '      hostPath:',
    `        path: ${path}`,
  ];
}

function scan(text: string): AnalysisResult {
  return analyse({ fileName: 'deploy.yaml', text });
}

describe('kubernetes streams', () => {
  it('reports valid documents around one with a syntax error, which is scanned by lines', () => {
    const text = [
      ...podDoc('first', '/var/run/docker.sock'),
      '---',
      ...podDoc('second', '/run/containerd', ['  labels: {app: [unclosed']),
      '---',
      ...podDoc('third', '/var/run/crio/crio.sock'),
    ].join('\n');

    const result = scan(text);

    assert.deepEqual(result.findings.map(brief), [
      'DSG001 error 8:14-8:34 Pod "first" volume "v" mounts the Docker socket ' +
        '/var/run/docker.sock (not mounted by any container)',
      'DSG002 error 19:14-19:29 Pod "second" volume "v" mounts host directory /run/containerd, ' +
        'which holds the containerd socket (not mounted by any container)',
      'DSG001 error 29:14-29:37 Pod "third" volume "v" mounts the CRI-O socket ' +
        '/var/run/crio/crio.sock (not mounted by any container)',
    ]);
    assert.deepEqual(
      result.findings.map((f) => f.facts.detail?.documentIndex),
      [0, 1, 2],
    );
  });

  it('says which document could not be parsed and that a line scan was used', () => {
    const text = [
      ...podDoc('first', '/var/run/docker.sock'),
      '---',
      ...podDoc('second', '/run/containerd', ['  labels: {app: [unclosed']),
    ].join('\n');

    const result = scan(text);

    assert.deepEqual(result.notices.map(brief), [
      'information 15:0-15:1 Document 2 (lines 10-20) could not be parsed as YAML (Flow ' +
        'sequence in block collection must be sufficiently indented and end with a ], line 16); ' +
        'it was scanned line by line instead',
    ]);
  });

  it('does not count an empty leading document or a comment-only one', () => {
    const text = ['---', '# header only', '---', ...podDoc('only', '/run/docker.sock')].join('\n');

    const [finding] = scan(text).findings;

    assert.equal(finding?.facts.detail?.documentIndex, 0);
    assert.equal(finding?.span.range.start.line, 11);
  });

  it('splits at marker lines only, keeping content after a marker in its document', () => {
    const text = 'a: 1\n---\nb: 2\n--- # next\nc: ---\n';

    assert.deepEqual(splitStream(text), [
      { start: 0, end: 5 },
      { start: 5, end: 14 },
      { start: 14, end: text.length },
    ]);
  });

  it('analyses one document range as the whole stream does', () => {
    const text = readFileSync(join(FIXTURES, 'workloads.yaml'), 'utf8');
    const doc = sourceDocument('workloads.yaml', text);
    const options = resolveOptions();
    const ranges = splitStream(text);
    const whole = analyseKubernetes(doc, options).findings;

    const cronJob = ranges[6];
    assert.ok(cronJob);
    const alone = analyseManifestDocument(doc, cronJob, 6, options).findings;

    assert.equal(ranges.length, 9);
    assert.deepEqual(alone, [whole[6]]);
  });

  it('finds a socket in an item of a List', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: Pod',
      '    metadata: {name: listed}',
      '    spec:',
      '      volumes: [{name: s, hostPath: {path: /var/run/docker.sock}}]',
    ].join('\n');

    assert.deepEqual(scan(text).findings.map(brief), [
      'DSG001 error 7:43-7:63 Pod "listed" volume "s" mounts the Docker socket ' +
        '/var/run/docker.sock (not mounted by any container)',
    ]);
  });
});

describe('kubernetes text encodings', () => {
  it('keeps positions exact with a byte-order mark, CRLF, tabs and non-ASCII names', () => {
    const text = readFileSync(join(FIXTURES, 'crlf-bom.yaml'), 'utf8');

    const result = analyse({ fileName: 'deploy.yaml', text });

    assert.equal(text.charCodeAt(0), 0xfeff);
    assert.deepEqual(result.findings.map(brief), [
      'DSG003 error 12:41-12:61 Container "監視-agent" points DOCKER_HOST at ' +
        'tcp://dockerd:2375 without TLS',
      'DSG001 error 16:47-16:67 DaemonSet "überwacher" volume "sockét-🐳" mounts the Docker ' +
        'socket /var/run/docker.sock into container "監視-agent" read-only (read-only does not ' +
        'limit the API)',
      'DSG002 error 19:18-19:24 DaemonSet "überwacher" volume "run" mounts host directory ' +
        '/run, which holds the Docker socket (not mounted by any container)',
    ]);
  });

  it('relates a mount whose name holds a character outside the BMP', () => {
    const text = readFileSync(join(FIXTURES, 'crlf-bom.yaml'), 'utf8');

    const socket = analyse({ fileName: 'deploy.yaml', text }).findings[1];

    assert.deepEqual(
      socket?.related.map((r) => [r.span.range.start, r.span.range.end, r.message]),
      [
        [
          { line: 14, character: 21 },
          { line: 14, character: 32 },
          'mounted by container "監視-agent" at /var/run/docker.sock read-only',
        ],
      ],
    );
  });

  it('keeps positions exact in the line scan with CRLF and tabs', () => {
    const lines = [
      ...podDoc('crlf', '\t"/var/run/docker.sock"\t# quoted, tab before'),
      '  extra: [',
    ];

    const result = scan('\ufeff' + lines.join('\r\n') + '\r\n');

    assert.deepEqual(result.findings.map(brief), [
      'DSG001 error 8:15-8:37 Pod "crlf" volume "v" mounts the Docker socket ' +
        '/var/run/docker.sock (not mounted by any container)',
    ]);
    assert.equal(result.notices.length, 1);
  });
});
