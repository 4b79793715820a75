import { analyse, type AnalysisInput } from '../shared/analyse';
import type { AnalysisResult } from '../shared/model/finding';
import type { FileKind, Finding, Notice } from '../shared/model/finding';
import { applySeverities, engineOptions, type Settings } from '../shared/settings';
import { describeError, type Logger } from './logger';

/** One file's analysis after the settings: rules set to off are gone, severities applied. */
export interface FileAnalysis {
  kind: FileKind | undefined;
  findings: Finding[];
  notices: Notice[];
}

export const NOTHING: FileAnalysis = { kind: undefined, findings: [], notices: [] };

export interface FileInput {
  fileName: string;
  text: string;
  languageId?: string;
}

/**
 * Runs the engine (or an incremental cache of it) on one file with the settings of its folder. A disabled extension or an
 * excluded file yields nothing; an engine error is logged and yields nothing.
 */
export function analyseFile(
  input: FileInput,
  settings: Settings,
  excluded: boolean,
  logger: Logger,
  engine: (input: AnalysisInput) => AnalysisResult = analyse,
): FileAnalysis {
  if (!settings.enable || excluded) return NOTHING;

  try {
    const result = engine({ ...input, options: engineOptions(settings) });
    if (result.kind === undefined) return NOTHING;
    return {
      kind: result.kind,
      findings: applySeverities(result.findings, settings),
      notices: result.notices,
    };
  } catch (error) {
    logger.error(`Analysis of ${input.fileName} failed: ${describeError(error)}`);
    return NOTHING;
  }
}
