import { strict as assert } from 'assert';
import { brief, findingAt, fixture, relatedOf, runCompose } from './compose.helpers';

describe('compose: anchors, aliases and merge keys', () => {
  const text = fixture('anchors.positive.yaml');
  const { findings, notices } = runCompose(text);

  it('reports a shared definition once, inside the anchor', () => {
    assert.deepEqual(brief(text, findings), [
      { rule: 'DSG001', at: '3:6-3:47', text: '/var/run/docker.sock:/var/run/docker.sock' },
      { rule: 'DSG003', at: '5:17-5:34', text: 'tcp://docker:2375' },
      { rule: 'DSG001', at: '9:12-9:28', text: '/run/docker.sock' },
      { rule: 'DSG005', at: '13:14-13:18', text: 'true' },
    ]);
    assert.deepEqual(notices, []);
  });

  it('names every service that merges the anchor, `<<: *a` and `<<: [*a, *b]` alike', () => {
    const mount = findingAt(text, findings, '/var/run/docker.sock:/var/run/docker.sock');
    assert.equal(mount.message, 'Service "builder" mounts the Docker socket /var/run/docker.sock');
    assert.deepEqual(relatedOf(mount), [
      'Service "runner" also runs privileged @ 13:14-13:18',
      'Used by service "builder" @ 16:2-16:9',
      'Used by service "runner" @ 19:2-19:8',
    ]);
    assert.deepEqual(mount.facts.detail, {
      service: 'builder',
      index: 0,
      syntax: 'short',
      services: 'builder,runner',
    });
  });

  it('follows an environment anchor merged into a mapping and through a nested anchor', () => {
    const host = findingAt(text, findings, 'tcp://docker:2375');
    assert.deepEqual(relatedOf(host), [
      'Used by service "builder" @ 16:2-16:9',
      'Used by service "runner" @ 19:2-19:8',
      'Used by service "cli" @ 28:2-28:5',
    ]);
  });

  it('follows a volumes list given as an alias', () => {
    const aliased = findingAt(text, findings, '/run/docker.sock');
    assert.equal(aliased.message, 'Service "agent" mounts the Docker socket /run/docker.sock');
    assert.deepEqual(relatedOf(aliased), ['Used by service "agent" @ 22:2-22:7']);
  });

  it('judges a merged privileged flag with the image of the service that merges it', () => {
    const privileged = findingAt(text, findings, 'true');
    assert.equal(
      privileged.message,
      'Service "docker" runs the Docker-in-Docker image docker:dind privileged',
    );
    assert.deepEqual(relatedOf(privileged), [
      'Image docker:dind @ 27:11-27:22',
      'Used by service "docker" @ 25:2-25:8',
    ]);
  });

  it('ignores unused anchors and mounts that a service overrides', () => {
    assert.deepEqual(runCompose(fixture('anchors.negative.yaml')), { findings: [], notices: [] });
  });

  it('lets an own key override a merged one and an earlier merge win over a later one', () => {
    const text2 = [
      'x-safe: &safe',
      '  volumes: ["./data:/data"]',
      'x-sock: &sock',
      '  volumes: ["/var/run/docker.sock:/var/run/docker.sock"]',
      'services:',
      '  first:',
      '    <<: [*safe, *sock]',
      '  second:',
      '    <<: [*sock, *safe]',
      '',
    ].join('\n');
    const result = runCompose(text2);
    assert.deepEqual(brief(text2, result.findings), [
      { rule: 'DSG001', at: '3:12-3:55', text: '"/var/run/docker.sock:/var/run/docker.sock"' },
    ]);
    assert.deepEqual(relatedOf(result.findings[0]), ['Used by service "second" @ 7:2-7:8']);
  });

  it('reads a list entry that is an alias at its anchor', () => {
    const text2 = [
      'x-sock: &sock /var/run/docker.sock:/var/run/docker.sock',
      'services:',
      '  a:',
      '    volumes:',
      '      - *sock',
      '      - ./data:/data',
      '',
    ].join('\n');
    assert.deepEqual(brief(text2, runCompose(text2).findings), [
      { rule: 'DSG001', at: '0:14-0:55', text: '/var/run/docker.sock:/var/run/docker.sock' },
    ]);
  });

  it('survives aliases that would expand into a huge tree, and self-referencing anchors', function () {
    this.timeout(5000);
    const lines = ['x-l0: &l0 ["/var/run/docker.sock:/var/run/docker.sock"]'];
    for (let i = 1; i <= 30; i++) lines.push(`x-l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
    lines.push('x-m0: &m0', '  volumes: *l0');
    for (let i = 1; i <= 30; i++) lines.push(`x-m${i}: &m${i}`, `  <<: [*m${i - 1}, *m${i - 1}]`);
    lines.push('x-loop: &loop', '  <<: *loop', 'services:');
    for (let i = 0; i < 200; i++)
      lines.push(`  s${i}:`, '    <<: [*m30, *loop]', '    ports: *l30');

    const text2 = lines.join('\n') + '\n';
    const { findings: found } = runCompose(text2);
    assert.deepEqual(brief(text2, found), [
      {
        rule: 'DSG001',
        at: '0:11-0:54',
        text: '"/var/run/docker.sock:/var/run/docker.sock"',
      },
    ]);
    assert.equal(found[0]?.related.length, 200);
  });
});
