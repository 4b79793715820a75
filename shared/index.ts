/** The engine's public surface, for the server and the CLI. */
export { analyse, type AnalysisInput } from './analyse';
export { detectKind } from './detect/kind';
export * from './model/finding';
export { RULES, RULE_IDS, isRuleId, ruleDocUrl, type RuleInfo } from './model/rules';
export { type EngineOptions } from './model/options';
export { LineIndex, stripBom } from './text/lines';
export { classifyHostPath, normalisePath, interpolate } from './paths/normalise';
export { explainFinding, explainFindings } from './explain';
export {
  applySuppressions,
  readDirectives,
  MARKER as SUPPRESSION_MARKER,
  type SuppressionResult,
  type Directive,
  type DirectiveProblem,
} from './suppress';
export { DEFAULT_LIMITS, LIMIT_CONTROLS, LIMIT_NAMES, type LimitName, type Limits } from './limits';
export {
  fixesFor,
  fixAll,
  applyEdits,
  type Fix,
  type FixAllResult,
  type FixInput,
  type FixKind,
  type FixOptions,
  type TextEdit,
} from './fix';
