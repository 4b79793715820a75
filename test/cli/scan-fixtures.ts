/** What the scan tests expect of test/fixtures/cli/project. */

export const SOCKET_COMPOSE =
  'services:\n  hidden:\n    image: example/hidden:1\n    volumes:\n' +
  '      - /var/run/docker.sock:/var/run/docker.sock\n';

export const FINDINGS = [
  'compose.yaml:6:9 error DSG001 Service "app" mounts the Docker socket /var/run/docker.sock',
  'compose.yaml:11:17 warning DSG005 Service "builder" runs the Docker-in-Docker image ' +
    'docker:27-dind privileged',
  'env/compose.yaml:5:9 error DSG001 Service "watcher" mounts the Docker socket ' +
    '/var/run/docker.sock',
  'k8s/agent.yaml:23:19 error DSG001 DaemonSet "log-agent" volume "engine" mounts the Docker ' +
    'socket /var/run/docker.sock into container "agent"',
  'nested/compose.yaml:5:20 error DSG003 Service "deployer" points DOCKER_HOST at ' +
    'tcp://docker:2375 without TLS',
  'vendor/compose.yaml:5:9 error DSG001 Service "vendored" mounts the Docker socket ' +
    '/var/run/docker.sock',
];
