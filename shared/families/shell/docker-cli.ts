import type { Owner } from '../../model/finding';
import { spanOf, type Arg } from './args';
import { reportClientEndpoint, type TlsFlag } from './client';
import { reportContainerFlags, type Launch } from './container-run';
import { GLOBAL_FLAGS, RUN_FLAGS, parseFlags, valueText, type FlagUse } from './docker-flags';
import { analyseDaemon } from './dockerd-flags';
import { flagOn, ownerOr, type Run } from './run';

/** The container CLIs read here; Compose's own CLIs only for `run`. */
export const CONTAINER_CLIS = new Set([
  'docker',
  'podman',
  'nerdctl',
  'docker-compose',
  'podman-compose',
]);

/** Where a container's flags start and how the command is named. */
interface Target {
  command: string;
  from: number;
  /** the first word after the flags is an image (else a Compose service) */
  image: boolean;
}

/**
 * Analyses one `docker`/`podman`/`nerdctl`/Compose command: its global `-H` (docker), then the
 * flags of `run`/`create`/`container run|create`/`service create`/`compose run`, then the
 * container's own command. `dockerTlsVerify` is DOCKER_TLS_VERIFY where it runs.
 */
export function analyseContainerCli(
  run: Run,
  argv: readonly Arg[],
  tool: string,
  dockerTlsVerify: string | undefined,
): void {
  const compose = tool.endsWith('-compose');
  const table = GLOBAL_FLAGS[compose ? 'compose' : tool] ?? GLOBAL_FLAGS.docker;
  const globals = table ? parseFlags(argv, 1, table, { stopAtPositional: true }) : undefined;
  const next = globals?.positional ?? 1;
  const label = commandLabel(tool, argv, next);

  if (tool === 'docker' && globals) clientHosts(run, globals.flags, label, dockerTlsVerify);
  if (tool === 'docker' && argv[next]?.value === 'daemon') {
    analyseDaemon(run, argv.slice(next + 1), 'docker daemon');
    return;
  }

  const target = compose ? composeRun(tool, argv, next - 1) : runTarget(tool, argv, next);
  if (target) launch(run, argv, target);
}

/** `docker ps`, `docker container run`: the tool and its subcommand words. */
export function commandLabel(tool: string, argv: readonly Arg[], next: number): string {
  const sub = argv[next]?.value;
  const second = argv[next + 1]?.value;
  if (sub === undefined) return tool;
  if ((sub === 'container' || sub === 'service' || sub === 'compose') && second !== undefined) {
    if (!second.startsWith('-')) return `${tool} ${sub} ${second}`;
  }
  return `${tool} ${sub}`;
}

function runTarget(tool: string, argv: readonly Arg[], next: number): Target | undefined {
  const sub = argv[next]?.value;
  const second = argv[next + 1]?.value;
  if (sub === 'run' || sub === 'create')
    return { command: `${tool} ${sub}`, from: next + 1, image: true };
  if (sub === 'container' && (second === 'run' || second === 'create')) {
    return { command: `${tool} container ${second}`, from: next + 2, image: true };
  }
  if (tool === 'docker' && sub === 'service' && second === 'create') {
    return { command: 'docker service create', from: next + 2, image: true };
  }
  if (sub === 'compose') return composeRun(`${tool} compose`, argv, next);
  return undefined;
}

/** `docker compose [flags] run ...`, `docker-compose [flags] run ...`. */
function composeRun(name: string, argv: readonly Arg[], at: number): Target | undefined {
  const table = GLOBAL_FLAGS.compose;
  if (!table) return undefined;
  const { positional } = parseFlags(argv, at + 1, table, { stopAtPositional: true });
  if (argv[positional]?.value !== 'run') return undefined;
  return { command: `${name} run`, from: positional + 1, image: false };
}

function launch(run: Run, argv: readonly Arg[], target: Target): void {
  const parsed = parseFlags(argv, target.from, RUN_FLAGS, {
    stopAtPositional: true,
    opaqueVariables: true,
  });
  const imageArg = argv[parsed.positional];
  const image: Launch['image'] =
    target.image && imageArg ? { value: imageArg.value, span: spanOf(imageArg, 0) } : undefined;
  reportContainerFlags(run, parsed.flags, { command: target.command, image });

  const command = argv.slice(parsed.positional + 1);
  if (command.length > 0) run.runArgv(command);
}

/** The client's `-H`: plaintext unless `--tlsverify`; `--tls` alone does not verify. */
function clientHosts(
  run: Run,
  flags: readonly FlagUse[],
  label: string,
  tlsVerify: string | undefined,
): void {
  let tlsFlag: TlsFlag;
  for (const use of flags) {
    if (use.name === '--tlsverify' && flagOn(valueText(use))) tlsFlag = 'tlsverify';
    if (use.name === '--tls' && flagOn(valueText(use)) && tlsFlag === undefined) tlsFlag = 'tls';
  }

  const owner: Owner = ownerOr(run, { kind: 'command', name: label });
  for (const use of flags) {
    if (use.name !== '--host' || !use.value) continue;
    reportClientEndpoint(run, use.value.arg, use.value.from, {
      owner,
      via: use.written,
      tlsVerify,
      tlsFlag,
      detail: { command: label, flag: use.written, wordStart: use.wordStart, wordEnd: use.wordEnd },
    });
  }
}
