/**
 * Johnson's (2000) relative weights: how much of the explained variance R² each predictor
 * (touchpoint satisfaction) accounts for, in a way that stays meaningful when predictors are
 * correlated, which touchpoints always are. Works on correlations only, so DuckDB can aggregate
 * and only the k × k algebra runs here.
 *
 * Johnson, J. W. (2000). A heuristic method for estimating the relative weight of predictor
 * variables in multiple regression. Multivariate Behavioral Research, 35(1), 1-19.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { requireFinite, requireInRange } from './validate.js';

export interface RelativeWeightsOptions {
  /**
   * Smallest eigenvalue allowed in the joint correlation matrix of predictors and outcome before
   * it is repaired (default 1e-8). See `relativeWeights`.
   */
  eigenvalueFloor?: number;
}

export interface RelativeWeightsResult {
  k: number;
  /** Raw relative weight per predictor (ε_j): its share of variance explained, on the R² scale. */
  rawWeights: number[];
  /** rawWeights / R², summing to 1; null when R² is 0 (nothing to share out). */
  shares: number[] | null;
  /** Σ rawWeights. */
  rSquared: number;
  /** rxyᵀ Rxx⁻¹ rxy, the OLS R² from the same matrices; equals rSquared (a check shown to users). */
  olsRSquared: number;
  /** Standardised OLS coefficients Rxx⁻¹ rxy; their signs say whether a driver pushes up or down. */
  olsBeta: number[];
  /** True when the correlations were not a valid (positive semidefinite) set and were adjusted. */
  repaired: boolean;
  /** Smallest eigenvalue of the joint (k+1)×(k+1) correlation matrix as given. */
  minEigenvalue: number;
}

const DEFAULT_EIGENVALUE_FLOOR = 1e-8;
const SYMMETRY_TOLERANCE = 1e-9;
// Below this R² the shares would be ratios of rounding noise.
const MIN_R_SQUARED = 1e-12;

function validate(rxx: readonly (readonly number[])[], rxy: readonly number[]): number {
  const fn = 'relativeWeights';
  const k = rxx.length;
  if (k === 0) throw new Error(`${fn}: Rxx must have at least one predictor, got 0x0`);
  for (const [i, row] of rxx.entries()) {
    if (row.length !== k) throw new Error(`${fn}: Rxx must be square, got ${k}x${row.length} (row ${i})`);
  }
  if (rxy.length !== k) throw new Error(`${fn}: rxy must have ${k} entries (one per predictor), got ${rxy.length}`);
  for (let i = 0; i < k; i++) {
    requireInRange(fn, `rxy[${i}]`, rxy[i], -1, 1);
    requireFinite(fn, `Rxx[${i}][${i}]`, rxx[i][i]);
    if (Math.abs(rxx[i][i] - 1) > SYMMETRY_TOLERANCE) throw new Error(`${fn}: Rxx[${i}][${i}] must be 1, got ${rxx[i][i]}`);
    for (let j = 0; j < i; j++) {
      requireInRange(fn, `Rxx[${i}][${j}]`, rxx[i][j], -1, 1);
      requireInRange(fn, `Rxx[${j}][${i}]`, rxx[j][i], -1, 1);
      if (Math.abs(rxx[i][j] - rxx[j][i]) > SYMMETRY_TOLERANCE) {
        throw new Error(`${fn}: Rxx must be symmetric, got Rxx[${i}][${j}] = ${rxx[i][j]} and Rxx[${j}][${i}] = ${rxx[j][i]}`);
      }
    }
  }
  return k;
}

function symmetricEigen(matrix: Matrix): { values: number[]; vectors: Matrix } {
  const evd = new EigenvalueDecomposition(matrix, { assumeSymmetric: true });
  return { values: evd.realEigenvalues, vectors: evd.eigenvectorMatrix };
}

/** V · diag(f(λ)) · Vᵀ: a function of a symmetric matrix through its eigen-decomposition. */
function spectralFunction(vectors: Matrix, values: readonly number[], f: (lambda: number) => number): Matrix {
  return vectors.mmul(Matrix.diag(values.map(f))).mmul(vectors.transpose());
}

/**
 * Makes the joint correlation matrix positive definite: eigenvalues below `floor` are raised to
 * it, then the matrix is rescaled back to a unit diagonal (a correlation matrix again).
 *
 * Why the joint (k+1)×(k+1) matrix and not Rxx alone: correlations computed pairwise-complete (each
 * pair on the customers who answered both) need not be a consistent set. Repairing only Rxx would
 * still let rxy imply R² > 1, and a tiny clipped eigenvalue would then blow up Λ⁻¹·rxy along its
 * direction. A positive definite joint matrix guarantees R² < 1, and by eigenvalue interlacing its
 * Rxx block keeps every eigenvalue at least about `floor`, so Λ is safely invertible.
 */
function repairJoint(joint: Matrix, floor: number): Matrix {
  const { values, vectors } = symmetricEigen(joint);
  const clipped = spectralFunction(vectors, values, (lambda) => Math.max(lambda, floor));
  const size = clipped.rows;
  const scale = Array.from({ length: size }, (_, i) => 1 / Math.sqrt(clipped.get(i, i)));
  const repaired = new Matrix(size, size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      // Average the two triangles so rounding cannot leave the result asymmetric.
      const value = ((clipped.get(i, j) + clipped.get(j, i)) / 2) * scale[i] * scale[j];
      repaired.set(i, j, i === j ? 1 : value);
    }
  }
  return repaired;
}

/**
 * Johnson's relative weights from the predictor correlation matrix Rxx (k × k) and the
 * predictor-outcome correlations rxy (k).
 *
 * Steps: Rxx = V·diag(λ)·Vᵀ; Λ = V·diag(√λ)·Vᵀ (the symmetric square root: the orthogonal
 * variables Z = X·Λ⁻¹ are the ones closest to X in least squares); β = Λ⁻¹·rxy (regression of y on
 * Z); ε_j = Σ_i Λ_ji²·β_i². Because Λ's columns have unit length (ΛᵀΛ = Rxx has a unit diagonal),
 * Σ_j ε_j = Σ_i β_i² = rxyᵀ·Rxx⁻¹·rxy, the OLS R²; `olsRSquared` is returned to show it.
 *
 * Invalid input correlations (not positive semidefinite, or implying R² ≥ 1) and exactly
 * collinear predictors are repaired as described in `repairJoint`, and flagged `repaired`.
 */
export function relativeWeights(
  rxx: readonly (readonly number[])[],
  rxy: readonly number[],
  options: RelativeWeightsOptions = {},
): RelativeWeightsResult {
  const k = validate(rxx, rxy);
  const floor = options.eigenvalueFloor ?? DEFAULT_EIGENVALUE_FLOOR;
  requireFinite('relativeWeights', 'eigenvalueFloor', floor);
  if (floor <= 0 || floor >= 1) throw new Error(`relativeWeights: eigenvalueFloor must be between 0 and 1, got ${floor}`);

  const joint = new Matrix(k + 1, k + 1);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) joint.set(i, j, i === j ? 1 : (rxx[i][j] + rxx[j][i]) / 2);
    joint.set(i, k, rxy[i]);
    joint.set(k, i, rxy[i]);
  }
  joint.set(k, k, 1);
  const minEigenvalue = Math.min(...symmetricEigen(joint).values);
  const repaired = minEigenvalue < floor;
  const usable = repaired ? repairJoint(joint, floor) : joint;

  const correlations = usable.subMatrix(0, k - 1, 0, k - 1);
  const outcome = usable.subMatrix(0, k - 1, k, k);
  const { values, vectors } = symmetricEigen(correlations);
  // After the repair every eigenvalue is >= ~floor; the max() only absorbs rounding.
  const lambdas = values.map((lambda) => Math.max(lambda, floor));
  const lambda = spectralFunction(vectors, lambdas, Math.sqrt);
  const beta = spectralFunction(vectors, lambdas, (l) => 1 / Math.sqrt(l)).mmul(outcome);
  const olsBeta = spectralFunction(vectors, lambdas, (l) => 1 / l).mmul(outcome);

  const rawWeights: number[] = [];
  for (let j = 0; j < k; j++) {
    let weight = 0;
    for (let i = 0; i < k; i++) weight += lambda.get(j, i) ** 2 * beta.get(i, 0) ** 2;
    rawWeights.push(weight);
  }
  const rSquared = rawWeights.reduce((total, w) => total + w, 0);
  let olsRSquared = 0;
  for (let i = 0; i < k; i++) olsRSquared += outcome.get(i, 0) * olsBeta.get(i, 0);
  return {
    k,
    rawWeights,
    shares: rSquared > MIN_R_SQUARED ? rawWeights.map((w) => w / rSquared) : null,
    rSquared,
    olsRSquared,
    olsBeta: olsBeta.getColumn(0),
    repaired,
    minEigenvalue,
  };
}
