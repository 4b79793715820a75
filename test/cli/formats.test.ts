import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_IDS, RULES, ruleDocUrl } from '../../shared/model/rules';
import {
  allInspectFixtures,
  buildOnce,
  cleanup,
  ROOT,
  runCli,
  tempDir,
  writeTree,
} from './helpers';

const COMPOSE =
  '# CI stack\nservices:\n  app:\n    image: example/app:1\n    volumes:\n' +
  '      - /var/run/docker.sock:/var/run/docker.sock:ro\n' +
  '  deployer:\n    image: example/deployer:1\n    environment:\n' +
  '      DOCKER_HOST: tcp://docker:2375\n';

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level?: string;
  locations?: Array<{
    physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } };
  }>;
  partialFingerprints?: Record<string, string>;
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: Record<string, unknown> & { rules: Array<Record<string, unknown>> } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: unknown[] }>;
  }>;
}

describe('cli output formats (built CLI)', function () {
  this.timeout(120_000);
  let root: string;

  before(() => {
    buildOnce();
    root = tempDir();
    writeTree(root, {
      'stack/compose.yaml': COMPOSE,
      'odd, name:1/compose.yaml': COMPOSE.split('  deployer:')[0] ?? '',
      'stack/docker-compose.yml': Buffer.from('services:\0\n'),
    });
    symlinkSync(join(root, 'nowhere'), join(root, 'stack', 'compose.override.yaml'));
  });
  after(() => cleanup(root));

  it('json: schema version, tool, counts, findings with 1-based ranges, notices', () => {
    const result = runCli(['scan', 'stack', '--format', 'json'], { cwd: root });
    const report = JSON.parse(result.stdout);
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

    assert.equal(result.status, 1);
    assert.deepEqual(Object.keys(report), [
      'schemaVersion',
      'tool',
      'files',
      'findings',
      'notices',
    ]);
    assert.equal(report.schemaVersion, 1);
    assert.deepEqual(report.tool, {
      name: 'docker-socket-guard',
      version,
      informationUri: 'https://github.com/docker-socket-guard/docker-socket-guard',
    });
    assert.equal(report.files, 1);
    assert.equal(report.findings.length, 2);

    const [mount, tcp] = report.findings;
    assert.deepEqual(Object.keys(mount), [
      'path',
      'ruleId',
      'severity',
      'message',
      'range',
      'facts',
      'related',
      'fingerprint',
    ]);
    assert.equal(mount.path, 'stack/compose.yaml');
    assert.equal(mount.ruleId, 'DSG001');
    assert.equal(mount.severity, 'error');
    assert.equal(
      mount.message,
      'Service "app" mounts the Docker socket /var/run/docker.sock read-only ' +
        '(read-only does not limit the API)',
    );
    assert.deepEqual(mount.range, { start: { line: 6, column: 9 }, end: { line: 6, column: 53 } });
    assert.equal(mount.facts.exposure, 'socket-mount');
    assert.equal(mount.facts.normalisedPath, '/run/docker.sock');
    assert.equal(mount.facts.readOnly, true);
    assert.deepEqual(mount.facts.owner, { kind: 'service', name: 'app' });
    assert.deepEqual(mount.related, []);
    assert.match(mount.fingerprint, /^[0-9a-f]{32}$/);
    assert.equal(tcp.ruleId, 'DSG003');
    assert.deepEqual(tcp.range, { start: { line: 10, column: 20 }, end: { line: 10, column: 37 } });
    assert.equal(tcp.facts.endpoint, 'tcp://docker:2375');

    assert.deepEqual(report.notices, [
      {
        severity: 'warning',
        message: 'cannot read: no such file',
        path: 'stack/compose.override.yaml',
      },
      {
        severity: 'information',
        message: 'skipped: binary file',
        path: 'stack/docker-compose.yml',
      },
    ]);
  });

  it('sarif: one run, the rule catalogue, results with regions and fingerprints', () => {
    const out = join(root, 'out.sarif');
    const result = runCli(['scan', 'stack', '-f', 'sarif', '-o', out], { cwd: root });
    const log = JSON.parse(readFileSync(out, 'utf8')) as SarifLog;
    const run = log.runs[0];

    assert.equal(result.stdout, '');
    assert.equal(result.status, 1);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-schema-2\.1\.0\.json$/);
    assert.equal(log.runs.length, 1);
    assert.ok(run);
    assert.equal(run.tool.driver.name, 'docker-socket-guard');
    assert.equal(
      run.tool.driver.informationUri,
      'https://github.com/docker-socket-guard/docker-socket-guard',
    );
    assert.deepEqual(
      run.tool.driver.rules.map((r) => [r.id, r.name, r.helpUri, r.defaultConfiguration]),
      RULE_IDS.map((id) => [
        id,
        RULES[id].name,
        ruleDocUrl(id),
        { level: RULES[id].defaultSeverity === 'error' ? 'error' : 'warning' },
      ]),
    );
    assert.deepEqual(run.tool.driver.rules[0]?.fullDescription, { text: RULES.DSG001.summary });
    assert.equal(run.originalUriBaseIds['%SRCROOT%']?.uri, `${pathToFileURL(root).href}/`);

    const first = run.results[0];
    assert.ok(first);
    assert.equal(first.ruleId, 'DSG001');
    assert.equal(first.ruleIndex, 0);
    assert.equal(first.level, 'error');
    assert.deepEqual(first.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: 'stack/compose.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 6, startColumn: 9, endLine: 6, endColumn: 53 },
        },
      },
    ]);
    assert.equal(run.results[1]?.ruleIndex, 2);
    assert.deepEqual(run.invocations[0], {
      executionSuccessful: true,
      toolExecutionNotifications: [
        {
          level: 'warning',
          message: { text: 'cannot read: no such file' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'stack/compose.override.yaml', uriBaseId: '%SRCROOT%' },
              },
            },
          ],
        },
        {
          level: 'note',
          message: { text: 'skipped: binary file' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'stack/docker-compose.yml', uriBaseId: '%SRCROOT%' },
              },
            },
          ],
        },
      ],
    });
  });

  it('sarif: percent-encodes paths in URIs', () => {
    const result = runCli(['scan', 'odd, name:1', '-f', 'sarif'], { cwd: root });
    const log = JSON.parse(result.stdout) as SarifLog;
    const location = log.runs[0]?.results[0]?.locations?.[0];

    assert.equal(
      location?.physicalLocation?.artifactLocation.uri,
      'odd%2C%20name%3A1/compose.yaml',
    );
  });

  it('sarif: fingerprints do not change when lines are added elsewhere', () => {
    const dir = tempDir();
    try {
      writeTree(dir, { 'compose.yaml': COMPOSE });
      const before = sarifResults(dir);
      writeFileSync(
        join(dir, 'compose.yaml'),
        '# moved down\n# by three\n# lines\n' +
          COMPOSE +
          '  other:\n    image: example/other:1\n    volumes:\n' +
          '      - /run/containerd/containerd.sock:/run/containerd/containerd.sock\n',
      );
      const after = sarifResults(dir);

      assert.equal(before.length, 2);
      assert.equal(after.length, 3);
      for (const [i, result] of before.entries()) {
        assert.equal(after[i]?.startLine, result.startLine + 3);
        assert.equal(after[i]?.fingerprint, result.fingerprint);
      }
      const all = after.map((r) => r.fingerprint);
      assert.equal(new Set(all).size, all.length);
    } finally {
      cleanup(dir);
    }
  });

  it('github: workflow commands with escaped properties and message', () => {
    const result = runCli(['scan', 'stack', 'odd, name:1', '--format', 'github'], { cwd: root });

    assert.equal(
      result.stdout,
      '::error file=stack/compose.yaml,line=6,col=9,endLine=6,endColumn=53,' +
        'title=DSG001 engine-socket-mount::Service "app" mounts the Docker socket ' +
        '/var/run/docker.sock read-only (read-only does not limit the API)\n' +
        '::error file=stack/compose.yaml,line=10,col=20,endLine=10,endColumn=37,' +
        'title=DSG003 daemon-plaintext-tcp::Service "deployer" points DOCKER_HOST at ' +
        'tcp://docker:2375 without TLS\n' +
        '::error file=odd%2C name%3A1/compose.yaml,line=6,col=9,endLine=6,endColumn=53,' +
        'title=DSG001 engine-socket-mount::Service "app" mounts the Docker socket ' +
        '/var/run/docker.sock read-only (read-only does not limit the API)\n' +
        '::warning file=stack/compose.override.yaml,title=docker-socket-guard::' +
        'cannot read: no such file\n' +
        '::notice file=stack/docker-compose.yml,title=docker-socket-guard::skipped: binary file\n',
    );
    assert.equal(result.status, 1);
  });

  it('sarif of examples/ and of inspect passes the SARIF validator', () => {
    const examples = join(root, 'examples.sarif');
    const containers = join(root, 'containers.sarif');
    runCli(['scan', 'examples', '-f', 'sarif', '-o', examples]);
    const all = join(root, 'all.json');
    writeFileSync(all, JSON.stringify(allInspectFixtures()));
    runCli(['inspect', all, '-f', 'sarif', '-o', containers]);

    // The validator reports what it finds as a SARIF log of its own.
    const broken = join(root, 'broken.sarif');
    writeFileSync(broken, JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }));
    assert.deepEqual(validatorErrors([broken, examples, containers]), [
      ['broken.sarif', 'JSON1002'],
    ]);
  });
});

function sarifResults(dir: string): Array<{ startLine: number; fingerprint: string }> {
  const log = JSON.parse(runCli(['scan', '-f', 'sarif'], { cwd: dir }).stdout) as SarifLog;
  return (log.runs[0]?.results ?? []).map((r) => ({
    startLine: r.locations?.[0]?.physicalLocation?.region?.startLine ?? 0,
    fingerprint: r.partialFingerprints?.['dockerSocketGuard/v1'] ?? '',
  }));
}

/** The validator's error-level results as [file name, rule id]; one run for all files. */
function validatorErrors(files: string[]): Array<[string, string]> {
  const out = join(dirname(files[0] ?? ''), 'validation.sarif');
  const tool = join(ROOT, 'node_modules/.bin/sarif-multitool');
  execFileSync(tool, ['validate', ...files, '-o', out], { stdio: 'pipe' });

  const log = JSON.parse(readFileSync(out, 'utf8')) as SarifLog;
  return (log.runs[0]?.results ?? [])
    .filter((r) => (r.level ?? 'warning') === 'error')
    .map((r) => {
      const uri = r.locations?.[0]?.physicalLocation?.artifactLocation.uri ?? '';
      return [uri.slice(uri.lastIndexOf('/') + 1), r.ruleId] as [string, string];
    });
}
