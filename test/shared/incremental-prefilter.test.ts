import { strict as assert } from 'assert';
import { analyse } from '../../shared/analyse';

/**
 * The pre-filter decides, before any parse, that a text cannot hold a finding; the analysis
 * cache and the per-part checks rely on it. Each case here holds a finding that an earlier,
 * looser or narrower, word list got wrong: the result must be the same with and without it.
 */
const POD = (path: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n` +
  `      image: alpine\n  volumes:\n    - name: h\n      hostPath:\n        path: ${path}\n`;

const CASES: Array<[string, string]> = [
  ['daemon.json', '{"hosts": ["0.0.0.0:2377"]}'],
  ['daemon.json', '{"hosts": ["0.0.0.0"]}'],
  ['etc/default/docker', 'DOCKER_OPTS="-H 0.0.0.0"\n'],
  ['docker.service', '[Service]\nExecStart=/usr/bin/dockerd -H 0.0.0.0:4243\n'],
  ['Makefile', 'run:\n\tdockerd -H 0.0.0.0:4243\n'],
  ['run.sh', 'dockerd --host=0.0.0.0:4243\n'],
  ['Dockerfile', 'FROM alpine\nCMD ["dockerd", "-H", "0.0.0.0"]\n'],
  [
    'Dockerfile',
    'FROM alpine\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\nRUN dockerd -H 0.0.0.0 &\n',
  ],
  ['Dockerfile', 'FROM alpine\nRUN docker run -v /va\\\nr/run/docker.so\\\nck:/x alpine\n'],
  ['run.sh', 'docker run -v /va\\\nr/run/docker.so\\\nck:/x alpine\n'],
  ['run.sh', 'docker run -v/run:/host alpine\n'],
  ['run.sh', 'docker run -v /var/lib/..:/host alpine\n'],
  ['run.sh', 'docker run -v /var:/host alpine\n'],
  ['run.sh', 'docker run -v //run:/host alpine\n'],
  ['compose.yaml', 'services:\n  a:\n    image: x\n    volumes:\n      - /var/./run:/x\n'],
  [
    'compose.yaml',
    'services:\n  a:\n    image: x\n    volumes: ["/run:/x", "./data:/var/lib/app"]\n',
  ],
  ['k8s.yaml', POD('/')],
  ['k8s.yaml', POD('/var/')],
  ['k8s.yaml', POD('/run/containerd')],
];

describe('pre-filter (relied on by the analysis cache)', () => {
  for (const [name, text] of CASES) {
    it(`keeps the finding of ${name}: ${JSON.stringify(text.slice(0, 60))}`, () => {
      const fileName = `/w/${name}`;
      const full = analyse({ fileName, text, skipPrefilter: true });
      assert.ok(full.findings.length > 0, 'the case holds a finding');
      assert.deepStrictEqual(analyse({ fileName, text }), full);
    });
  }
});
