import { strict as assert } from 'assert';
import { analyse } from '../../shared/analyse';
import { brief, fixture, runCompose, where } from './compose.helpers';

describe('compose: line ends, byte-order marks and wide characters', () => {
  it('keeps exact positions with CRLF line ends', () => {
    const text = fixture('crlf.positive.yaml');
    assert.ok(text.includes('\r\n'));
    const expected = [
      { rule: 'DSG003', at: '5:21-5:38', text: 'tcp://docker:2375' },
      { rule: 'DSG001', at: '7:8-7:49', text: '/var/run/docker.sock:/var/run/docker.sock' },
      { rule: 'DSG005', at: '10:16-10:20', text: 'true' },
      { rule: 'DSG003', at: '12:6-12:28', text: 'DOCKER_TLS_CERTDIR: ""' },
    ];
    assert.deepEqual(brief(text, runCompose(text).findings), expected);
    assert.deepEqual(brief(text, analyse({ fileName: 'compose.yaml', text }).findings), expected);
  });

  it('gives the same positions through analyse(), which drops a byte-order mark', () => {
    const text = fixture('bom.positive.yaml');
    assert.equal(text.charCodeAt(0), 0xfeff);
    const stripped = text.slice(1);

    const result = analyse({ fileName: 'compose.yaml', text });
    assert.equal(result.kind, 'compose');
    assert.deepEqual(brief(stripped, result.findings), [
      { rule: 'DSG001', at: '3:8-3:51', text: '"/var/run/docker.sock:/var/run/docker.sock"' },
    ]);
    assert.deepEqual(
      brief(stripped, runCompose(stripped).findings),
      brief(stripped, result.findings),
    );
  });

  it('counts the mark as a column when called directly with it on the finding line', () => {
    const body = 'services: {a: {volumes: ["/run/docker.sock:/var/run/docker.sock"]}}\n';
    const viaAnalyse = analyse({ fileName: 'compose.yaml', text: '\ufeff' + body }).findings;
    assert.deepEqual(
      viaAnalyse.map((f) => where(f.span)),
      ['0:25-0:64'],
    );

    const direct = runCompose('\ufeff' + body).findings;
    assert.deepEqual(
      direct.map((f) => where(f.span)),
      ['0:26-0:65'],
    );
  });

  it('counts columns in UTF-16 units after non-ASCII service names on the same line', () => {
    const text = fixture('unicode.positive.yaml');
    const { findings } = runCompose(text);
    assert.deepEqual(brief(text, findings), [
      { rule: 'DSG001', at: '2:35-2:78', text: '"/var/run/docker.sock:/var/run/docker.sock"' },
      { rule: 'DSG003', at: '3:46-3:63', text: 'tcp://docker:2375' },
    ]);
    assert.deepEqual(
      findings.map((f) => f.facts.owner.name),
      ['café', '🐳 ünïcode'],
    );
  });
});

describe('compose: YAML errors', () => {
  it('reports what parsed before the error and one notice naming it', () => {
    const text = fixture('syntax-error.positive.yaml');
    const { findings, notices } = runCompose(text);
    assert.deepEqual(brief(text, findings), [
      { rule: 'DSG001', at: '4:8-4:49', text: '/var/run/docker.sock:/var/run/docker.sock' },
    ]);
    assert.deepEqual(
      notices.map((n) => [n.severity, n.message, where(n.span)]),
      [
        [
          'information',
          'YAML error at line 10, column 1: Missing closing "quote. ' +
            'Findings cover only the part that could be read.',
          '9:0-9:0',
        ],
      ],
    );
  });

  it('gives only the notice when nothing dangerous parsed', () => {
    const text = fixture('syntax-error.negative.yaml');
    const { findings, notices } = runCompose(text);
    assert.deepEqual(findings, []);
    assert.deepEqual(
      notices.map((n) => [n.severity, n.message, where(n.span)]),
      [
        [
          'information',
          'YAML error at line 6, column 1: All mapping items must start at the same column. ' +
            'Findings cover only the part that could be read.',
          '5:0-5:1',
        ],
      ],
    );
  });

  it('never throws, whatever the text', () => {
    const texts = [
      '',
      '---\n---\n',
      'services',
      'services: [1, 2]',
      'services:\n  a: *nowhere\n',
      'services:\n  a:\n    volumes: *nowhere\n    ports: {x: 1}\n    environment: 3\n',
      'services:\n  a:\n    volumes:\n      - ":::"\n      - {source: {a: 1}}\n      - [x]\n',
      ': : :\n\t- [\n',
      'services:\n  a:\n    ports:\n      - "\\UFFFFFFFF"\n    environment: ["A=\\x"]\n',
    ];
    for (const text of texts) {
      assert.doesNotThrow(() => runCompose(text), text);
      assert.deepEqual(runCompose(text).findings, [], text);
    }
  });

  it('reads every document of a multi-document file', () => {
    const text = [
      'services:',
      '  a:',
      '    volumes: ["/var/run/docker.sock:/s"]',
      '---',
      'services:',
      '  b:',
      '    use_api_socket: true',
      '',
    ].join('\n');
    assert.deepEqual(brief(text, runCompose(text).findings), [
      { rule: 'DSG001', at: '2:14-2:39', text: '"/var/run/docker.sock:/s"' },
      { rule: 'DSG001', at: '6:20-6:24', text: 'true' },
    ]);
  });
});
