import { strict as assert } from 'assert';
import { analyse } from '../../shared/analyse';
import { DEFAULT_LIMITS, resolveLimits } from '../../shared/limits/defaults';
import { withoutStackTraces } from '../../shared/limits/errors';
import type { AnalysisResult, Notice } from '../../shared/model/finding';
import { engineOptions, readSettings } from '../../shared/settings';
import { analyseChecked } from '../fuzz/check';

/** The limits on one file: size, nesting and time, each a notice when hit, and the settings. */

const SOCKET_COMPOSE =
  'services:\n  agent:\n    image: agent\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n';

const FILE_START = { start: 0, end: 0, range: { start: pos(0, 0), end: pos(0, 0) } };

function pos(line: number, character: number) {
  return { line, character };
}

function info(message: string, span = FILE_START): Notice {
  return { severity: 'information', message, span };
}

function rulesAndText(text: string, result: AnalysisResult): string[] {
  return result.findings.map((f) => `${f.ruleId} ${text.slice(f.span.start, f.span.end)}`);
}

/** A clock that reads the given times in turn and then keeps reading the last one. */
function scriptedClock(...readings: number[]): () => number {
  let call = 0;
  return () => readings[Math.min(call++, readings.length - 1)] ?? 0;
}

describe('hostile input: limits', () => {
  it('states each default once', () => {
    assert.deepEqual(DEFAULT_LIMITS, {
      maxFileBytes: 5 * 1024 * 1024,
      maxNesting: 500,
      maxMillisPerFile: 2000,
    });
  });

  it('does not parse a 50 MB Compose file: one notice names the limit and its setting', () => {
    const padding = '# padding line of a generated file\n';
    const text = SOCKET_COMPOSE + padding.repeat(Math.ceil((50 * 1024 * 1024) / padding.length));
    const result = analyse({ fileName: 'compose.yaml', text });
    assert.deepEqual(result, {
      kind: 'compose',
      findings: [],
      notices: [
        info(
          'File is larger than the 5 MB limit (dockerSocketGuard.limits.maxFileBytes); ' +
            'it was not analysed.',
        ),
      ],
    });
  });

  it('measures the size in UTF-8 bytes, up to and including the limit', () => {
    // 99 bytes of Compose, then a comment of 200 two-byte characters: 502 bytes, 302 characters.
    const text = SOCKET_COMPOSE + `# ${'é'.repeat(200)}\n`;
    assert.equal(Buffer.byteLength(text, 'utf8'), 502);

    const at = analyse({
      fileName: 'compose.yaml',
      text,
      options: { limits: { maxFileBytes: 502 } },
    });
    assert.deepEqual(rulesAndText(text, at), ['DSG001 /var/run/docker.sock:/var/run/docker.sock']);

    const options = { limits: { maxFileBytes: 501 } };
    assert.deepEqual(analyse({ fileName: 'compose.yaml', text, options }).notices, [
      info(
        'File is larger than the 501 bytes limit (dockerSocketGuard.limits.maxFileBytes); ' +
          'it was not analysed.',
      ),
    ]);
  });

  it('states a limit in the units it was set in', () => {
    const text = SOCKET_COMPOSE.repeat(20);
    const messages = [1536, 1024].map(
      (maxFileBytes) =>
        analyse({ fileName: 'compose.yaml', text, options: { limits: { maxFileBytes } } })
          .notices[0]?.message,
    );
    assert.deepEqual(messages, [
      'File is larger than the 1.5 KB limit (dockerSocketGuard.limits.maxFileBytes); it was not analysed.',
      'File is larger than the 1 KB limit (dockerSocketGuard.limits.maxFileBytes); it was not analysed.',
    ]);
  });

  it('stops a file nested past the limit before the parser, and a raised limit lets it through', () => {
    const text = `${SOCKET_COMPOSE}    labels: ${'['.repeat(600)}${']'.repeat(600)}\n`;
    const stopped = analyse({ fileName: 'compose.yaml', text });
    assert.deepEqual(stopped.findings, []);
    assert.deepEqual(stopped.notices, [
      info(
        'File nests deeper than the 500-level limit (dockerSocketGuard.limits.maxNesting) at ' +
          'line 6; it was not analysed.',
        // `services`, `agent` and `labels` are three levels: the 498th bracket is one too many.
        { start: 608, end: 609, range: { start: pos(5, 509), end: pos(5, 510) } },
      ),
    ]);

    const raised = analyseChecked({
      fileName: 'compose.yaml',
      text,
      options: { limits: { maxNesting: 700 } },
    });
    assert.deepEqual(rulesAndText(text, raised), [
      'DSG001 /var/run/docker.sock:/var/run/docker.sock',
    ]);
  });

  it('stops a Kubernetes stream between documents when the clock passes the time limit', () => {
    const pod = (name: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  volumes:\n` +
      `    - name: s\n      hostPath:\n        path: /var/run/docker.sock\n`;
    const text = `${pod('first')}---\n${pod('second')}---\n${pod('third')}`;

    // Readings: the start, the check before the family, document 1, document 2.
    const now = scriptedClock(0, 10, 1000, 2500);
    const result = analyse({ fileName: 'pods.yaml', text, options: { now } });
    assert.deepEqual(rulesAndText(text, result), ['DSG001 /var/run/docker.sock']);
    assert.deepEqual(result.notices, [
      info(
        'Analysis stopped at the 2 s limit (dockerSocketGuard.limits.maxMillisPerFile); ' +
          'lines 10-29 were not analysed.',
        { start: 131, end: 134, range: { start: pos(9, 0), end: pos(9, 3) } },
      ),
    ]);

    const patient = analyse({
      fileName: 'pods.yaml',
      text,
      options: { now: scriptedClock(0, 10, 1000, 2500), limits: { maxMillisPerFile: 5000 } },
    });
    assert.equal(patient.findings.length, 3);
    assert.deepEqual(patient.notices, []);
  });

  it('checks the clock after the pre-checks, before any family runs', () => {
    const result = analyse({
      fileName: 'compose.yaml',
      text: SOCKET_COMPOSE,
      options: { now: scriptedClock(0, 2001), limits: { maxMillisPerFile: 2000 } },
    });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.notices, [
      info(
        'Analysis stopped at the 2 s limit (dockerSocketGuard.limits.maxMillisPerFile); ' +
          'the file was not analysed.',
        { start: 0, end: 9, range: { start: pos(0, 0), end: pos(0, 9) } },
      ),
    ]);
  });

  it('turns an exception inside a family into one warning, never a throw', () => {
    const trustedImages = {
      some() {
        throw new Error('trusted images unavailable');
      },
    } as unknown as string[];
    const pod =
      'apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: agent}]\n' +
      '  volumes: [{name: s, hostPath: {path: /var/run/docker.sock}}]\n';
    const dockerfile = 'FROM agent\nRUN docker run -v /var/run/docker.sock:/x img\n';

    for (const [fileName, text] of [
      ['deploy.yaml', pod],
      ['Dockerfile', dockerfile],
    ] as const) {
      const result = analyse({ fileName, text, options: { trustedImages } });
      assert.deepEqual(result.findings, [], fileName);
      assert.deepEqual(result.notices, [
        {
          severity: 'warning',
          message: 'Docker Socket Guard could not analyse this file: trusted images unavailable',
          span: FILE_START,
        },
      ]);
    }
  });

  it('reports an exception that cannot be read, and shortens a long one', () => {
    const throwing = (thrown: unknown) =>
      ({
        some() {
          throw thrown;
        },
      }) as unknown as string[];
    const unreadable = {
      toString(): string {
        throw new Error('no words');
      },
    };
    const messages = [unreadable, new Error('x'.repeat(1000))].map(
      (thrown) =>
        analyse({
          fileName: 'Dockerfile',
          text: 'FROM agent\nRUN docker run -v /var/run/docker.sock:/x img\n',
          options: { trustedImages: throwing(thrown) },
        }).notices[0]?.message,
    );
    assert.deepEqual(messages, [
      'Docker Socket Guard could not analyse this file: an unreadable exception',
      `Docker Socket Guard could not analyse this file: ${'x'.repeat(300)}…`,
    ]);
  });

  it('turns a failing clock into the same warning', () => {
    const now = (): number => {
      throw new Error('no clock');
    };
    const result = analyse({ fileName: 'compose.yaml', text: SOCKET_COMPOSE, options: { now } });
    assert.deepEqual(result, {
      kind: 'compose',
      findings: [],
      notices: [
        {
          severity: 'warning',
          message: 'Docker Socket Guard could not analyse this file: no clock',
          span: FILE_START,
        },
      ],
    });
  });

  it('parses without stack traces and puts the limit back, even when the parser throws', () => {
    const before = Error.stackTraceLimit;
    assert.equal(
      withoutStackTraces(() => Error.stackTraceLimit),
      0,
    );
    assert.throws(() =>
      withoutStackTraces(() => {
        throw new Error('parser failed');
      }),
    );
    analyse({ fileName: 'compose.yaml', text: `${SOCKET_COMPOSE}  b: [\n` });
    assert.equal(Error.stackTraceLimit, before);
  });

  it('keeps the default for a limit that is not a positive whole number', () => {
    const limits = resolveLimits({ maxFileBytes: -1, maxNesting: 2.5, maxMillisPerFile: NaN });
    assert.deepEqual(limits, DEFAULT_LIMITS);
    assert.deepEqual(resolveLimits({ maxNesting: 64 }), { ...DEFAULT_LIMITS, maxNesting: 64 });
  });

  it('reads the limits settings like the others and hands them to the engine', () => {
    const { settings, problems } = readSettings({
      limits: { maxFileBytes: 1048576, maxNesting: 0, maxMillisPerFile: '5000', depth: 3 },
    });
    assert.deepEqual(settings.limits, { ...DEFAULT_LIMITS, maxFileBytes: 1048576 });
    assert.deepEqual(problems, [
      { key: 'limits.maxNesting', message: 'maxNesting must be a positive whole number' },
      {
        key: 'limits.maxMillisPerFile',
        message: 'maxMillisPerFile must be a positive whole number',
      },
      { key: 'limits.depth', message: 'unknown limit depth' },
    ]);
    assert.deepEqual(engineOptions(settings).limits, settings.limits);

    assert.deepEqual(readSettings({ limits: [] }).problems, [
      {
        key: 'limits',
        message: 'limits must map maxFileBytes, maxNesting, maxMillisPerFile to numbers',
      },
    ]);
    assert.deepEqual(readSettings({}).settings.limits, DEFAULT_LIMITS);
  });
});
