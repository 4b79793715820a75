import { strict as assert } from 'assert';
import { brief, briefOf, fixture, only, relatedOf, scan } from './shell.helpers';

function make(text: string): ReturnType<typeof scan> {
  return scan(text, 'Makefile');
}

describe('Makefile recipes', () => {
  it('reports the variables fixture with spans on the references and related assignments', () => {
    const text = fixture('makefile', 'variables.mk');
    const { findings } = scan(text, 'build/variables.mk');
    assert.deepEqual(brief(text, findings), [
      'DSG003 error 5:23-5:32 "$(REMOTE)"',
      'DSG001 error 11:8-11:15 "$(SOCK)"',
      'DSG002 error 16:20-16:30 "${RUN_DIR}"',
    ]);
    assert.deepEqual(
      findings.map((f) => f.message),
      [
        'File "variables.mk" points DOCKER_HOST at tcp://builder.internal:2375 without TLS',
        'Command make agent mounts the Docker socket /var/run/docker.sock',
        'Command make lint mounts host directory /var/run, which holds the Docker socket',
      ],
    );
    assert.deepEqual(relatedOf(findings[1]), ['Make variable SOCK is set here @ 2:11-2:33']);
    assert.deepEqual(relatedOf(findings[2]), ['Make variable RUN_DIR is set here @ 1:11-1:19']);
    assert.deepEqual(findings[1]?.facts.owner, { kind: 'command', name: 'make agent' });
  });

  it('finds nothing in the clean fixture (comments, define, printf, unknown variables)', () => {
    assert.deepEqual(briefOf(fixture('makefile', 'clean.mk'), 'clean.mk'), []);
  });

  it('resolves =, :=, ?=, ::=, override and export assignments, and $$ as the shell $', () => {
    const text = [
      'A = /var/run',
      'B := $(A)/docker.sock',
      'C = /run/podman/podman.sock',
      'C ?= /tmp',
      'override D ::= /run',
      'export E = /run/containerd/containerd.sock',
      '',
      'all:',
      '\tdocker run -v $(B):/a -v $(C):/b -v ${D}:/c -v $$E:/d x',
    ].join('\n');
    const { findings } = make(text);
    assert.deepEqual(brief(text, findings), [
      'DSG001 error 8:15-8:19 "$(B)"',
      'DSG001 error 8:26-8:30 "$(C)"',
      'DSG002 error 8:37-8:41 "${D}"',
      'DSG001 error 8:48-8:51 "$$E"',
    ]);
    assert.deepEqual(findings.map(relatedOf), [
      ['Make variable B is set here @ 1:5-1:21'],
      ['Make variable C is set here @ 2:4-2:27'],
      ['Make variable D is set here @ 4:15-4:19'],
      [],
    ]);
    assert.equal(
      findings[3]?.message,
      'Command make all mounts the containerd socket $E (/run/containerd/containerd.sock)',
    );
  });

  it('honours .RECIPEPREFIX', () => {
    const text = '.RECIPEPREFIX = >\nrun:\n> docker run -v /var/run/docker.sock:/s a\n';
    assert.deepEqual(brief(text, make(text).findings), [
      'DSG001 error 2:16-2:36 "/var/run/docker.sock"',
    ]);
  });

  it('strips @ and - and joins CRLF continuation lines without their recipe prefix', () => {
    const text =
      'build:\r\n\t@-docker run --rm \\\r\n\t\t-v /var/run/docker.sock:/s \\\r\n\t\talpine\r\n';
    const finding = only(text, 'Makefile');
    assert.deepEqual(brief(text, [finding]), ['DSG001 error 2:5-2:25 "/var/run/docker.sock"']);
    assert.equal(
      finding.message,
      'Command make build mounts the Docker socket /var/run/docker.sock',
    );
    assert.deepEqual(finding.facts.detail, {
      command: 'docker run',
      flag: '-v',
      wordStart: 32,
      wordEnd: 58,
    });
  });

  it('reads an inline recipe after ;', () => {
    const text = 'sock: ; docker run -v /var/run/docker.sock:/s a\n';
    assert.deepEqual(brief(text, make(text).findings), [
      'DSG001 error 0:22-0:42 "/var/run/docker.sock"',
    ]);
  });

  it('gives each recipe line its own shell unless .ONESHELL is set', () => {
    const recipe = 'docs:\n\tcat <<EOF\n\tdocker run -v /var/run/docker.sock:/s a\n\tEOF\n';
    assert.deepEqual(brief(recipe, make(recipe).findings), [
      'DSG001 error 2:15-2:35 "/var/run/docker.sock"',
    ]);
    assert.deepEqual(make('.ONESHELL:\n' + recipe).findings, []);
  });

  it('counts UTF-16 columns after a byte-order mark, tabs and non-ASCII text', () => {
    const text =
      '\uFEFF# Größe 🐳\nSOCK = /var/run/docker.sock # Sockel für 🐳\nrun:\n\techo "🐳 größe"; docker run -v $(SOCK):/s a\n';
    const { findings } = make(text);
    assert.deepEqual(brief(text, findings), ['DSG001 error 3:32-3:39 "$(SOCK)"']);
    assert.deepEqual(relatedOf(findings[0]), ['Make variable SOCK is set here @ 1:7-1:27']);
  });

  it('matches each reference with its own closer in one pass, unclosed ones left as written', () => {
    const text =
      'SOCK := /var/run/docker.sock\nRUN := /run\nall:\n' +
      `\tdocker run -v $(SOCK):/x -v \${RUN}:/r alpine ${'$(echo ${x '.repeat(5_000)}\n`;
    assert.deepEqual(brief(text, make(text).findings), [
      'DSG001 error 3:15-3:22 "$(SOCK)"',
      'DSG002 error 3:29-3:35 "${RUN}"',
    ]);
  });

  it('leaves $(shell ...) and make variables it does not know as they are', () => {
    const text = 'run:\n\tdocker run -v $(shell pwd):/src -v $(CURDIR)/run:/run a\n';
    assert.deepEqual(make(text).findings, []);
  });
});

describe('Makefile DOCKER_HOST', () => {
  it('reports an exported plaintext DOCKER_HOST on its value, without its comment', () => {
    const finding = only('export DOCKER_HOST = tcp://build:2375 # the builder\n', 'Makefile');
    assert.deepEqual(brief('export DOCKER_HOST = tcp://build:2375 # the builder\n', [finding]), [
      'DSG003 error 0:21-0:37 "tcp://build:2375"',
    ]);
    assert.equal(
      finding.message,
      'File "Makefile" points DOCKER_HOST at tcp://build:2375 without TLS',
    );
    assert.deepEqual(finding.facts, {
      exposure: 'plaintext-tcp',
      owner: { kind: 'file', name: 'Makefile' },
      endpoint: 'tcp://build:2375',
      detail: { variable: 'DOCKER_HOST', exported: true },
    });
  });

  it('needs the variable exported: by export NAME, by .EXPORT_ALL_VARIABLES, or not at all', () => {
    assert.deepEqual(make('DOCKER_HOST = tcp://build:2375\n').findings, []);
    const named = 'DOCKER_HOST = tcp://build:2375\nexport DOCKER_HOST\n';
    assert.deepEqual(brief(named, make(named).findings), [
      'DSG003 error 0:14-0:30 "tcp://build:2375"',
    ]);
    const all = '.EXPORT_ALL_VARIABLES:\nDOCKER_HOST = tcp://build:2375\n';
    assert.deepEqual(brief(all, make(all).findings), ['DSG003 error 1:14-1:30 "tcp://build:2375"']);
  });

  it('weighs an exported DOCKER_TLS_VERIFY', () => {
    const verified = 'export DOCKER_TLS_VERIFY = 1\nexport DOCKER_HOST = tcp://build:2376\n';
    assert.deepEqual(make(verified).findings, []);
    const off = verified.replace('= 1', '= 0');
    const finding = only(off, 'Makefile');
    assert.deepEqual([finding.ruleId, finding.severity], ['DSG004', 'warning']);
  });

  it('reports a make variable given to a command as DOCKER_HOST, at the reference', () => {
    const text = 'REMOTE = tcp://build:2375\nps:\n\tDOCKER_HOST=$(REMOTE) docker ps\n';
    const finding = only(text, 'Makefile');
    assert.deepEqual(brief(text, [finding]), ['DSG003 error 2:13-2:22 "$(REMOTE)"']);
    assert.equal(
      finding.message,
      'Command make ps points DOCKER_HOST at tcp://build:2375 without TLS',
    );
    assert.deepEqual(relatedOf(finding), ['Make variable REMOTE is set here @ 0:9-0:25']);
  });
});
