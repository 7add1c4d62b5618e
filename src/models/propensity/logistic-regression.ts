export interface LogisticRegressionModel {
  intercept: number;
  coefficients: Float64Array;
}

export interface LogisticRegressionOptions {
  /** L2 penalty on the coefficients (not the intercept), on the mean log-loss scale. */
  l2?: number;
  /**
   * 'newton' (IRLS): exact, converges in a handful of steps, costs features² per row: for up to ~100 features.
   * 'gradient': Nesterov-accelerated gradient descent with step 1/L, for wide inputs such as text embeddings.
   * Default: newton below 100 features.
   */
  solver?: 'newton' | 'gradient';
  maxIterations?: number;
  /** Stop when the largest coefficient change (newton) or gradient entry (gradient) falls below this. */
  tolerance?: number;
}

export interface LogisticRegressionFit {
  model: LogisticRegressionModel;
  iterations: number;
  converged: boolean;
  solver: 'newton' | 'gradient';
}

export function sigmoid(score: number): number {
  if (score >= 0) return 1 / (1 + Math.exp(-score));
  const exponential = Math.exp(score);
  return exponential / (1 + exponential);
}

export function logisticScore(model: LogisticRegressionModel, row: ArrayLike<number>): number {
  let score = model.intercept;
  const coefficients = model.coefficients;
  for (let column = 0; column < coefficients.length; column++) score += (coefficients[column] as number) * (row[column] as number);
  return score;
}

export function predictLogistic(model: LogisticRegressionModel, row: ArrayLike<number>): number {
  return sigmoid(logisticScore(model, row));
}

/** Solves A x = b for a symmetric positive-definite A (row-major, size n × n) by Cholesky; A is not modified. */
function solvePositiveDefinite(matrix: Float64Array, vector: Float64Array, size: number): Float64Array {
  const lower = new Float64Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let column = 0; column <= row; column++) {
      let sum = matrix[row * size + column] as number;
      for (let inner = 0; inner < column; inner++) sum -= (lower[row * size + inner] as number) * (lower[column * size + inner] as number);
      if (row === column) lower[row * size + row] = Math.sqrt(Math.max(sum, 1e-12));
      else lower[row * size + column] = sum / (lower[column * size + column] as number);
    }
  }
  const forward = new Float64Array(size);
  for (let row = 0; row < size; row++) {
    let sum = vector[row] as number;
    for (let inner = 0; inner < row; inner++) sum -= (lower[row * size + inner] as number) * (forward[inner] as number);
    forward[row] = sum / (lower[row * size + row] as number);
  }
  const solution = new Float64Array(size);
  for (let row = size - 1; row >= 0; row--) {
    let sum = forward[row] as number;
    for (let inner = row + 1; inner < size; inner++) sum -= (lower[inner * size + row] as number) * (solution[inner] as number);
    solution[row] = sum / (lower[row * size + row] as number);
  }
  return solution;
}

/** Newton–Raphson (IRLS) on [intercept, coefficients]: parameter 0 is the intercept, unpenalised. */
function fitNewton(rows: readonly ArrayLike<number>[], labels: ArrayLike<number>, l2: number, maxIterations: number, tolerance: number): LogisticRegressionFit {
  const count = rows.length;
  const width = (rows[0]?.length ?? 0) + 1;
  const parameters = new Float64Array(width);
  const augmented = new Float64Array(width);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations += 1;
    const gradient = new Float64Array(width);
    const hessian = new Float64Array(width * width);
    for (let index = 0; index < count; index++) {
      const row = rows[index] as ArrayLike<number>;
      augmented[0] = 1;
      for (let column = 1; column < width; column++) augmented[column] = row[column - 1] as number;
      let score = 0;
      for (let column = 0; column < width; column++) score += (parameters[column] as number) * (augmented[column] as number);
      const probability = sigmoid(score);
      const residual = probability - (labels[index] as number);
      const weight = Math.max(probability * (1 - probability), 1e-10);
      for (let first = 0; first < width; first++) {
        const value = augmented[first] as number;
        gradient[first] = (gradient[first] as number) + residual * value;
        if (value === 0) continue;
        const weighted = weight * value;
        // Upper triangle only; mirrored below.
        for (let second = first; second < width; second++) hessian[first * width + second] = (hessian[first * width + second] as number) + weighted * (augmented[second] as number);
      }
    }
    for (let first = 0; first < width; first++) {
      gradient[first] = (gradient[first] as number) / count + (first === 0 ? 0 : l2 * (parameters[first] as number));
      for (let second = first; second < width; second++) {
        const value = (hessian[first * width + second] as number) / count + (first === second ? (first === 0 ? 1e-9 : l2) : 0);
        hessian[first * width + second] = value;
        hessian[second * width + first] = value;
      }
    }
    const step = solvePositiveDefinite(hessian, gradient, width);
    let largest = 0;
    for (let column = 0; column < width; column++) {
      parameters[column] = (parameters[column] as number) - (step[column] as number);
      largest = Math.max(largest, Math.abs(step[column] as number));
    }
    converged = largest < tolerance;
  }
  return { model: { intercept: parameters[0] as number, coefficients: parameters.slice(1) }, iterations, converged, solver: 'newton' };
}

/** Largest eigenvalue of XᵀX / n for X with a leading column of ones, by power iteration (deterministic start). */
function largestEigenvalue(rows: readonly ArrayLike<number>[], width: number): number {
  let vector = new Float64Array(width).fill(1 / Math.sqrt(width));
  let eigenvalue = 1;
  for (let iteration = 0; iteration < 30; iteration++) {
    const next = new Float64Array(width);
    for (const row of rows) {
      let projection = vector[0] as number;
      for (let column = 1; column < width; column++) projection += (vector[column] as number) * (row[column - 1] as number);
      next[0] = (next[0] as number) + projection;
      for (let column = 1; column < width; column++) next[column] = (next[column] as number) + projection * (row[column - 1] as number);
    }
    let norm = 0;
    for (let column = 0; column < width; column++) {
      next[column] = (next[column] as number) / rows.length;
      norm += (next[column] as number) ** 2;
    }
    norm = Math.sqrt(norm);
    if (norm === 0) return 1;
    eigenvalue = norm;
    for (let column = 0; column < width; column++) next[column] = (next[column] as number) / norm;
    vector = next;
  }
  return eigenvalue;
}

function fitGradient(rows: readonly ArrayLike<number>[], labels: ArrayLike<number>, l2: number, maxIterations: number, tolerance: number): LogisticRegressionFit {
  const count = rows.length;
  const width = (rows[0]?.length ?? 0) + 1;
  // The log-loss Hessian is at most XᵀX / (4n): 1/L is a step that always descends.
  const lipschitz = largestEigenvalue(rows, width) / 4 + l2;
  const step = 1 / lipschitz;
  let parameters = new Float64Array(width);
  let previous = new Float64Array(width);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations += 1;
    const momentum = (iterations - 1) / (iterations + 2);
    const lookahead = new Float64Array(width);
    for (let column = 0; column < width; column++) lookahead[column] = (parameters[column] as number) + momentum * ((parameters[column] as number) - (previous[column] as number));
    const gradient = new Float64Array(width);
    for (let index = 0; index < count; index++) {
      const row = rows[index] as ArrayLike<number>;
      let score = lookahead[0] as number;
      for (let column = 1; column < width; column++) score += (lookahead[column] as number) * (row[column - 1] as number);
      const residual = sigmoid(score) - (labels[index] as number);
      gradient[0] = (gradient[0] as number) + residual;
      for (let column = 1; column < width; column++) gradient[column] = (gradient[column] as number) + residual * (row[column - 1] as number);
    }
    let largest = 0;
    const next = new Float64Array(width);
    for (let column = 0; column < width; column++) {
      const value = (gradient[column] as number) / count + (column === 0 ? 0 : l2 * (lookahead[column] as number));
      largest = Math.max(largest, Math.abs(value));
      next[column] = (lookahead[column] as number) - step * value;
    }
    previous = parameters;
    parameters = next;
    converged = largest < tolerance;
  }
  return { model: { intercept: parameters[0] as number, coefficients: parameters.slice(1) }, iterations, converged, solver: 'gradient' };
}

/**
 * L2-regularised logistic regression, minimising mean log-loss + l2/2 · |coefficients|². Deterministic: no
 * random initialisation or sampling, so the same rows give the same model. Expects standardised inputs.
 */
export function fitLogisticRegression(rows: readonly ArrayLike<number>[], labels: ArrayLike<number>, options: LogisticRegressionOptions = {}): LogisticRegressionFit {
  if (rows.length === 0) throw new RangeError('Logistic regression needs at least one training row.');
  if (labels.length !== rows.length) throw new RangeError(`Logistic regression got ${rows.length} rows but ${labels.length} labels; pass one label per row.`);
  const width = rows[0]?.length ?? 0;
  const l2 = options.l2 ?? 1e-3;
  const solver = options.solver ?? (width < 100 ? 'newton' : 'gradient');
  if (solver === 'newton') return fitNewton(rows, labels, l2, options.maxIterations ?? 50, options.tolerance ?? 1e-8);
  return fitGradient(rows, labels, l2, options.maxIterations ?? 500, options.tolerance ?? 1e-5);
}
