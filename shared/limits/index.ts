/** Limits on one analysis and the notices that say when one was hit. */
export {
  DEFAULT_LIMITS,
  LIMIT_CONTROLS,
  LIMIT_NAMES,
  isLimitValue,
  resolveLimits,
  type LimitName,
  type Limits,
} from './defaults';
export { looksBinary, withoutNuls } from './content';
export { withoutStackTraces } from './errors';
export { nestingCheck } from './guard';
export { bracketsTooDeep, yamlTooDeep } from './nesting';
export {
  binaryNotice,
  crashNotice,
  nestingNotice,
  outOfTime,
  sizeNotice,
  timeNotice,
} from './notices';
export { exceedsBytes, formatBytes, formatMillis } from './size';
