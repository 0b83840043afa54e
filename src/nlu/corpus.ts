// The utterances the classifier learns from, and the separate held-out set it is judged on.
// Both are plain JSON in the repository so anyone can add lines without touching code; the JSON
// imports are bundled by the compiler, so nothing is read from disk after start-up.
import { z } from "zod";
import heldOutJson from "./data/heldout.json" with { type: "json" };
import trainJson from "./data/train.json" with { type: "json" };
import { INTENT_IDS, type IntentId } from "./intents.ts";

export interface Example {
  intent: IntentId;
  text: string;
}

const corpusSchema = z.record(z.enum(INTENT_IDS), z.array(z.string().trim().min(1)));

function parseCorpus(name: string, json: unknown): Example[] {
  const parsed = corpusSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${name}: ${z.prettifyError(parsed.error)}`);
  const examples: Example[] = [];
  for (const intent of INTENT_IDS) {
    const texts = parsed.data[intent];
    if (!texts || texts.length === 0) throw new Error(`${name}: no examples for intent ${intent}`);
    for (const text of texts) examples.push({ intent, text });
  }
  return examples;
}

export const trainingExamples: readonly Example[] = parseCorpus("train.json", trainJson);

/** Parsed only when asked: the bot never needs it, the accuracy report and tests do. */
export function heldOutExamples(): Example[] {
  return parseCorpus("heldout.json", heldOutJson);
}
