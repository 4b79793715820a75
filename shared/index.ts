/** The engine's public surface, for the server and the CLI. */
export { analyse, type AnalysisInput } from './analyse';
export { detectKind } from './detect/kind';
export * from './model/finding';
export { RULES, RULE_IDS, isRuleId, ruleDocUrl, type RuleInfo } from './model/rules';
export { type EngineOptions } from './model/options';
export { LineIndex, stripBom } from './text/lines';
export { classifyHostPath, normalisePath, interpolate } from './paths/normalise';
