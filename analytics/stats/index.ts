/** Public surface of the analytics maths: pure functions, no I/O. */
export type { IntervalFields, IntervalOptions, TestOptions } from './interval.js';
export * from './nps.js';
export * from './csat.js';
export * from './correlation.js';
export * from './relativeWeights.js';
export * from './lifetimeValue.js';
export * from './trend.js';
export {
  criticalT,
  criticalZ,
  normalCdf,
  normalQuantile,
  normalTwoSidedP,
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from './distributions.js';
export * from './multipleComparisons.js';
export * from './groupGaps.js';
