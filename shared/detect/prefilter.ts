import type { ResolvedOptions } from '../model/options';

/** Where a path starts: not inside a word or a relative path; `-v/run` is a flag and its value. */
const PATH_START = '(?:^|[^\\w.~]|-[a-z])';

/**
 * Words without which no rule can fire in any family. The test is conservative: it may let
 * through a file without a finding, never hold back one with a finding. A root mount (`/:/host`)
 * names no socket, hence the lone-slash pattern; variables from outside the file (a `.env`) could
 * spell anything, hence the bail-out below.
 */
const MAY_FIRE = new RegExp(
  [
    'sock',
    // a Windows named pipe (`\\.\pipe\docker_engine`, `npipe://`), not `set -o pipefail`
    '[\\\\/]pipe[\\\\/]',
    'npipe',
    '237[56]',
    // a port range whose end has four digits or more can include 2375
    '\\d-\\d{4}',
    'tcp:',
    'tls',
    'dind',
    'privileged',
    // `/run` and `/var` (which holds `/var/run`) as whole segments at the start of a path:
    // `/opt/app/run` or `/var/lib/apt` hold no socket, unless a dot segment climbs back
    `${PATH_START}/+run(?![\\w.-])`,
    `${PATH_START}/+var/*(?![\\w./-])`,
    '/var/+run(?![\\w.-])',
    '/\\.{1,2}(?=[/\\s"\':,\\]}]|$)',
    '\\.docker',
    'xdg_runtime',
    'docker-(?:outside|in)-',
    // a daemon told to listen on an address without a scheme or a port serves plain TCP (2375)
    'dockerd',
    '"hosts"',
    '--host\\b',
    // a path of slashes and dots alone that starts at the root (`/`, `//`, `/.`): `./` and
    // `../` stay relative, so `COPY . ./` does not count
    '(?:^|[\\s"\'\\[,=:(\\-])\\\\*/[/.]*(?=$|[\\s"\',\\]:)}])',
  ].join('|'),
  'im',
);

/** The daemon's `-H` flag; case matters, or every `-h` (help) would pass. */
const HOST_FLAG = /(?:^|[\s"'[,=])-H(?=[\s"'=,\]]|$)/m;

/** A line continuation of shell, Make or Dockerfiles (`\`, or `` ` `` after an escape directive). */
const CONTINUATION = /[\\`][ \t]*(?:\r\n|\r|\n)[ \t]*/g;

function mayFire(text: string): boolean {
  return MAY_FIRE.test(text) || HOST_FLAG.test(text);
}

export function mayHoldFinding(text: string, options: ResolvedOptions): boolean {
  // A word split over continued lines is read whole by the shell and by Docker.
  if (
    mayFire(text) ||
    (/[\\`][ \t]*[\r\n]/.test(text) && mayFire(text.replace(CONTINUATION, '')))
  ) {
    return true;
  }
  if (Object.keys(options.variables).length > 0 && text.includes('$')) return true;

  const extras = [...options.extraSocketPaths, ...options.extraSocketDirs];
  return extras.some((path) => {
    const name =
      path
        .replace(/[\\/]+$/, '')
        .split(/[\\/]/)
        .pop() ?? '';
    return name === '' || text.includes(name);
  });
}
