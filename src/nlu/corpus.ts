// The utterances the classifier learns from, and the separate held-out sets it is judged on, by
// language: Vietnamese (train.json, heldout.json), English (train.en.json, heldout.en.json), and
// long messages with the question somewhere inside (heldout.long.json, both languages, each over
// LONG_MESSAGE characters). Plain JSON in the repository so anyone can add lines without touching
// code; the JSON imports are bundled by the compiler, so nothing is read from disk after start-up.
import { z } from "zod";
import heldOutEnJson from "./data/heldout.en.json" with { type: "json" };
import heldOutJson from "./data/heldout.json" with { type: "json" };
import heldOutLongJson from "./data/heldout.long.json" with { type: "json" };
import trainEnJson from "./data/train.en.json" with { type: "json" };
import trainJson from "./data/train.json" with { type: "json" };
import { INTENT_IDS, type IntentId } from "./intents.ts";

export interface Example {
  intent: IntentId;
  text: string;
}

const corpusSchema = z.record(z.enum(INTENT_IDS), z.array(z.string().trim().min(1)));
const partialCorpusSchema = z.partialRecord(z.enum(INTENT_IDS), z.array(z.string().trim().min(1)));

function parseCorpus(name: string, json: unknown, everyIntent = true): Example[] {
  const parsed = (everyIntent ? corpusSchema : partialCorpusSchema).safeParse(json);
  if (!parsed.success) throw new Error(`${name}: ${z.prettifyError(parsed.error)}`);
  const examples: Example[] = [];
  for (const intent of INTENT_IDS) {
    const texts = parsed.data[intent];
    if (everyIntent && (!texts || texts.length === 0)) throw new Error(`${name}: no examples for intent ${intent}`);
    for (const text of texts ?? []) examples.push({ intent, text });
  }
  return examples;
}

export const trainingByLanguage = {
  vi: parseCorpus("train.json", trainJson),
  en: parseCorpus("train.en.json", trainEnJson),
} as const;

/** Everything the bot learns from: one model for both languages, as people mix them. */
export const trainingExamples: readonly Example[] = [...trainingByLanguage.vi, ...trainingByLanguage.en];

/** The Vietnamese held-out set. Parsed only when asked: the bot never needs it. */
export function heldOutExamples(): Example[] {
  return parseCorpus("heldout.json", heldOutJson);
}

export interface HeldOutSets {
  vi: Example[];
  en: Example[];
  /** Long messages (greetings, a story, the question inside), Vietnamese and English. */
  long: Example[];
}

export function heldOutSets(): HeldOutSets {
  return {
    vi: heldOutExamples(),
    en: parseCorpus("heldout.en.json", heldOutEnJson),
    long: parseCorpus("heldout.long.json", heldOutLongJson, false),
  };
}
