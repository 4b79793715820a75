import type { FileKind } from '../model/finding';
import type { ExplainContext, RemedyId } from './types';

type Family = 'orchestrated' | 'scripted' | 'runner' | 'devcontainer' | 'image' | 'daemon';

const FAMILIES: Readonly<Record<FileKind, Family>> = {
  compose: 'orchestrated',
  kubernetes: 'orchestrated',
  helm: 'orchestrated',
  shell: 'scripted',
  makefile: 'scripted',
  'github-actions': 'scripted',
  'gitlab-ci': 'scripted',
  'gitlab-runner': 'runner',
  devcontainer: 'devcontainer',
  dockerfile: 'image',
  'daemon-json': 'daemon',
  systemd: 'daemon',
  'docker-defaults': 'daemon',
};

/** Which options make sense where: a proxy is a service to deploy, a context a client setting. */
const APPLIES: Readonly<Record<RemedyId, readonly Family[]>> = {
  'remove-mount': ['orchestrated', 'scripted', 'runner', 'devcontainer', 'image'],
  'narrow-mount': ['orchestrated', 'scripted', 'runner', 'devcontainer', 'image'],
  proxy: ['orchestrated'],
  context: ['scripted', 'daemon'],
  'tls-client-certs': ['orchestrated', 'scripted', 'runner', 'devcontainer', 'image', 'daemon'],
  'tls-port': ['orchestrated', 'scripted', 'runner', 'devcontainer', 'image', 'daemon'],
  'tls-verify': ['orchestrated', 'scripted', 'runner', 'devcontainer', 'image', 'daemon'],
  sysbox: ['orchestrated', 'scripted', 'runner', 'devcontainer', 'image'],
};

/** Whether a remedy applies to a file kind; an unknown kind gets every option. */
export function remedyApplies(remedy: RemedyId, kind: FileKind | undefined): boolean {
  return kind === undefined || APPLIES[remedy].includes(FAMILIES[kind]);
}

/** How each kind of file asks for the Sysbox runtime. */
function sysboxSpelling(kind: FileKind | undefined): string {
  switch (kind) {
    case 'compose':
      return '`runtime: sysbox-runc` on the service';
    case 'kubernetes':
    case 'helm':
      return '`runtimeClassName: sysbox-runc` in the pod spec';
    case 'gitlab-runner':
      return '`runtime = "sysbox-runc"` under `[runners.docker]`';
    case 'devcontainer':
      return '`"runArgs": ["--runtime=sysbox-runc"]`';
    default:
      return '`docker run --runtime=sysbox-runc`';
  }
}

/** One sentence per safer option, adapted to the file kind where the spelling differs. */
export function remedySentence(remedy: RemedyId, ctx: ExplainContext): string {
  switch (remedy) {
    case 'remove-mount':
      return 'Remove the mount unless this container really has to drive the engine.';
    case 'narrow-mount':
      return 'Mount only the subfolder the container needs, one that holds no engine socket.';
    case 'proxy':
      return (
        'Put a filtering socket proxy in front of the socket (such as ' +
        '`tecnativa/docker-socket-proxy`) and let this container reach only the proxy, with ' +
        'nothing but the API calls it needs allowed.'
      );
    case 'context':
      return contextSentence(ctx);
    case 'tls-client-certs':
      return (
        'Serve the Docker API over TLS with client certificates (`--tlsverify`, port 2376) and ' +
        'give the container a certificate instead of the socket, so each client is known and ' +
        'can be revoked.'
      );
    case 'tls-port':
      return (
        'Move from 2375 to 2376 with `--tlsverify` and a CA, server certificate and key, and ' +
        'give clients `DOCKER_TLS_VERIFY=1` with their own certificate.'
      );
    case 'tls-verify':
      return (
        'Turn verification on at both ends: `--tlsverify` (or `"tlsverify": true`) on the ' +
        'daemon with the CA of the client certificates, `DOCKER_TLS_VERIFY=1` on the client.'
      );
    case 'sysbox':
      return (
        'Run the container with the Sysbox runtime ' +
        `(${sysboxSpelling(ctx.kind)}), which gives it ` +
        "a Docker daemon of its own without privileges and without the host's socket."
      );
  }
}

function contextSentence(ctx: ExplainContext): string {
  const mount = ctx.finding.ruleId === 'DSG001' || ctx.finding.ruleId === 'DSG002';
  if (mount) {
    return (
      'Run the `docker` commands from the script or job itself against a Docker context ' +
      '(`docker context create build --docker host=ssh://user@host`) instead of from a ' +
      'container handed the socket.'
    );
  }
  return (
    'Reach the daemon through a Docker context over SSH ' +
    '(`docker context create remote --docker host=ssh://user@host`), so SSH keys guard the ' +
    'API instead of an open port.'
  );
}
