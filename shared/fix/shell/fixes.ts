import { CLIENT_CERTS, tlsPortChange } from '../endpoint';
import { CONTEXT_NAME, DAEMON_HOST, SHELL_DAEMON_HOST } from '../holes';
import type { EditStep } from '../steps';
import { eolOf } from '../text';
import type { FixContext, TextEdit } from '../types';
import { commandLineStart, commandText, commentAbove, removeArg } from './args';
import type { ArgRegion, Host } from './where';

/**
 * The shell fixes, each one step of edits at the finding's words: remove a flag, TLS for a
 * socket mount, a client `-H`, a DOCKER_HOST assignment, a daemon's `-H`, a published port and
 * an empty DOCKER_TLS_CERTDIR, a Docker context instead of `-H`, and Sysbox for `--privileged`.
 */

export function removeFlag(ctx: FixContext, at: ArgRegion): EditStep {
  return (text) => (text === ctx.text ? removeArg(text, at.start, at.end) : undefined);
}

/** `--privileged` becomes `--runtime=sysbox-runc`. */
export function sysboxFlag(at: ArgRegion): EditStep {
  return () => ({ start: at.start, end: at.end, newText: '--runtime=sysbox-runc' });
}

/** The endpoint at the finding moved to 2376, or undefined when it cannot be. */
function portEdit(ctx: FixContext): TextEdit | undefined {
  const { start, end } = ctx.finding.span;
  const change = tlsPortChange(ctx.text.slice(start, end));
  if (!change) return undefined;
  return { start: start + change.from, end: start + change.to, newText: change.replacement };
}

/** A client's `-H tcp://host:2375` (or DOCKER_HOST=): port 2376, and verification turned on. */
export function tlsClient(ctx: FixContext, at: ArgRegion): EditStep {
  return () => {
    const port = ctx.finding.ruleId === 'DSG003' ? portEdit(ctx) : undefined;
    if (ctx.finding.ruleId === 'DSG003' && !port) return undefined;
    const { variable, flag } = ctx.finding.facts.detail ?? {};
    let verify = ' --tlsverify';
    if (variable === 'DOCKER_HOST')
      verify = flag ? ` ${flag} DOCKER_TLS_VERIFY=1` : ' DOCKER_TLS_VERIFY=1';
    return [...(port ? [port] : []), { start: at.end, end: at.end, newText: verify }];
  };
}

const DAEMON_CERTS: Readonly<Record<string, string>> = {
  '--tlscacert': '/etc/docker/ca.pem',
  '--tlscert': '/etc/docker/server-cert.pem',
  '--tlskey': '/etc/docker/server-key.pem',
};

/** A daemon's `-H tcp://...:2375`: port 2376, `--tlsverify` and the certificates it lacks. */
export function tlsDaemon(ctx: FixContext, at: ArgRegion, host: Host): EditStep {
  return () => {
    const port = ctx.finding.ruleId === 'DSG003' ? portEdit(ctx) : undefined;
    if (ctx.finding.ruleId === 'DSG003' && !port) return undefined;
    const command = commandText(ctx.text, at.start);
    const flags = ['--tlsverify'];
    for (const [flag, path] of Object.entries(DAEMON_CERTS)) {
      if (!command.includes(flag)) flags.push(`${flag}=${path}`);
    }
    const after = host === 'json' ? at.end + 1 : at.end;
    const added =
      host === 'json' ? flags.map((f) => `, "${f}"`).join('') : flags.map((f) => ` ${f}`).join('');
    return [...(port ? [port] : []), { start: after, end: after, newText: added }];
  };
}

/** `-p 2375:2375` → `-p 2376:2376`: the container port, and the host port when it is 2375. */
export function tlsPublish(ctx: FixContext): EditStep {
  return () => {
    const { start, end } = ctx.finding.span;
    const spec = ctx.text.slice(start, end);
    const match = /^(.*?)(?:(\d+):)?2375(\/[A-Za-z]+)?$/.exec(spec);
    if (!match || (match[2] === undefined && /\d$/.test(match[1] ?? ''))) return undefined;
    const [, lead = '', published, protocol = ''] = match;
    const hostPort = published === undefined ? '' : `${published === '2375' ? '2376' : published}:`;
    return { start, end, newText: `${lead}${hostPort}2376${protocol}` };
  };
}

/** `-e DOCKER_TLS_CERTDIR=` → `-e DOCKER_TLS_CERTDIR=/certs`. */
export function tlsCertDir(ctx: FixContext, at: ArgRegion): EditStep {
  return () => {
    const written = ctx.text.slice(at.start, at.end);
    const equals = written.indexOf('DOCKER_TLS_CERTDIR=');
    if (equals < 0) return undefined;
    const from = at.start + equals + 'DOCKER_TLS_CERTDIR='.length;
    if (!/^(?:""|'')?$/.test(ctx.text.slice(from, at.end))) return undefined;
    return { start: from, end: at.end, newText: '/certs' };
  };
}

/** A socket mount becomes the client settings of a TLS daemon and a read-only certificate mount. */
export function tlsInsteadOfMount(at: ArgRegion): EditStep {
  const settings = [
    `-e DOCKER_HOST=tcp://${SHELL_DAEMON_HOST.plain}:2376`,
    '-e DOCKER_TLS_VERIFY=1',
    `-e DOCKER_CERT_PATH=${CLIENT_CERTS}`,
    `-v ./docker-certs:${CLIENT_CERTS}:ro`,
  ];
  return () => ({ start: at.start, end: at.end, newText: settings.join(' ') });
}

/** The `docker context create` line, as a comment above the command. */
function contextComment(ctx: FixContext, host: string): string {
  // Make expands `$H` even in a recipe's comment lines: there the shell's `$` is written `$$`.
  const home = ctx.kind === 'makefile' ? '$$HOME' : '$HOME';
  const certs = ['ca', 'cert', 'key'].map((k) => `${k}=${home}/.docker/${k}.pem`).join(',');
  return `docker context create ${CONTEXT_NAME.plain} --docker "host=tcp://${host}:2376,${certs}"`;
}

/** `docker -H tcp://host:2375 ps` → `docker --context remote-docker ps`. */
export function contextForHost(ctx: FixContext, at: ArgRegion): EditStep {
  return () => {
    const endpoint = ctx.text.slice(ctx.finding.span.start, ctx.finding.span.end);
    const host = /^[a-z]+:\/\/(\[[^\]]*\]|[^/:\s]+)/i.exec(endpoint)?.[1] ?? DAEMON_HOST.plain;
    const isVariable = ctx.finding.facts.detail?.variable === 'DOCKER_HOST';
    const replacement = isVariable
      ? `DOCKER_CONTEXT=${CONTEXT_NAME.plain}`
      : `--context ${CONTEXT_NAME.plain}`;
    return [
      commentAbove(ctx.text, at.start, contextComment(ctx, host), eolOf(ctx.text)),
      { start: at.start, end: at.end, newText: replacement },
    ];
  };
}

/** `docker run -v /var/run/docker.sock:... img` → `docker --context remote-docker run img`. */
export function contextForMount(ctx: FixContext, at: ArgRegion): EditStep | undefined {
  const command = String(ctx.finding.facts.detail?.command);
  const start = commandLineStart(ctx.text, at.start);
  const docker = /(^|[\s;&|(])docker(?=[ \t])/.exec(ctx.text.slice(start, at.start));
  if (!docker || !/^docker (?:container )?run$/.test(command)) return undefined;

  const after = start + docker.index + (docker[1] ?? '').length + 'docker'.length;
  return () => [
    commentAbove(ctx.text, at.start, contextComment(ctx, DAEMON_HOST.plain), eolOf(ctx.text)),
    { start: after, end: after, newText: ` --context ${CONTEXT_NAME.plain}` },
    removeArg(ctx.text, at.start, at.end),
  ];
}
