import type { RuleId } from '../shared/model/finding';
import { isRuleId } from '../shared/model/rules';
import type { FixKind } from '../shared/fix';
import type { SeveritySetting } from '../shared/settings';
import { LIMIT_CONTROLS, LIMIT_NAMES, type Limits } from '../shared/limits/defaults';
import { FIX_KINDS } from './fix';
import type { FailOn } from './report';

export type Format = 'text' | 'json' | 'sarif' | 'github';

/** Options shared by `scan` and `inspect`. */
export interface CommonOptions {
  format: Format;
  output: string | undefined;
  failOn: FailOn;
  config: string | undefined;
  rules: Array<[RuleId, SeveritySetting]>;
  /** `--max-file-bytes`, `--max-nesting`, `--max-millis-per-file` */
  limits: Partial<Limits>;
  explain: boolean;
}

export interface ScanCommand extends CommonOptions {
  command: 'scan';
  paths: string[];
  exclude: string[];
  /** `--fix [KIND]`: the fix kind to apply to every file with findings (absent: none) */
  fix?: FixKind;
  /** `--fix-dry-run`: print the fixes as a diff, change nothing */
  fixDryRun?: boolean;
  /** `--threads N`: 1 is the main thread alone, more are worker threads (absent: one per core) */
  threads?: number;
}

export interface InspectCommand extends CommonOptions {
  command: 'inspect';
  /** a file, `-` for standard input, or undefined: standard input or the Docker CLI */
  input: string | undefined;
}

export type Command =
  | ScanCommand
  | InspectCommand
  | { command: 'help'; topic: 'scan' | 'inspect' | undefined }
  | { command: 'version' };

/** A command line that cannot be run; the CLI prints the message and exits with 2. */
export class UsageError extends Error {}

type Runnable = ScanCommand | InspectCommand;

/** One option; a new one (`--fix`) is one more entry here and a field on the command. */
interface Flag {
  names: readonly string[];
  commands: readonly Runnable['command'][];
  /** true: takes a value; a list: takes one of these if given, else is applied with '' */
  value: boolean | readonly string[];
  apply(command: Runnable, value: string): void;
}

const FORMATS: readonly string[] = ['text', 'json', 'sarif', 'github'];
const FAIL_ON: readonly string[] = ['error', 'warning', 'information', 'hint', 'none'];
const SEVERITIES: readonly string[] = ['off', 'error', 'warning', 'information', 'hint'];
const BOTH = ['scan', 'inspect'] as const;

const FLAGS: readonly Flag[] = [
  {
    names: ['--format', '-f'],
    commands: BOTH,
    value: true,
    apply: (c, v) => (c.format = oneOf('--format', v, FORMATS) as Format),
  },
  { names: ['--output', '-o'], commands: BOTH, value: true, apply: (c, v) => (c.output = v) },
  {
    names: ['--fail-on'],
    commands: BOTH,
    value: true,
    apply: (c, v) => (c.failOn = oneOf('--fail-on', v, FAIL_ON) as FailOn),
  },
  { names: ['--config', '-c'], commands: BOTH, value: true, apply: (c, v) => (c.config = v) },
  { names: ['--rule'], commands: BOTH, value: true, apply: (c, v) => c.rules.push(ruleValue(v)) },
  { names: ['--explain'], commands: BOTH, value: false, apply: (c) => (c.explain = true) },
  {
    names: ['--exclude', '-x'],
    commands: ['scan'],
    value: true,
    apply: (c, v) => {
      if (c.command === 'scan') c.exclude.push(v);
    },
  },
  {
    names: ['--fix'],
    commands: ['scan'],
    value: FIX_KINDS,
    apply: (c, v) => {
      if (c.command === 'scan')
        c.fix = v === '' ? 'remove' : (oneOf('--fix', v, FIX_KINDS) as FixKind);
    },
  },
  {
    names: ['--fix-dry-run'],
    commands: ['scan'],
    value: false,
    apply: (c) => {
      if (c.command === 'scan') c.fixDryRun = true;
    },
  },
  {
    names: ['--threads', '-j'],
    commands: ['scan'],
    value: true,
    apply: (c, v) => {
      if (c.command === 'scan') c.threads = limitValue('--threads', v);
    },
  },
  ...LIMIT_NAMES.map((name): Flag => ({
    names: [LIMIT_CONTROLS[name].flag],
    commands: BOTH,
    value: true,
    apply: (c, v) => (c.limits[name] = limitValue(LIMIT_CONTROLS[name].flag, v)),
  })),
];

function limitValue(flag: string, value: string): number {
  const number = Number(value);
  if (/^\d+$/.test(value) && Number.isSafeInteger(number) && number > 0) return number;
  throw new UsageError(`${flag} takes a positive whole number (got "${value}")`);
}

function oneOf(flag: string, value: string, allowed: readonly string[]): string {
  if (allowed.includes(value)) return value;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

function ruleValue(value: string): [RuleId, SeveritySetting] {
  const match = /^([A-Za-z0-9]+)=([a-z]+)$/.exec(value);
  if (!match)
    throw new UsageError(`--rule takes RULE=SEVERITY, e.g. DSG001=warning (got "${value}")`);

  const id = (match[1] ?? '').toUpperCase();
  if (!isRuleId(id)) throw new UsageError(`--rule: unknown rule ${match[1]}`);
  return [id, oneOf('--rule', match[2] ?? '', SEVERITIES) as SeveritySetting];
}

function newCommand(name: Runnable['command']): Runnable {
  const common: CommonOptions = {
    format: 'text',
    output: undefined,
    failOn: 'error',
    config: undefined,
    rules: [],
    limits: {},
    explain: false,
  };
  if (name === 'scan') return { ...common, command: 'scan', paths: [], exclude: [] };
  return { ...common, command: 'inspect', input: undefined };
}

/** Parses the arguments after `node cli.js`. Throws UsageError for anything it cannot run. */
export function parseArgs(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('missing command: scan or inspect');
  if (first === '--version' || first === '-V') return { command: 'version' };
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = rest[0];
    return { command: 'help', topic: topic === 'scan' || topic === 'inspect' ? topic : undefined };
  }
  if (first !== 'scan' && first !== 'inspect') {
    throw new UsageError(`unknown command "${first}": expected scan or inspect`);
  }

  const command = newCommand(first);
  const positional = readOptions(command, rest);
  if (positional === 'help') return { command: 'help', topic: first };
  return withPositional(command, positional);
}

function readOptions(command: Runnable, args: readonly string[]): string[] | 'help' {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }

    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const flag = FLAGS.find((f) => f.names.includes(name));
    if (!flag || !flag.commands.includes(command.command)) {
      throw new UsageError(`unknown option ${name} for ${command.command}`);
    }
    if (!flag.value) {
      if (eq !== -1) throw new UsageError(`${name} takes no value`);
      flag.apply(command, '');
      continue;
    }
    if (flag.value !== true) {
      // An optional value is taken from the next argument only when it is one of the choices.
      const next = args[i + 1];
      const taken = eq === -1 && next !== undefined && flag.value.includes(next);
      flag.apply(command, eq !== -1 ? arg.slice(eq + 1) : taken ? (args[++i] ?? '') : '');
      continue;
    }

    const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    flag.apply(command, value);
  }
  return positional;
}

function withPositional(command: Runnable, positional: string[]): Runnable {
  if (command.command === 'scan') {
    command.paths = positional.length > 0 ? positional : ['.'];
    return command;
  }
  if (positional.length > 1) throw new UsageError('inspect reads one input: a file or -');
  command.input = positional[0];
  return command;
}
