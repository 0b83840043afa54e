// Multinomial logistic regression (softmax) trained with AdaGrad: small, deterministic, and its
// outputs are probabilities, so the top one is an honest confidence to compare with a threshold.
import { type FeatureVector } from "./features.ts";

export interface TrainingRow<L extends string> {
  label: L;
  features: FeatureVector;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

// Chosen by cross-validation on the training set, never on the held-out set.
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 8, learningRate: 0.5, l2: 1e-4, seed: 7 };

export interface SoftmaxModel<L extends string> {
  labels: readonly L[];
  /** Feature name → its row in `weights`. */
  index: Map<string, number>;
  /** One row of per-label weights per feature, flattened. */
  weights: Float64Array;
  bias: Float64Array;
}

const NEGLIGIBLE = 1e-3;

interface SparseRow {
  target: number;
  features: Int32Array;
  values: Float64Array;
}

export function trainSoftmax<L extends string>(
  labels: readonly L[],
  rows: readonly TrainingRow<L>[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): SoftmaxModel<L> {
  const k = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const index = new Map<string, number>();
  const sparse: SparseRow[] = rows.map((row) => {
    const target = labelIndex.get(row.label);
    if (target === undefined) throw new Error(`unknown label ${row.label}`);
    const features = new Int32Array(row.features.size);
    const values = new Float64Array(row.features.size);
    let i = 0;
    for (const [name, value] of row.features) {
      let f = index.get(name);
      if (f === undefined) index.set(name, (f = index.size));
      features[i] = f;
      values[i++] = value;
    }
    return { target, features, values };
  });
  const weights = new Float64Array(index.size * k);
  const squares = new Float64Array(index.size * k).fill(1e-8);
  const bias = new Float64Array(k);
  const biasSquares = new Float64Array(k).fill(1e-8);
  const order = sparse.map((_, i) => i);
  const random = seededRandom(options.seed);
  const probs = new Float64Array(k);
  const { learningRate, l2 } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const r of order) {
      const row = sparse[r]!;
      scores(weights, bias, row.features, row.values, probs);
      softmaxInPlace(probs);
      probs[row.target]! -= 1; // now the gradient of the loss with respect to each score
      for (let c = 0; c < k; c++) {
        const g = probs[c]!;
        biasSquares[c]! += g * g;
        bias[c]! -= (learningRate * g) / Math.sqrt(biasSquares[c]!);
      }
      for (let i = 0; i < row.features.length; i++) {
        const base = row.features[i]! * k;
        const x = row.values[i]!;
        for (let c = 0; c < k; c++) {
          // Labels the model already rules out contribute nothing worth the arithmetic: skipping
          // them makes training several times faster, which keeps start-up quick.
          if (probs[c]! > -NEGLIGIBLE && probs[c]! < NEGLIGIBLE) continue;
          const g = probs[c]! * x + l2 * weights[base + c]!;
          squares[base + c]! += g * g;
          weights[base + c]! -= (learningRate * g) / Math.sqrt(squares[base + c]!);
        }
      }
    }
  }
  return { labels, index, weights, bias };
}

/** Probability of each label, in the order of `model.labels`. */
export function predictSoftmax<L extends string>(model: SoftmaxModel<L>, v: FeatureVector): Float64Array {
  const features: number[] = [];
  const values: number[] = [];
  for (const [name, value] of v) {
    const f = model.index.get(name);
    if (f === undefined) continue;
    features.push(f);
    values.push(value);
  }
  const probs = new Float64Array(model.labels.length);
  scores(model.weights, model.bias, features, values, probs);
  softmaxInPlace(probs);
  return probs;
}

function scores(
  weights: Float64Array,
  bias: Float64Array,
  features: ArrayLike<number>,
  values: ArrayLike<number>,
  out: Float64Array,
): void {
  const k = out.length;
  out.set(bias);
  for (let i = 0; i < features.length; i++) {
    const base = features[i]! * k;
    const x = values[i]!;
    for (let c = 0; c < k; c++) out[c]! += weights[base + c]! * x;
  }
}

function softmaxInPlace(a: Float64Array): void {
  let max = -Infinity;
  for (const x of a) max = Math.max(max, x);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    a[i] = Math.exp(a[i]! - max);
    sum += a[i]!;
  }
  for (let i = 0; i < a.length; i++) a[i]! /= sum;
}

// A fixed seed keeps training (and so every answer) identical from one start to the next.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function shuffle(a: number[], random: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
}
