import type { ResolvedOptions } from '../model/options';

/**
 * Words without which no rule can fire in any family. The test is conservative: it may let
 * through a file without a finding, never hold back one with a finding. A root mount (`/:/host`)
 * names no socket, hence the lone-slash pattern; variables from outside the file (a `.env`) could
 * spell anything, hence the bail-out below.
 */
const MAY_FIRE = new RegExp(
  [
    'sock',
    'pipe',
    '237[56]',
    // a port range whose end has four digits or more can include 2375
    '\\d-\\d{4}',
    'tcp:',
    'tls',
    'dind',
    'privileged',
    'hostpath',
    '/run',
    '/var',
    '\\.docker',
    'xdg_runtime',
    'docker-(?:outside|in)-',
    '(?:^|[\\s"\'\\[,=:(\\-])[/\\\\.]*/[/.]*(?=$|[\\s"\',\\]:)}])',
  ].join('|'),
  'im',
);

export function mayHoldFinding(text: string, options: ResolvedOptions): boolean {
  if (MAY_FIRE.test(text)) return true;
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
