// Which of the catalogue's intents a message expresses, with a confidence the conversation can
// act on: at or above CONFIDENT it answers, below it asks with buttons. The model is trained
// from the repository's own examples when this module loads (a few tens of milliseconds), so a
// call is pure arithmetic: no I/O, no waiting.
import { trainingExamples, type Example } from "./corpus.ts";
import { features } from "./features.ts";
import { INTENT_IDS, type IntentId } from "./intents.ts";
import { DEFAULT_TRAIN_OPTIONS, predictSoftmax, trainSoftmax, type SoftmaxModel, type TrainOptions } from "./model.ts";
import { NUMBER_TOKEN, normaliseVietnamese } from "./normalise.ts";
import { knownWords } from "./vocabulary.ts";

/** Below this confidence the bot should not act on the intent alone but offer choices. */
export const CONFIDENT = 0.6;

export interface IntentScore {
  intent: IntentId;
  confidence: number;
}

export interface Classification extends IntentScore {
  /** The next most likely intents, most likely first. */
  alternatives: IntentScore[];
}

export type IntentClassifier = (text: string) => Classification;

const ALTERNATIVES = 3;

/** Trains a classifier on the given examples; the bot's own one is `classifyIntent`. */
export function buildClassifier(
  examples: readonly Example[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): IntentClassifier {
  const model = trainSoftmax(
    INTENT_IDS,
    examples.map((e) => ({ label: e.intent, features: features(normaliseVietnamese(e.text)) })),
    options,
  );
  return (text) => classifyWith(model, text);
}

function classifyWith(model: SoftmaxModel<IntentId>, text: string): Classification {
  const n = normaliseVietnamese(text);
  // Nothing we recognise at all (gibberish, another language, only emoji we do not read): off topic.
  if (!n.tokens.some((t) => t !== NUMBER_TOKEN && knownWords.has(t))) {
    return { intent: "unknown", confidence: 1, alternatives: [] };
  }
  const probs = predictSoftmax(model, features(n));
  const ranked = model.labels
    .map((intent, i) => ({ intent, confidence: probs[i] ?? 0 }))
    .sort((a, b) => b.confidence - a.confidence);
  const [best, ...rest] = ranked;
  if (!best) return { intent: "unknown", confidence: 1, alternatives: [] };
  return { ...best, alternatives: rest.slice(0, ALTERNATIVES) };
}

const defaultClassifier = buildClassifier(trainingExamples);

export function classifyIntent(text: string): Classification {
  return defaultClassifier(text);
}
