import type { Arg } from './args';

/**
 * Flag tables of the container CLIs and a parser that finds each flag's value, so that the first
 * word that is not a flag (the image, the subcommand) is found. A long flag the table does not
 * know is taken as a switch: `--flag=value` still carries its value.
 */

export interface FlagTable {
  /** long flags that take a value, canonical spelling */
  valued: ReadonlySet<string>;
  /** one-letter flags and their long spelling */
  short: Readonly<Record<string, string>>;
  /** other spellings of long flags */
  aliases?: Readonly<Record<string, string>>;
}

/** One flag as given, with its value and the span to remove it by. */
export interface FlagUse {
  /** canonical long name, `--volume` for `-v` */
  name: string;
  /** as written: `-v`, `--volume` */
  written: string;
  /** the word that holds the flag */
  flag: Arg;
  /** the value: `arg.value.slice(from)` (the same word for `--volume=x`, `-vx`, `-itv=x`) */
  value?: { arg: Arg; from: number };
  /** document span of the flag and its value word together */
  wordStart: number;
  wordEnd: number;
}

/** The flags of a command line and where its first other word is. */
export interface ParsedFlags {
  flags: FlagUse[];
  /** index of the first word that is not a flag (`args.length` when there is none) */
  positional: number;
}

/** How the parser treats a word that is not a flag. */
export interface ParseMode {
  /** stop at the first word that is not a flag (else skip it: a flag list without image) */
  stopAtPositional: boolean;
  /**
   * Take a bare `$VAR` followed by a flag for a list of flags rather than the image
   * (`docker run $OPTS -v /a:/b image`).
   */
  opaqueVariables?: boolean;
}

const BARE_VARIABLE = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})$/;

/** Reads flags from `args[from]` on with their values, as `table` says they take them. */
export function parseFlags(
  args: readonly Arg[],
  from: number,
  table: FlagTable,
  mode: ParseMode,
): ParsedFlags {
  const flags: FlagUse[] = [];
  let at = from;
  while (at < args.length) {
    const value = (args[at] as Arg).value;
    if (value === '--') return { flags, positional: at + 1 };

    if (value.startsWith('--') && value.length > 2) at = longFlag(args, at, table, flags);
    else if (value.startsWith('-') && value.length > 1) at = shortCluster(args, at, table, flags);
    else if (!mode.stopAtPositional) at++;
    else if (mode.opaqueVariables && isOpaque(args, at)) at++;
    else return { flags, positional: at };
  }
  return { flags, positional: args.length };
}

function isOpaque(args: readonly Arg[], at: number): boolean {
  const arg = args[at] as Arg;
  return BARE_VARIABLE.test(arg.value) && (args[at + 1]?.value.startsWith('-') ?? false);
}

function flagUse(name: string, written: string, flag: Arg, value?: Arg, from = 0): FlagUse {
  return {
    name,
    written,
    flag,
    value: value ? { arg: value, from } : undefined,
    wordStart: flag.start,
    wordEnd: value ? value.end : flag.end,
  };
}

function longFlag(args: readonly Arg[], at: number, table: FlagTable, into: FlagUse[]): number {
  const flag = args[at] as Arg;
  const equals = flag.value.indexOf('=');
  const written = equals < 0 ? flag.value : flag.value.slice(0, equals);
  const name = table.aliases?.[written] ?? written;
  if (equals >= 0) {
    into.push(flagUse(name, written, flag, flag, equals + 1));
    return at + 1;
  }

  const next = args[at + 1];
  if (!table.valued.has(name) || next === undefined) {
    into.push(flagUse(name, written, flag));
    return at + 1;
  }
  into.push(flagUse(name, written, flag, next));
  return at + 2;
}

/** `-it`, `-itv /a:/b`, `-v/a:/b`, `-v=/a:/b`: a valued letter takes the rest or the next word. */
function shortCluster(args: readonly Arg[], at: number, table: FlagTable, into: FlagUse[]): number {
  const flag = args[at] as Arg;
  const text = flag.value;
  for (let index = 1; index < text.length; index++) {
    const written = '-' + text.charAt(index);
    const name = table.short[text.charAt(index)] ?? written;
    if (!table.valued.has(name)) {
      into.push(flagUse(name, written, flag));
    } else if (index + 1 < text.length) {
      const from = index + 1 + (text[index + 1] === '=' ? 1 : 0);
      into.push(flagUse(name, written, flag, flag, from));
      return at + 1;
    } else {
      const next = args[at + 1];
      into.push(flagUse(name, written, flag, next));
      return next === undefined ? at + 1 : at + 2;
    }
  }
  return at + 1;
}

/** The value text of a flag, or undefined for a switch. */
export function valueText(use: FlagUse): string | undefined {
  return use.value ? use.value.arg.value.slice(use.value.from) : undefined;
}

/** Names from a space-separated list, as long flags. */
function longFlags(list: string): Set<string> {
  return new Set(
    list
      .trim()
      .split(/\s+/)
      .map((name) => `--${name}`),
  );
}

/** `a=attach c=cpu-shares` → `{ a: '--attach', c: '--cpu-shares' }`. */
function shortTable(list: string): Record<string, string> {
  const table: Record<string, string> = {};
  for (const pair of list.trim().split(/\s+/)) {
    const [letter = '', name = ''] = pair.split('=');
    table[letter] = `--${name}`;
  }
  return table;
}

/** `docker run`, `docker create`, `docker service create`, `podman run`, `nerdctl run` ... */
export const RUN_FLAGS: FlagTable = {
  valued: longFlags(`
    add-host annotation attach blkio-weight blkio-weight-device cap-add cap-drop cgroup-parent
    cgroupns cidfile cpu-count cpu-percent cpu-period cpu-quota cpu-rt-period cpu-rt-runtime
    cpu-shares cpus cpuset-cpus cpuset-mems detach-keys device device-cgroup-rule
    device-read-bps device-read-iops device-write-bps device-write-iops dns dns-option dns-search
    domainname entrypoint env env-file expose gpus group-add health-cmd health-interval
    health-retries health-start-interval health-start-period health-timeout hostname
    io-maxbandwidth io-maxiops ip ip6 ipc isolation kernel-memory label label-file link
    link-local-ip log-driver log-opt mac-address memory memory-reservation memory-swap
    memory-swappiness mount name network network-alias oom-score-adj pid pids-limit platform
    publish pull restart runtime security-opt shm-size stop-signal stop-timeout storage-opt
    sysctl tmpfs ulimit user userns uts volume volume-driver volumes-from workdir

    arch authfile cgroup-conf cgroups chrootdirs conmon-pidfile creds decryption-key env-merge
    gidmap hostuser image-volume init-path os passwd-entry personality pidfile pod pod-id-file
    preserve-fds requires sdnotify seccomp-policy secret subgidname subuidname timeout uidmap
    umask unsetenv variant namespace snapshotter cosign-key verify

    config constraint container-label credential-spec endpoint-mode generic-resource host
    limit-cpu limit-memory limit-pids max-concurrent mode placement-pref replicas
    replicas-max-per-node reserve-cpu reserve-memory restart-condition restart-delay
    restart-max-attempts restart-window rollback-delay rollback-failure-action
    rollback-max-failure-ratio rollback-monitor rollback-order rollback-parallelism
    stop-grace-period update-delay update-failure-action update-max-failure-ratio update-monitor
    update-order update-parallelism
  `),
  short: shortTable(`
    a=attach c=cpu-shares e=env h=hostname l=label m=memory p=publish u=user v=volume w=workdir
    d=detach i=interactive t=tty P=publish-all q=quiet
  `),
  aliases: { '--net': '--network', '--net-alias': '--network-alias', '--dns-opt': '--dns-option' },
};

/** Global flags before the subcommand, per tool (Compose: `docker compose`, `docker-compose`). */
export const GLOBAL_FLAGS: Readonly<Record<string, FlagTable>> = {
  docker: {
    valued: longFlags('config context host log-level tlscacert tlscert tlskey'),
    short: shortTable('c=context H=host l=log-level D=debug v=version'),
  },
  podman: {
    valued: longFlags(`
      url connection identity root runroot storage-driver storage-opt log-level cgroup-manager
      events-backend hooks-dir network-cmd-path network-config-dir runtime runtime-flag tmpdir
      module ssh conmon imagestore volumepath config
    `),
    short: shortTable('c=connection r=remote'),
  },
  nerdctl: {
    valued: longFlags(`
      address namespace snapshotter storage-driver cni-path cni-netconfpath data-root
      cgroup-manager host-gateway-ip hosts-dir bridge-ip
    `),
    short: shortTable('a=address H=address n=namespace'),
    aliases: { '--host': '--address' },
  },
  compose: {
    valued: longFlags(
      'file project-name profile env-file project-directory ansi progress parallel',
    ),
    short: shortTable('f=file p=project-name'),
  },
};
