import { strict as assert } from 'assert';
import { brief, briefOf, fixture, only, relatedOf, scan, where } from './shell.helpers';

describe('shell: privileged Docker-in-Docker', () => {
  it('reports --privileged with a dind image on the flag, the image related', () => {
    const finding = only('docker run --privileged -d --name dind docker:dind');
    assert.deepEqual(
      [finding.ruleId, finding.severity, where(finding.span)],
      ['DSG005', 'warning', '0:11-0:23'],
    );
    assert.equal(
      finding.message,
      'Command docker run runs the Docker-in-Docker image docker:dind privileged',
    );
    assert.deepEqual(finding.facts, {
      exposure: 'privileged-dind',
      owner: { kind: 'command', name: 'docker run' },
      image: 'docker:dind',
      detail: { command: 'docker run', flag: '--privileged', wordStart: 11, wordEnd: 23 },
    });
    assert.deepEqual(relatedOf(finding), ['the Docker-in-Docker image docker:dind @ 0:39-0:50']);
  });

  it('skips the values of known flags to find the image', () => {
    const text =
      'docker run --privileged -e A=1 -v /data:/data --network ci -w /x --name d cruizba/ubuntu-dind';
    assert.deepEqual(briefOf(text), ['DSG005 warning 0:11-0:23 "--privileged"']);
  });

  it('resolves the image from a variable', () => {
    const text = 'DIND=docker:27-dind\ndocker run --privileged "$DIND"';
    const finding = only(text);
    assert.equal(
      finding.message,
      'Command docker run runs the Docker-in-Docker image docker:27-dind privileged',
    );
    assert.deepEqual(relatedOf(finding), ['the Docker-in-Docker image docker:27-dind @ 1:25-1:30']);
  });

  it('stays silent without privileges, for other images, and under Sysbox alone', () => {
    const text = [
      'docker run --privileged=false -d docker:dind',
      'docker run --privileged alpine',
      'docker run --runtime=sysbox-runc -d docker:dind',
      'docker run -d docker:24-dind',
    ].join('\n');
    assert.deepEqual(briefOf(text), []);
  });

  it('still reports Sysbox with --privileged', () => {
    assert.deepEqual(briefOf('docker run --runtime sysbox-runc --privileged docker:dind'), [
      'DSG005 warning 0:33-0:45 "--privileged"',
    ]);
  });

  it("analyses the container's own command: dockerd and a docker client inside", () => {
    const text = [
      'docker run --privileged -d docker:dind dockerd --host=tcp://0.0.0.0:2375',
      'docker run --rm docker:cli docker -H tcp://dind:2375 ps',
    ].join('\n');
    const { findings } = scan(text);
    assert.deepEqual(brief(text, findings), [
      'DSG005 warning 0:11-0:23 "--privileged"',
      'DSG003 error 0:54-0:72 "tcp://0.0.0.0:2375"',
      'DSG003 error 1:37-1:52 "tcp://dind:2375"',
    ]);
    assert.deepEqual(
      findings.map((f) => f.facts.owner.name),
      ['docker run', 'dockerd', 'docker ps'],
    );
  });
});

describe('shell: text that is not a command never fires', () => {
  it('finds nothing in the clean fixture', () => {
    assert.deepEqual(briefOf(fixture('shell', 'clean.sh'), 'clean.sh'), []);
  });

  it('ignores comments, echo, printf, here-documents for cat and strings of other commands', () => {
    const text = [
      '# docker run -v /var/run/docker.sock:/var/run/docker.sock a',
      'echo docker run -v /var/run/docker.sock:/s a  # a mention',
      'printf "%s" "docker run --privileged docker:dind"',
      'cat <<EOF >README',
      'docker run -v /var/run/docker.sock:/s a',
      'export DOCKER_HOST=tcp://x:2375',
      'EOF',
      'grep -rn "DOCKER_HOST=tcp://x:2375" .',
      'docker inspect -f "{{ .HostConfig.Binds }}" agent',
      "logger 'dockerd -H tcp://0.0.0.0:2375'",
    ].join('\n');
    assert.deepEqual(briefOf(text), []);
  });

  it('notes an unterminated quote and reads the rest as part of it', () => {
    const text = 'echo "abc\ndocker run -v /var/run/docker.sock:/s a\n';
    const result = scan(text);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(
      result.notices.map((n) => `${n.severity} ${where(n.span)} ${n.message}`),
      [
        'information 0:5-0:6 Shell: unterminated double quote; the rest of the file was read as part of it',
      ],
    );
  });
});
