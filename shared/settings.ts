import type { Finding, RuleId, Severity } from './model/finding';
import { RULE_IDS, RULES, isRuleId } from './model/rules';
import type { EngineOptions } from './model/options';
import { DEFAULT_TRUSTED_IMAGES } from './detect/images';
import { DEFAULT_LIMITS, LIMIT_NAMES, isLimitValue, type Limits } from './limits/defaults';

/** A rule severity as the settings spell it; `off` drops the rule. */
export type SeveritySetting = Severity | 'off';

/** The fix kinds that fix-all can apply to a whole file. */
export type FixAllKind = 'remove' | 'tls' | 'sysbox' | 'proxy';
const FIX_ALL_KINDS: readonly FixAllKind[] = ['remove', 'tls', 'sysbox', 'proxy'];

/**
 * The settings shared by the extension (`dockerSocketGuard.*`) and the CLI (`--config`,
 * `.docker-socket-guard.json`). Every default is stated in `defaultSettings`.
 */
export interface Settings {
  enable: boolean;
  rules: Record<RuleId, SeveritySetting>;
  extraSocketPaths: string[];
  extraSocketDirs: string[];
  exclude: string[];
  trustedImages: string[];
  /** per-file limits: `maxFileBytes`, `maxNesting`, `maxMillisPerFile` (see limits/defaults.ts) */
  limits: Limits;
  /** what fix-all (`source.fixAll.dockerSocketGuard`, the CLI's `--fix`) applies by default */
  fixAll: { preferredFix: FixAllKind };
}

export function defaultSettings(): Settings {
  const rules = {} as Record<RuleId, SeveritySetting>;
  for (const id of RULE_IDS) rules[id] = RULES[id].defaultSeverity;
  return {
    enable: true,
    rules,
    extraSocketPaths: [],
    extraSocketDirs: [],
    exclude: [],
    trustedImages: [...DEFAULT_TRUSTED_IMAGES],
    limits: { ...DEFAULT_LIMITS },
    fixAll: { preferredFix: 'remove' },
  };
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

/** A setting that could not be used, said in words the user can act on. */
export interface SettingsProblem {
  key: string;
  message: string;
}

/**
 * Turns raw settings (from JSON or `workspace/configuration`) into typed settings. Unknown or
 * ill-typed values keep their default and are reported, never thrown.
 */
export function readSettings(raw: unknown): { settings: Settings; problems: SettingsProblem[] } {
  const settings = defaultSettings();
  const problems: SettingsProblem[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, problems: [{ key: '', message: 'settings must be an object' }] };
  }

  const record = raw as Record<string, unknown>;
  if (record.enable !== undefined) {
    if (typeof record.enable === 'boolean') settings.enable = record.enable;
    else problems.push({ key: 'enable', message: 'enable must be true or false' });
  }
  readRules(record.rules, settings, problems);
  for (const key of ['extraSocketPaths', 'extraSocketDirs', 'exclude', 'trustedImages'] as const) {
    const value = record[key];
    if (value === undefined) continue;
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) settings[key] = value;
    else problems.push({ key, message: `${key} must be a list of strings` });
  }
  readLimits(record.limits, settings, problems);
  readFixAll(record.fixAll, settings, problems);
  return { settings, problems };
}

function readFixAll(raw: unknown, settings: Settings, problems: SettingsProblem[]): void {
  if (raw === undefined) return;

  const preferred =
    typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).preferredFix : raw;
  if (preferred === undefined) return;
  const kind = FIX_ALL_KINDS.find((k) => k === preferred);
  if (kind) settings.fixAll.preferredFix = kind;
  else {
    problems.push({
      key: 'fixAll.preferredFix',
      message: `fixAll.preferredFix must be one of ${FIX_ALL_KINDS.join(', ')}`,
    });
  }
}

function readLimits(raw: unknown, settings: Settings, problems: SettingsProblem[]): void {
  if (raw === undefined) return;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({
      key: 'limits',
      message: `limits must map ${LIMIT_NAMES.join(', ')} to numbers`,
    });
    return;
  }

  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const limit = LIMIT_NAMES.find((known) => known === name);
    if (limit === undefined) {
      problems.push({ key: `limits.${name}`, message: `unknown limit ${name}` });
    } else if (!isLimitValue(value)) {
      problems.push({ key: `limits.${name}`, message: `${name} must be a positive whole number` });
    } else {
      settings.limits[limit] = value;
    }
  }
}

function readRules(raw: unknown, settings: Settings, problems: SettingsProblem[]): void {
  if (raw === undefined) return;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({ key: 'rules', message: 'rules must map rule ids to severities' });
    return;
  }

  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!isRuleId(id)) {
      problems.push({ key: `rules.${id}`, message: `unknown rule ${id}` });
    } else if (typeof value !== 'string' || !SEVERITIES.includes(value)) {
      problems.push({
        key: `rules.${id}`,
        message: `severity must be one of ${SEVERITIES.join(', ')}`,
      });
    } else {
      settings.rules[id] = value as SeveritySetting;
    }
  }
}

export function engineOptions(settings: Settings): EngineOptions {
  return {
    extraSocketPaths: settings.extraSocketPaths,
    extraSocketDirs: settings.extraSocketDirs,
    trustedImages: settings.trustedImages,
    limits: { ...settings.limits },
  };
}

/**
 * Applies per-rule severities: a rule set to `off` is dropped; a finding the engine lowered to
 * information (a trusted consumer) stays information unless the rule is set lower still.
 */
export function applySeverities<T extends Pick<Finding, 'ruleId' | 'severity'>>(
  findings: readonly T[],
  settings: Settings,
): T[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };
  const result: T[] = [];
  for (const finding of findings) {
    const setting = settings.rules[finding.ruleId];
    if (setting === 'off') continue;

    const lowered = finding.severity !== RULES[finding.ruleId].defaultSeverity;
    const severity = lowered && rank[finding.severity] > rank[setting] ? finding.severity : setting;
    result.push({ ...finding, severity });
  }
  return result;
}
