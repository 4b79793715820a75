import type { Limits } from '../shared/limits/defaults';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleId } from '../shared/model/finding';
import { readSettings, type Settings, type SeveritySetting } from '../shared/settings';
import { describeError } from './errors';

/** The config file could not be read or is not JSON; the CLI exits with 2. */
export class ConfigError extends Error {}

export interface LoadedSettings {
  settings: Settings;
  /** where the settings came from, for messages; undefined when only defaults apply */
  source: string | undefined;
  /** settings that were ignored, as `file: key: message` lines */
  problems: string[];
}

const CONFIG_FILE = '.docker-socket-guard.json';
const PACKAGE_KEY = 'dockerSocketGuard';

/**
 * Reads the settings the extension also uses: from `--config FILE`, else
 * `.docker-socket-guard.json` in `cwd`, else the `dockerSocketGuard` key of `cwd/package.json`.
 * `--rule` and the limit flags are applied last.
 */
export function loadSettings(
  configPath: string | undefined,
  cwd: string,
  overrides: ReadonlyArray<[RuleId, SeveritySetting]>,
  limits: Partial<Limits> = {},
): LoadedSettings {
  const found = findRaw(configPath, cwd);
  const { settings, problems } = readSettings(found?.raw);

  for (const [id, severity] of overrides) settings.rules[id] = severity;
  settings.limits = { ...settings.limits, ...limits };
  const source = found?.source;
  return {
    settings,
    source,
    problems: problems.map((p) => `${source}: ${p.key === '' ? '' : `${p.key}: `}${p.message}`),
  };
}

function findRaw(
  configPath: string | undefined,
  cwd: string,
): { raw: unknown; source: string } | undefined {
  if (configPath !== undefined) return { raw: readJson(configPath), source: configPath };

  const own = join(cwd, CONFIG_FILE);
  if (existsSync(own)) return { raw: readJson(own), source: CONFIG_FILE };

  const pkg = join(cwd, 'package.json');
  if (!existsSync(pkg)) return undefined;
  // A package.json that does not parse is some other tool's problem: no settings from it.
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(pkg, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof manifest !== 'object' || manifest === null || !(PACKAGE_KEY in manifest)) {
    return undefined;
  }
  const raw = (manifest as Record<string, unknown>)[PACKAGE_KEY];
  return { raw, source: `package.json#${PACKAGE_KEY}` };
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config ${path}: ${describeError(error)}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ConfigError(`config ${path} is not valid JSON: ${(error as Error).message}`);
  }
}
