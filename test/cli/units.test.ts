import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { detectKind } from '../../shared/detect/kind';
import { parseArgs, UsageError } from '../../cli/args';
import { parseDotEnv } from '../../cli/dotenv';
import { wrap } from '../../cli/explain';
import { escapeData, escapeProperty } from '../../cli/formats/github';
import { formatText } from '../../cli/formats/text';
import { publishedPorts, splitBind } from '../../cli/inspect/fields';
import { judgeContainers } from '../../cli/inspect/judge';
import { Progress } from '../../cli/progress';
import type { Report } from '../../cli/report';
import { ROOT } from './helpers';

describe('cli args', () => {
  it('parses scan options, repeatable ones in order, paths defaulting to .', () => {
    const command = parseArgs([
      'scan',
      '-f',
      'sarif',
      '--output=out.sarif',
      '--exclude',
      'a/**',
      '-x',
      'b',
      '--rule',
      'dsg001=warning',
      '--rule=DSG004=off',
      '--fail-on',
      'none',
      '--explain',
    ]);

    assert.deepEqual(command, {
      command: 'scan',
      format: 'sarif',
      output: 'out.sarif',
      failOn: 'none',
      config: undefined,
      rules: [
        ['DSG001', 'warning'],
        ['DSG004', 'off'],
      ],
      limits: {},
      explain: true,
      paths: ['.'],
      exclude: ['a/**', 'b'],
    });
  });

  it('takes paths after --, even ones that look like options', () => {
    const command = parseArgs(['scan', 'a', '--', '-weird', 'b']);
    assert.equal(command.command, 'scan');
    if (command.command === 'scan') assert.deepEqual(command.paths, ['a', '-weird', 'b']);
  });

  it('reads one inspect input, - included', () => {
    const command = parseArgs(['inspect', '-']);
    assert.equal(command.command === 'inspect' && command.input, '-');
    assert.throws(() => parseArgs(['inspect', 'a', 'b']), UsageError);
  });

  it('rejects a value on a flag that takes none', () => {
    assert.throws(() => parseArgs(['scan', '--explain=yes']), /--explain takes no value/);
  });
});

describe('cli .env', () => {
  it('reads KEY=value lines, strips one pair of quotes and inline comments', () => {
    const text =
      '# comment\n\nexport A=1\nB="two words"\nC=\'single\'\n' +
      'D=plain # note\nE=\nnot a pair\r\nF="x"';
    assert.deepEqual(parseDotEnv(text), {
      A: '1',
      B: 'two words',
      C: 'single',
      D: 'plain',
      E: '',
      F: 'x',
    });
  });
});

describe('cli github escaping', () => {
  it('escapes %, CR and LF in data, and : and , too in properties', () => {
    assert.equal(escapeData('100% a:b,c\r\nd'), '100%25 a:b,c%0D%0Ad');
    assert.equal(escapeProperty('100% a:b,c\r\nd'), '100%25 a%3Ab%2Cc%0D%0Ad');
  });
});

describe('cli text format', () => {
  const report: Report = {
    subject: 'files',
    examined: 1,
    notices: [],
    findings: [
      {
        ruleId: 'DSG004',
        severity: 'warning',
        message: 'Service "a" uses TLS on tcp://d:2376 without verification',
        location: {
          kind: 'file',
          path: 'c.yaml',
          range: { start: { line: 3, column: 5 }, end: { line: 3, column: 20 } },
        },
        facts: { exposure: 'tls-unverified', owner: { kind: 'service', name: 'a' } },
        related: [],
        fingerprint: 'f',
      },
    ],
  };

  it('colours the severity and dims the rule id when asked', () => {
    assert.equal(
      formatText(report, { color: true, explain: false }),
      'c.yaml:3:5 \x1b[33mwarning\x1b[0m \x1b[2mDSG004\x1b[0m Service "a" uses TLS on ' +
        'tcp://d:2376 without verification\n' +
        '1 finding (0 errors, 1 warning, 0 information) in 1 file\n',
    );
  });

  it('wraps explanations, list items indented under their dash', () => {
    assert.deepEqual(wrap('one two three\n\n- four five six', 14, '  '), [
      '  one two',
      '  three',
      '',
      '  - four five',
      '    six',
    ]);
  });
});

describe('cli progress line', () => {
  it('stays quiet for the first second and on a non-terminal', () => {
    const written: string[] = [];
    let now = 0;
    const progress = new Progress({ isTTY: true, write: (t) => written.push(t) }, () => now);

    now = 999;
    progress.update(1, 10);
    assert.deepEqual(written, []);
    now = 1000;
    progress.update(2, 10);
    now = 1050;
    progress.update(3, 10);
    now = 1100;
    progress.update(4, 10);
    progress.finish();
    assert.deepEqual(written, [
      '\r\x1b[Kscanning: 2/10 files',
      '\r\x1b[Kscanning: 4/10 files',
      '\r\x1b[K',
    ]);

    const silent: string[] = [];
    const piped = new Progress({ isTTY: false, write: (t) => silent.push(t) }, () => now);
    now = 5000;
    piped.update(1, 2);
    piped.finish();
    assert.deepEqual(silent, []);
  });
});

describe('cli inspect fields', () => {
  it('splits binds with Linux paths, drive letters and pipes', () => {
    assert.deepEqual(splitBind('/var/run/docker.sock:/var/run/docker.sock:ro,rprivate'), {
      source: '/var/run/docker.sock',
      target: '/var/run/docker.sock',
      readOnly: true,
    });
    assert.deepEqual(
      splitBind('C:\\Users\\me\\.docker:C:\\Users\\ContainerAdministrator\\.docker'),
      {
        source: 'C:\\Users\\me\\.docker',
        target: 'C:\\Users\\ContainerAdministrator\\.docker',
        readOnly: false,
      },
    );
    assert.deepEqual(splitBind('\\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine'), {
      source: '\\\\.\\pipe\\docker_engine',
      target: '\\\\.\\pipe\\docker_engine',
      readOnly: false,
    });
    assert.deepEqual(splitBind('data:/data'), { source: 'data', target: '/data', readOnly: false });
    assert.equal(splitBind('/only-one-part'), undefined);
  });

  it('finds a published port in NetworkSettings, else in PortBindings', () => {
    const bound = {
      NetworkSettings: { Ports: { '2375/tcp': [{ HostIp: '::', HostPort: '12375' }] } },
    };
    assert.deepEqual(publishedPorts(bound, '2375/tcp'), {
      label: '[::]:12375->2375/tcp',
      endpoint: 'tcp://[::]:12375',
    });

    const asked = {
      NetworkSettings: { Ports: { '2375/tcp': null } },
      HostConfig: { PortBindings: { '2375/tcp': [{ HostIp: '', HostPort: '' }] } },
    };
    assert.deepEqual(publishedPorts(asked, '2375/tcp'), {
      label: '2375/tcp',
      endpoint: 'tcp://0.0.0.0',
    });
    assert.equal(
      publishedPorts({ NetworkSettings: { Ports: { '2375/tcp': [] } } }, '2375/tcp'),
      undefined,
    );
  });
});

describe('cli inspect judge', () => {
  const base = { Id: 'abcdef0123456789', Name: '/x', Config: { Image: 'alpine:3' } };

  it('reports a -v mount once although Mounts and Binds both list it', () => {
    const judgement = judgeContainers([
      {
        ...base,
        HostConfig: { Binds: ['/var/run/docker.sock:/var/run/docker.sock/'] },
        Mounts: [
          {
            Type: 'bind',
            Source: '/var/run/docker.sock',
            Destination: '/var/run/docker.sock',
            RW: true,
          },
        ],
      },
    ]);
    assert.deepEqual(
      judgement.findings.map((f) => [f.ruleId, f.container, f.message]),
      [
        [
          'DSG001',
          { name: 'x', id: 'abcdef012345' },
          'Container "x" mounts the Docker socket /var/run/docker.sock',
        ],
      ],
    );
  });

  it('reports DOCKER_HOST on 2376 with verification off as DSG004', () => {
    const judgement = judgeContainers({
      ...base,
      Config: { Image: 'alpine:3', Env: ['DOCKER_HOST=tcp://d:2376', 'DOCKER_TLS_VERIFY=0'] },
    });
    assert.deepEqual(
      judgement.findings.map((f) => [f.ruleId, f.severity, f.message]),
      [['DSG004', 'warning', 'Container "x" uses TLS on tcp://d:2376 without verification']],
    );
  });

  it('honours extra socket paths and ignores volumes and unrelated binds', () => {
    const entry = {
      ...base,
      HostConfig: { Binds: ['/srv/api.sock:/api.sock', '/srv/data:/data'] },
      Mounts: [{ Type: 'volume', Source: '/var/lib/docker/volumes/v/_data', Destination: '/v' }],
    };
    assert.equal(judgeContainers([entry]).findings.length, 0);
    assert.deepEqual(
      judgeContainers([entry], { extraSocketPaths: ['/srv/api.sock'] }).findings.map(
        (f) => f.message,
      ),
      ['Container "x" mounts the container engine socket /srv/api.sock'],
    );
  });
});

describe('pre-commit hook', () => {
  it('passes every file name the engine recognises by name, and not others', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{
      id: string;
      entry: string;
      files: string;
    }>;
    const hook = hooks[0];
    assert.equal(hook?.id, 'docker-socket-guard');
    assert.equal(hook?.entry, 'docker-socket-guard scan');

    // pre-commit reads Python's verbose, case-insensitive syntax: the same pattern without them.
    const files = new RegExp((hook?.files ?? '').replace(/^\(\?ix\)/, '').replace(/\s+/g, ''), 'i');
    const named = [
      'compose.yaml',
      'deploy/docker-compose.prod.yml',
      'Dockerfile',
      'images/api.Containerfile',
      '.devcontainer/devcontainer.json',
      '.devcontainer/python/devcontainer.json',
      '.devcontainer.json',
      'etc/docker/daemon.json',
      'lib/systemd/system/docker.service',
      'etc/systemd/system/docker.service.d/override.conf',
      'etc/default/docker',
      'GNUmakefile',
      'build/rules.mk',
      'scripts/run.zsh',
      '.github/workflows/ci.yml',
      '.gitlab-ci.yml',
      'etc/gitlab-runner/config.toml',
    ];
    for (const name of named) {
      assert.ok(detectKind(name, '') !== undefined || /\.ya?ml$/.test(name), name);
      assert.ok(files.test(name), name);
    }
    for (const other of ['README.md', 'src/index.ts', 'package.json', 'config.toml']) {
      assert.ok(!files.test(other), other);
    }
  });
});
