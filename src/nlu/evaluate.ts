// Accuracy of a classifier on labelled examples, by intent, the way the accuracy report prints it.
import { foldVietnamese } from "../lib/text.ts";
import { type IntentClassifier } from "./classifier.ts";
import { type Example, type HeldOutSets } from "./corpus.ts";
import { LONG_MESSAGE } from "./focus.ts";
import { INTENT_IDS, type IntentId } from "./intents.ts";

/** The bar: 95% on each held-out set (Vietnamese, English, long messages)… */
export const ACCURACY_GOAL = 0.95;
/** …and texts without diacritics within one point of the same texts with them. */
export const MAX_DIACRITICS_GAP = 0.01;

export interface IntentStats {
  intent: IntentId;
  /** Examples of this intent. */
  n: number;
  correct: number;
  /** Examples of any intent classified as this one. */
  predicted: number;
  precision: number;
  recall: number;
}

export interface Confusion {
  expected: IntentId;
  predicted: IntentId;
  count: number;
  example: string;
}

export interface Evaluation {
  total: number;
  correct: number;
  accuracy: number;
  byIntent: IntentStats[];
  /** Expected → predicted pairs that went wrong, most frequent first, with one example each. */
  confusions: Confusion[];
}

export function evaluate(classify: IntentClassifier, examples: readonly Example[]): Evaluation {
  return score(examples.map((e) => ({ example: e, predicted: classify(e.text).intent })));
}

/**
 * k-fold cross-validation on the training examples alone: the honest way to compare features and
 * settings without looking at the held-out set.
 */
export function crossValidate(
  train: (examples: readonly Example[]) => IntentClassifier,
  examples: readonly Example[],
  folds = 5,
): Evaluation {
  const results: { example: Example; predicted: IntentId }[] = [];
  for (let f = 0; f < folds; f++) {
    const classify = train(examples.filter((_, i) => i % folds !== f));
    examples.forEach((example, i) => {
      if (i % folds === f) results.push({ example, predicted: classify(example.text).intent });
    });
  }
  return score(results);
}

/** Every held-out message over LONG_MESSAGE characters, of any set, once. */
export function longMessages(sets: HeldOutSets): Example[] {
  const seen = new Set<string>();
  return [...sets.long, ...sets.vi, ...sets.en].filter(
    (e) => e.text.length > LONG_MESSAGE && !seen.has(e.text) && seen.add(e.text),
  );
}

/** The same examples typed without any diacritics ("Mẹ tôi mất rồi" → "me toi mat roi"). */
export function withoutDiacritics(examples: readonly Example[]): Example[] {
  return examples.map((e) => ({ intent: e.intent, text: foldVietnamese(e.text) }));
}

function score(results: readonly { example: Example; predicted: IntentId }[]): Evaluation {
  const counts = new Map(INTENT_IDS.map((i) => [i, { n: 0, correct: 0, predicted: 0 }]));
  const confusions = new Map<string, Confusion>();
  let correct = 0;
  for (const { example, predicted } of results) {
    const expected = counts.get(example.intent);
    const got = counts.get(predicted);
    if (!expected || !got) continue;
    expected.n++;
    got.predicted++;
    if (predicted === example.intent) {
      correct++;
      expected.correct++;
      continue;
    }
    const key = `${example.intent}>${predicted}`;
    const c = confusions.get(key) ?? { expected: example.intent, predicted, count: 0, example: example.text };
    c.count++;
    confusions.set(key, c);
  }
  const byIntent = INTENT_IDS.map((intent) => {
    const c = counts.get(intent) ?? { n: 0, correct: 0, predicted: 0 };
    return {
      intent,
      ...c,
      precision: c.predicted === 0 ? 1 : c.correct / c.predicted,
      recall: c.n === 0 ? 1 : c.correct / c.n,
    };
  });
  return {
    total: results.length,
    correct,
    accuracy: results.length === 0 ? 1 : correct / results.length,
    byIntent,
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count),
  };
}
