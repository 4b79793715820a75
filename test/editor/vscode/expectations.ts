import * as vscode from 'vscode';

/**
 * What each fixture must show in the editor. Lines are zero-based. `message` is exact where the
 * engine's shared wording fixes it and a pattern where the owner's spelling is the family's to
 * choose; `covers` is text the diagnostic's range must include. Columns are checked against the
 * engine itself (see engine-parity in diagnostics.test.ts), so the range is exact either way.
 */
export interface ExpectedFinding {
  rule: string;
  severity: vscode.DiagnosticSeverity;
  /** the line the range starts on, or the lines it may start on */
  line: number | readonly number[];
  message: string | RegExp;
  covers?: string;
  /** lines on which related information must point (e.g. the volumeMount of a hostPath) */
  relatedLines?: readonly number[];
}

export interface FixtureExpectation {
  file: string;
  family: string;
  /** true: these are all of the file's findings; false: at least these */
  complete: boolean;
  findings: ExpectedFinding[];
}

const { Error: ERROR, Warning: WARNING } = vscode.DiagnosticSeverity;

export const COMPOSE = 'docker-compose.yml';
export const DIND = 'dind/compose.yaml';
export const KUBERNETES = 'k8s/build-agent.yaml';
export const DOCKERFILE = 'Dockerfile';
export const SHELL = 'scripts/run-agent.sh';
export const PLAIN_YAML = 'config/dashboard.yaml';
export const SUPPRESSED = 'suppressed/compose.yaml';
export const FIX_ALL = 'fixall/compose.yaml';

const DOCKER_SOCKET = /mounts the Docker socket \/var\/run\/docker\.sock/;

export const FIXTURES: readonly FixtureExpectation[] = [
  {
    file: COMPOSE,
    family: 'Compose',
    complete: true,
    findings: [
      {
        rule: 'DSG001',
        severity: ERROR,
        line: 5,
        message: 'Service "agent" mounts the Docker socket /var/run/docker.sock',
        covers: '/var/run/docker.sock',
      },
    ],
  },
  {
    file: DIND,
    family: 'Compose (Docker-in-Docker)',
    complete: true,
    findings: [
      {
        rule: 'DSG005',
        severity: WARNING,
        line: [1, 2, 3],
        message: 'Service "docker" runs the Docker-in-Docker image docker:27-dind privileged',
      },
    ],
  },
  {
    file: KUBERNETES,
    family: 'Kubernetes',
    complete: true,
    findings: [
      {
        rule: 'DSG001',
        severity: ERROR,
        line: [22, 23, 24],
        message: DOCKER_SOCKET,
        relatedLines: [18, 19, 20],
      },
    ],
  },
  {
    file: DOCKERFILE,
    family: 'Dockerfile',
    complete: true,
    findings: [
      {
        rule: 'DSG003',
        severity: ERROR,
        line: 1,
        message: /points DOCKER_HOST at tcp:\/\/docker:2375 without TLS$/,
        covers: 'tcp://docker:2375',
      },
    ],
  },
  {
    file: SHELL,
    family: 'shell script',
    complete: true,
    findings: [
      {
        rule: 'DSG001',
        severity: ERROR,
        line: 4,
        message: DOCKER_SOCKET,
        covers: '/var/run/docker.sock',
      },
      {
        rule: 'DSG003',
        severity: ERROR,
        line: 6,
        message: /at tcp:\/\/build-host:2375 without TLS$/,
        covers: 'tcp://build-host:2375',
      },
    ],
  },
  {
    file: 'Makefile',
    family: 'Makefile',
    complete: true,
    findings: [{ rule: 'DSG001', severity: ERROR, line: 4, message: /mounts the Docker socket/ }],
  },
  {
    file: '.github/workflows/build.yml',
    family: 'GitHub Actions',
    complete: true,
    findings: [
      {
        rule: 'DSG001',
        severity: ERROR,
        line: 8,
        message: DOCKER_SOCKET,
        covers: '/var/run/docker.sock',
      },
    ],
  },
  {
    file: '.gitlab-ci.yml',
    family: 'GitLab CI',
    complete: false,
    findings: [
      {
        rule: 'DSG003',
        severity: ERROR,
        line: 5,
        message: /points DOCKER_HOST at tcp:\/\/docker:2375 without TLS$/,
        covers: 'tcp://docker:2375',
      },
    ],
  },
  {
    file: '.devcontainer/devcontainer.json',
    family: 'dev container',
    complete: true,
    findings: [
      {
        rule: 'DSG001',
        severity: ERROR,
        line: 5,
        message: DOCKER_SOCKET,
        covers: '/var/run/docker.sock',
      },
    ],
  },
  {
    file: 'daemon/daemon.json',
    family: 'daemon.json',
    complete: true,
    findings: [
      {
        rule: 'DSG003',
        severity: ERROR,
        line: 1,
        message: /serves the Docker API on tcp:\/\/0\.0\.0\.0:2375 without TLS$/,
        covers: 'tcp://0.0.0.0:2375',
      },
    ],
  },
];

export function expectationFor(file: string): FixtureExpectation {
  const found = FIXTURES.find((f) => f.file === file);
  if (!found) throw new Error(`no expectation for ${file}`);
  return found;
}
