import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { analyse } from '../../shared/analyse';
import { analyseDaemonJson } from '../../shared/families/daemon';
import { sourceDocument } from '../../shared/model/document';
import type { AnalysisResult, Finding } from '../../shared/model/finding';
import { resolveOptions } from '../../shared/model/options';

const FIXTURES = join(__dirname, '..', 'fixtures', 'daemon');

function daemonJson(text: string): AnalysisResult {
  return analyse({ fileName: 'etc/docker/daemon.json', text });
}

function fixture(name: string): AnalysisResult {
  return daemonJson(readFileSync(join(FIXTURES, name), 'utf8'));
}

/** Rule, start line and character, end line and character. */
function where(finding: Finding): [string, number, number, number, number] {
  const { start, end } = finding.span.range;
  return [finding.ruleId, start.line, start.character, end.line, end.character];
}

describe('daemon.json', () => {
  it('reports each TCP entry of hosts without TLS, comments and trailing commas allowed', () => {
    const result = fixture('daemon.json');

    assert.equal(result.kind, 'daemon-json');
    assert.deepEqual(result.notices, []);
    assert.deepEqual(result.findings.map(where), [
      ['DSG003', 2, 44, 2, 62],
      ['DSG003', 2, 66, 2, 83],
    ]);
    assert.deepEqual(
      result.findings.map((f) => [f.severity, f.message]),
      [
        ['error', 'Daemon "dockerd" serves the Docker API on tcp://0.0.0.0:2375 without TLS'],
        ['error', 'Daemon "dockerd" serves the Docker API on 192.168.1.10:2375 without TLS'],
      ],
    );
  });

  it('fills the facts and points at tlsverify: false', () => {
    const [first] = fixture('daemon.json').findings;

    assert.deepEqual(first?.facts, {
      exposure: 'plaintext-tcp',
      owner: { kind: 'daemon', name: 'dockerd' },
      endpoint: 'tcp://0.0.0.0:2375',
      detail: { setting: 'hosts' },
    });
    assert.deepEqual(
      first?.related.map((r) => [r.message, r.span.range.start, r.span.range.end]),
      [['tlsverify is false', { line: 3, character: 15 }, { line: 3, character: 20 }]],
    );
  });

  it('reports tls: true without tlsverify once, on the tls value, naming the TCP hosts', () => {
    const [finding, ...rest] = fixture('daemon-tls.json').findings;

    assert.deepEqual(rest, []);
    assert.deepEqual(finding && where(finding), ['DSG004', 2, 9, 2, 13]);
    assert.equal(finding?.severity, 'warning');
    assert.equal(
      finding?.message,
      'Daemon "dockerd" uses TLS on tcp://0.0.0.0:2376 without verification',
    );
    assert.deepEqual(
      finding?.related.map((r) => [r.message, r.span.range.start, r.span.range.end]),
      [
        [
          'TCP address the daemon listens on',
          { line: 1, character: 22 },
          { line: 1, character: 40 },
        ],
      ],
    );
  });

  it('finds nothing with tlsverify: true, unix and fd hosts, or a commented-out TCP host', () => {
    assert.deepEqual(fixture('clean.json').findings, []);
    assert.deepEqual(daemonJson('{"hosts": ["unix:///run/docker.sock", "fd://"]}').findings, []);
    assert.deepEqual(
      daemonJson('{"tls": true, "hosts": ["unix:///run/docker.sock"]}').findings,
      [],
    );
  });

  it('turns a syntax error into a notice and still reads what parsed', () => {
    const result = fixture('broken.json');

    assert.deepEqual(
      result.notices.map((n) => [n.severity, n.message, n.span.range.start, n.span.range.end]),
      [
        [
          'warning',
          'This daemon.json is not valid JSON here (comma expected); ' +
            'the analysis may be incomplete',
          { line: 1, character: 33 },
          { line: 1, character: 62 },
        ],
      ],
    );
    assert.deepEqual(result.findings.map(where), [['DSG003', 1, 13, 1, 31]]);
  });

  it('keeps positions exact after a byte-order mark, with CRLF, tabs and non-ASCII text', () => {
    const text = '\ufeff{\r\n\t"labels": ["größe=ü"],\r\n\t"hosts": ["tcp://:2375"]\r\n}\r\n';

    assert.deepEqual(daemonJson(text).findings.map(where), [['DSG003', 2, 12, 2, 23]]);
  });

  it('reads a single string for hosts and a scheme-less address as TCP', () => {
    assert.deepEqual(daemonJson('{"hosts": "0.0.0.0:2375"}').findings.map(where), [
      ['DSG003', 0, 11, 0, 23],
    ]);
  });

  it('never throws on text that is not JSON', () => {
    const doc = sourceDocument('daemon.json', '{"hosts": [tcp://x, {"a": ]]]] \u0000 /*');
    const result = analyseDaemonJson(doc, resolveOptions());

    assert.equal(result.findings.length, 0);
    assert.equal(result.notices.length, 1);
  });
});
