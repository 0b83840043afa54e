// npm run classify < utterances.txt
// One utterance per line on stdin; one JSON object per line on stdout:
// {"text": "...", "intent": "payout_schedule", "confidence": 0.912}. Empty lines are skipped.
import { createInterface } from "node:readline";
import { classifyIntent } from "../nlu/classifier.ts";

async function main(): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.trim();
    if (text === "") continue;
    const { intent, confidence } = classifyIntent(text);
    process.stdout.write(`${JSON.stringify({ text, intent, confidence: Math.round(confidence * 1000) / 1000 })}\n`);
  }
}

await main();
