import { parseEndpoint } from '../../detect/endpoint';
import type { FindingFacts, Owner } from '../../model/finding';
import { plaintextDaemonMessage, tlsUnverifiedMessage } from '../../model/messages';
import { spanOf, type Arg } from './args';
import { parseFlags, valueText, type FlagTable, type FlagUse } from './docker-flags';
import { compact, flagOn, ownerOr, related, report, resolve, type Run } from './run';

/** `dockerd` flags that take a value (so that their values are not read as flags). */
const DAEMON_FLAGS: FlagTable = {
  valued: new Set(
    `host config-file data-root exec-root pidfile group log-level log-format tlscacert tlscert
     tlskey bridge bip dns dns-opt dns-search storage-driver storage-opt label insecure-registry
     registry-mirror log-driver log-opt default-runtime add-runtime containerd containerd-namespace
     mtu userns-remap cgroup-parent default-ulimit exec-opt fixed-cidr fixed-cidr-v6
     default-address-pool authorization-plugin default-gateway default-gateway-v6 ip
     max-concurrent-downloads max-concurrent-uploads max-download-attempts shutdown-timeout
     default-shm-size default-cgroupns-mode default-ipc-mode seccomp-profile
     swarm-default-advertise-addr network-control-plane-mtu metrics-addr node-generic-resource feature http-proxy https-proxy
     no-proxy graph`
      .split(/\s+/)
      .map((name) => `--${name}`),
  ),
  short: {
    H: '--host',
    G: '--group',
    b: '--bridge',
    l: '--log-level',
    p: '--pidfile',
    g: '--graph',
    s: '--storage-driver',
    D: '--debug',
  },
};

/**
 * Reports what `dockerd` serves: each TCP endpoint of `-H`/`--host` without `--tlsverify` is
 * plaintext (DSG003) or, with `--tls` alone, TLS that accepts any client (DSG004). A TCP
 * endpoint on 2376 without any TLS flag is left alone: its TLS may come from daemon.json.
 * `unix://`, `fd://` and `npipe://` endpoints are local.
 */
export function analyseDaemon(run: Run, args: readonly Arg[], command = 'dockerd'): void {
  const { flags } = parseFlags(args, 0, DAEMON_FLAGS, { stopAtPositional: false });
  let tls: FlagUse | undefined;
  let verify = false;
  for (const use of flags) {
    if (use.name === '--tls') tls = flagOn(valueText(use)) ? use : undefined;
    if (use.name === '--tlsverify') verify = flagOn(valueText(use));
  }
  if (verify) return;

  const owner = ownerOr(run, { kind: 'command', name: command });
  for (const use of flags) {
    if (use.name === '--host' && use.value) daemonHost(run, use, owner, tls, command);
  }
}

function daemonHost(
  run: Run,
  use: FlagUse,
  owner: Owner,
  tls: FlagUse | undefined,
  command: string,
): void {
  const value = use.value;
  const written = valueText(use) ?? '';
  const resolved = resolve(run, written).trim();
  const endpoint = parseEndpoint(resolved.includes('://') ? resolved : `tcp://${resolved}`);
  if (!value || resolved === '' || endpoint?.scheme !== 'tcp') return;
  if (!tls && endpoint.port === 2376) return;

  const detail = { command, flag: use.written, wordStart: use.wordStart, wordEnd: use.wordEnd };
  const facts = compact({
    exposure: tls ? 'tls-unverified' : 'plaintext-tcp',
    owner,
    endpoint: resolved,
    detail,
  } as FindingFacts);
  const span = spanOf(value.arg, value.from);
  if (!tls) {
    report(run, 'DSG003', span, plaintextDaemonMessage(owner, resolved), facts);
    return;
  }
  const places = [
    related(
      run,
      { start: tls.flag.start, end: tls.flag.end },
      `${tls.written} without --tlsverify accepts any client`,
    ),
  ];
  report(run, 'DSG004', span, tlsUnverifiedMessage(owner, resolved), facts, places);
}
