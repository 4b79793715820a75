import type { Rng } from './random';

/**
 * The files of one service folder of the synthetic monorepo, across every family the engine
 * reads plus ordinary sources it skips. `bad` decides whether the file holds a finding.
 */
export interface RepoFile {
  path: string;
  text: string;
}

type Template = (rng: Rng, i: number, bad: boolean) => RepoFile;

const compose: Template = (rng, i, bad) => ({
  path: 'compose.yaml',
  text: [
    `# note: ${rng.words(4)}`,
    'services:',
    `  api-${i}:`,
    `    image: registry.example.com/api-${i}:1.${rng.int(30)}`,
    '    ports: ["8080:8080"]',
    '    volumes:',
    '      - ./data:/var/lib/app',
    bad ? '      - /var/run/docker.sock:/var/run/docker.sock' : '      - ./config:/etc/app:ro',
    '  db:',
    '    image: postgres:16',
    '    environment:',
    '      POSTGRES_PASSWORD: example',
  ].join('\n'),
});

const manifest: Template = (rng, i, bad) => ({
  path: 'deploy/deployment.yaml',
  text: [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: api-${i}`,
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    `        - name: api-${i}`,
    `          image: registry.example.com/api-${i}:${rng.int(9)}`,
    '      volumes:',
    '        - name: host',
    '          hostPath:',
    `            path: ${bad ? '/var/run/docker.sock' : '/var/log'}`,
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: api-${i}`,
    'spec:',
    '  ports: [{ port: 80, targetPort: 8080 }]',
  ].join('\n'),
});

const dockerfile: Template = (rng, i, bad) => ({
  path: 'Dockerfile',
  text: [
    `# note: ${rng.words(4)}`,
    'FROM node:22-slim AS build',
    'WORKDIR /src',
    'COPY package.json package-lock.json ./',
    'RUN npm ci && npm run build',
    'FROM gcr.io/distroless/nodejs22',
    bad ? 'ENV DOCKER_HOST=tcp://docker:2375' : `ENV SERVICE=api-${i}`,
    'COPY --from=build /src/dist /app',
    'CMD ["/app/server.js"]',
  ].join('\n'),
});

const shell: Template = (rng, i, bad) => ({
  path: 'scripts/deploy.sh',
  text: [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    `# note: ${rng.words(4)}`,
    `IMAGE=registry.example.com/api-${i}`,
    'docker build -t "$IMAGE" .',
    bad
      ? 'docker run --rm -v /var/run/docker.sock:/var/run/docker.sock "$IMAGE" check'
      : 'docker run --rm -e LOG_LEVEL=info "$IMAGE" check',
    'docker push "$IMAGE"',
  ].join('\n'),
});

const makefile: Template = (_rng, i, bad) => ({
  path: 'Makefile',
  text: [
    `IMAGE := registry.example.com/api-${i}`,
    '.PHONY: build test',
    'build:',
    '\tdocker build -t $(IMAGE) .',
    'test:',
    bad
      ? '\tdocker run --rm -v /var/run/docker.sock:/var/run/docker.sock $(IMAGE) test'
      : '\tnpm test',
  ].join('\n'),
});

const workflow: Template = (_rng, i, bad) => ({
  path: '.github/workflows/ci.yml',
  text: [
    `name: api-${i}`,
    'on: push',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    ...(bad ? ['    env:', '      DOCKER_HOST: tcp://docker:2375'] : []),
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - run: npm ci && npm test',
  ].join('\n'),
});

const gitlab: Template = (_rng, i, bad) => ({
  path: '.gitlab-ci.yml',
  text: [
    'variables:',
    `  SERVICE: api-${i}`,
    ...(bad ? ['  DOCKER_HOST: tcp://docker:2375'] : []),
    'build:',
    '  image: docker:27',
    '  script:',
    '    - docker build -t "$SERVICE" .',
  ].join('\n'),
});

const devcontainer: Template = (_rng, i, bad) => ({
  path: '.devcontainer/devcontainer.json',
  text: JSON.stringify(
    {
      name: `api-${i}`,
      image: 'mcr.microsoft.com/devcontainers/typescript-node:22',
      mounts: bad
        ? ['source=/var/run/docker.sock,target=/var/run/docker.sock,type=bind']
        : ['source=${localWorkspaceFolder}/.cache,target=/cache,type=bind'],
    },
    null,
    2,
  ),
});

const daemonJson: Template = (_rng, _i, bad) => ({
  path: 'etc/docker/daemon.json',
  text: JSON.stringify(
    { 'log-driver': 'json-file', hosts: bad ? ['tcp://0.0.0.0:2375'] : ['fd://'] },
    null,
    2,
  ),
});

const systemd: Template = (_rng, _i, bad) => ({
  path: 'etc/systemd/system/docker.service.d/override.conf',
  text: [
    '[Service]',
    'ExecStart=',
    `ExecStart=/usr/bin/dockerd -H fd://${bad ? ' -H tcp://0.0.0.0:2375' : ''}`,
  ].join('\n'),
});

const dockerDefaults: Template = (_rng, _i, bad) => ({
  path: 'etc/default/docker',
  text: `DOCKER_OPTS="--log-level=warn${bad ? ' -H tcp://0.0.0.0:2375' : ''}"`,
});

const runner: Template = (_rng, i, bad) => ({
  path: 'gitlab-runner/config.toml',
  text: [
    'concurrent = 2',
    '[[runners]]',
    `  name = "runner-${i}"`,
    '  executor = "docker"',
    '  [runners.docker]',
    '    image = "alpine:3.20"',
    `    volumes = ["/cache"${bad ? ', "/var/run/docker.sock:/var/run/docker.sock"' : ''}]`,
  ].join('\n'),
});

const readme: Template = (rng, i) => ({
  path: 'README.md',
  text: `# api-${i}\n\n${rng.words(40)}\n\nRun \`make build\` then \`make test\`.\n`,
});

const source: Template = (rng, i) => ({
  path: 'src/index.ts',
  text: [
    `// ${rng.words(6)}`,
    "import { createServer } from 'node:http';",
    `export const name = 'api-${i}';`,
    'createServer((_req, res) => res.end(name)).listen(8080);',
  ].join('\n'),
});

const COMMON: readonly Template[] = [
  compose,
  manifest,
  dockerfile,
  shell,
  makefile,
  workflow,
  gitlab,
  devcontainer,
  readme,
];
const ORDINARY: ReadonlySet<Template> = new Set([readme, source]);

/** The tenth file of a folder: now and then a rarer family in place of a source file. */
function tenth(i: number): Template {
  if (i % 50 === 0) return daemonJson;
  if (i % 50 === 17) return systemd;
  if (i % 100 === 33) return dockerDefaults;
  if (i % 100 === 71) return runner;
  return source;
}

/** Folder `i`'s ten files; a file of a family holds a finding with probability `rate`. */
export function serviceFolder(
  rng: Rng,
  i: number,
  rate: number,
): Array<RepoFile & { bad: boolean }> {
  return [...COMMON, tenth(i)].map((template) => {
    const bad = !ORDINARY.has(template) && rng.chance(rate);
    return { ...template(rng, i, bad), bad };
  });
}
