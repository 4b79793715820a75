import { strict as assert } from 'assert';
import { brief, briefOf, only, relatedOf, scan } from './shell.helpers';

describe('shell: the daemon over TCP', () => {
  describe('DOCKER_HOST set by the script', () => {
    it('reports an exported plaintext DOCKER_HOST on its value, owned by the file', () => {
      const finding = only('export DOCKER_HOST=tcp://build:2375\n', 'ci/deploy.sh');
      assert.deepEqual([finding.ruleId, finding.severity], ['DSG003', 'error']);
      assert.equal(
        finding.message,
        'File "deploy.sh" points DOCKER_HOST at tcp://build:2375 without TLS',
      );
      assert.deepEqual(finding.facts, {
        exposure: 'plaintext-tcp',
        owner: { kind: 'file', name: 'deploy.sh' },
        endpoint: 'tcp://build:2375',
        detail: { variable: 'DOCKER_HOST', exported: true, wordStart: 7, wordEnd: 35 },
      });
      assert.deepEqual(briefOf('export DOCKER_HOST=tcp://build:2375\n'), [
        'DSG003 error 0:19-0:35 "tcp://build:2375"',
      ]);
    });

    it('reports a plain assignment and a command prefix', () => {
      const text =
        'DOCKER_HOST="tcp://10.0.0.5:2375"\nDOCKER_HOST=tcp://build:2375 docker compose up -d';
      const { findings } = scan(text);
      assert.deepEqual(brief(text, findings), [
        'DSG003 error 0:13-0:32 "tcp://10.0.0.5:2375"',
        'DSG003 error 1:12-1:28 "tcp://build:2375"',
      ]);
      assert.equal(findings[0]?.facts.detail?.exported, false);
      assert.equal(
        findings[1]?.message,
        'Command docker compose up points DOCKER_HOST at tcp://build:2375 without TLS',
      );
    });

    it('weighs DOCKER_TLS_VERIFY set anywhere in the script', () => {
      assert.deepEqual(
        briefOf('export DOCKER_TLS_VERIFY=1\nexport DOCKER_HOST=tcp://build:2376'),
        [],
      );
      assert.deepEqual(briefOf('export DOCKER_TLS_VERIFY=1\nexport DOCKER_HOST=tcp://build'), []);
      const late = 'export DOCKER_HOST=tcp://build:2376\nexport DOCKER_TLS_VERIFY=0';
      const finding = only(late, 'deploy.sh');
      assert.deepEqual([finding.ruleId, finding.severity], ['DSG004', 'warning']);
      assert.equal(
        finding.message,
        'File "deploy.sh" uses TLS on tcp://build:2376 without verification',
      );
      assert.deepEqual(briefOf('DOCKER_HOST=tcp://build'), [
        'DSG003 error 0:12-0:23 "tcp://build"',
      ]);
    });

    it('resolves a DOCKER_HOST given through another variable', () => {
      const finding = only('REMOTE=tcp://build:2375\nexport DOCKER_HOST=$REMOTE');
      assert.equal(
        finding.message,
        'File "script.sh" points DOCKER_HOST at tcp://build:2375 without TLS',
      );
      assert.deepEqual(briefOf('REMOTE=tcp://build:2375\nexport DOCKER_HOST=$REMOTE'), [
        'DSG003 error 1:19-1:26 "$REMOTE"',
      ]);
    });
  });

  describe('the client -H flag', () => {
    it('reports plaintext endpoints unless --tlsverify; --tls alone does not verify', () => {
      const text = [
        'docker -H tcp://build:2375 ps',
        'docker --host=tcp://build:2375 run --rm alpine',
        'docker --tlsverify -H tcp://build:2375 ps',
        'docker -H tcp://build:2376 --tls info',
        'docker -H unix:///var/run/docker.sock ps',
        'docker -H ssh://me@build ps',
        'docker --context remote run -v /var/run/docker.sock:/s a',
      ].join('\n');
      const { findings } = scan(text);
      assert.deepEqual(brief(text, findings), [
        'DSG003 error 0:10-0:26 "tcp://build:2375"',
        'DSG003 error 1:14-1:30 "tcp://build:2375"',
        'DSG004 warning 3:10-3:26 "tcp://build:2376"',
        'DSG001 error 6:31-6:51 "/var/run/docker.sock"',
      ]);
      assert.deepEqual(
        findings.slice(0, 3).map((f) => f.message),
        [
          'Command docker ps points -H at tcp://build:2375 without TLS',
          'Command docker run points --host at tcp://build:2375 without TLS',
          'Command docker info uses TLS on tcp://build:2376 without verification',
        ],
      );
    });
  });

  describe('a container given the client environment or the port', () => {
    it('reports -e DOCKER_HOST and --env=DOCKER_HOST, judged with the container TLS settings', () => {
      const text = [
        'docker run -e DOCKER_HOST=tcp://dind:2375 docker:cli docker ps',
        'docker run --env=DOCKER_HOST=tcp://dind:2375 a',
        'docker run -e DOCKER_HOST=tcp://dind:2376 -e DOCKER_TLS_VERIFY=1 a',
        'docker run -e DOCKER_HOST a',
      ].join('\n');
      const { findings } = scan(text);
      assert.deepEqual(brief(text, findings), [
        'DSG003 error 0:26-0:41 "tcp://dind:2375"',
        'DSG003 error 1:29-1:44 "tcp://dind:2375"',
      ]);
      assert.equal(
        findings[0]?.message,
        'Command docker run points DOCKER_HOST at tcp://dind:2375 without TLS',
      );
      assert.deepEqual(findings[0]?.facts.detail, {
        command: 'docker run',
        flag: '-e',
        wordStart: 11,
        wordEnd: 41,
        variable: 'DOCKER_HOST',
      });
    });

    it('reports container port 2375 published in any spelling', () => {
      const text = [
        'docker run -p 2375:2375 docker:dind',
        'docker run -p 127.0.0.1:2375:2375/tcp a',
        'docker run --publish=2375 a',
        'docker run -p 2370-2380:2370-2380 a',
        'docker run -p 8080:2375 a',
        'docker run -p 2375:80 -p 2376:2376 a',
      ].join('\n');
      const { findings } = scan(text);
      assert.deepEqual(brief(text, findings), [
        'DSG003 error 0:14-0:23 "2375:2375"',
        'DSG003 error 1:14-1:37 "127.0.0.1:2375:2375/tcp"',
        'DSG003 error 2:21-2:25 "2375"',
        'DSG003 error 3:14-3:33 "2370-2380:2370-2380"',
        'DSG003 error 4:14-4:23 "8080:2375"',
      ]);
      assert.equal(
        findings[0]?.message,
        'Command docker run publishes port 2375:2375, the Docker API without TLS',
      );
    });
  });

  describe('dockerd', () => {
    it('reports each TCP endpoint without --tlsverify on the endpoint text', () => {
      const text = [
        'dockerd -H tcp://0.0.0.0:2375',
        'dockerd --host=tcp://0.0.0.0:2375 -H=tcp://127.0.0.1:2375',
        'dockerd -H unix:///var/run/docker.sock -H fd:// -H tcp://0.0.0.0:2376',
        'dockerd --tls -H tcp://0.0.0.0:2376',
        'dockerd --tlsverify -H tcp://0.0.0.0:2376 -H tcp://0.0.0.0:2375',
        'sudo dockerd -H 0.0.0.0:2375 &',
        'docker daemon -H tcp://0.0.0.0:2375',
      ].join('\n');
      const { findings } = scan(text);
      assert.deepEqual(brief(text, findings), [
        'DSG003 error 0:11-0:29 "tcp://0.0.0.0:2375"',
        'DSG003 error 1:15-1:33 "tcp://0.0.0.0:2375"',
        'DSG003 error 1:37-1:57 "tcp://127.0.0.1:2375"',
        'DSG004 warning 3:17-3:35 "tcp://0.0.0.0:2376"',
        'DSG003 error 5:16-5:28 "0.0.0.0:2375"',
        'DSG003 error 6:17-6:35 "tcp://0.0.0.0:2375"',
      ]);
      assert.equal(
        findings[0]?.message,
        'Command dockerd serves the Docker API on tcp://0.0.0.0:2375 without TLS',
      );
      assert.deepEqual(findings[0]?.facts.detail, {
        command: 'dockerd',
        flag: '-H',
        wordStart: 8,
        wordEnd: 29,
      });
      assert.equal(
        findings[3]?.message,
        'Command dockerd uses TLS on tcp://0.0.0.0:2376 without verification',
      );
      assert.deepEqual(relatedOf(findings[3]), [
        '--tls without --tlsverify accepts any client @ 3:8-3:13',
      ]);
      assert.equal(findings[5]?.facts.owner.name, 'docker daemon');
    });
  });
});
