import { strict as assert } from 'assert';
import { applySeverities, defaultSettings, readSettings } from '../../shared/settings';
import type { Finding } from '../../shared/model/finding';

describe('settings', () => {
  it('states every default once', () => {
    const settings = defaultSettings();
    assert.deepEqual(settings.rules, {
      DSG001: 'error',
      DSG002: 'error',
      DSG003: 'error',
      DSG004: 'warning',
      DSG005: 'warning',
    });
    assert.equal(settings.enable, true);
    assert.equal(settings.fixAll.preferredFix, 'remove');
    assert.ok(settings.trustedImages.includes('tecnativa/docker-socket-proxy'));
  });

  it('reads rule severities and reports unknown rules and bad severities', () => {
    const { settings, problems } = readSettings({
      rules: { DSG004: 'error', DSG009: 'off', DSG001: 'loud' },
    });
    assert.equal(settings.rules.DSG004, 'error');
    assert.equal(settings.rules.DSG001, 'error');
    assert.deepEqual(problems, [
      { key: 'rules.DSG009', message: 'unknown rule DSG009' },
      {
        key: 'rules.DSG001',
        message: 'severity must be one of error, warning, information, hint, off',
      },
    ]);
  });

  it('reads the fix-all preference and keeps the default for an unknown kind', () => {
    assert.equal(
      readSettings({ fixAll: { preferredFix: 'tls' } }).settings.fixAll.preferredFix,
      'tls',
    );

    const { settings, problems } = readSettings({ fixAll: { preferredFix: 'delete' } });
    assert.equal(settings.fixAll.preferredFix, 'remove');
    assert.deepEqual(problems, [
      {
        key: 'fixAll.preferredFix',
        message: 'fixAll.preferredFix must be one of remove, tls, sysbox, proxy',
      },
    ]);
  });

  it('reports lists of the wrong type and keeps their defaults', () => {
    const { settings, problems } = readSettings({ exclude: 'vendor/**', enable: 'yes' });
    assert.deepEqual(settings.exclude, []);
    assert.equal(settings.enable, true);
    assert.deepEqual(
      problems.map((p) => p.key),
      ['enable', 'exclude'],
    );
  });

  it('drops rules set to off and keeps a trusted consumer at information', () => {
    const base = {
      span: {
        start: 0,
        end: 1,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      },
    };
    const findings = [
      { ...base, ruleId: 'DSG001', severity: 'information' },
      { ...base, ruleId: 'DSG003', severity: 'error' },
      { ...base, ruleId: 'DSG004', severity: 'warning' },
    ] as Finding[];
    const { settings } = readSettings({
      rules: { DSG003: 'off', DSG004: 'hint', DSG001: 'error' },
    });
    assert.deepEqual(
      applySeverities(findings, settings).map((f) => [f.ruleId, f.severity]),
      [
        ['DSG001', 'information'],
        ['DSG004', 'hint'],
      ],
    );
  });
});
