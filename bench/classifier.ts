// How long the intent classifier takes per message, on the held-out questions people really ask
// (Vietnamese, English, long ones): every chat message goes through it before anything else.
//   npm run bench -- classifier [--rounds 20]
// Goal: well under a millisecond per message (p99 ≤ 1 ms), so it never shows in the reply time.
import { parseArgs } from "node:util";
import { classifyIntent } from "../src/nlu/classifier.ts";
import { heldOutSets } from "../src/nlu/corpus.ts";

export async function classifierBenchmark(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { rounds: { type: "string", default: "20" } } });
  const rounds = Number(values.rounds);
  const sets = heldOutSets();
  const texts = [...sets.vi, ...sets.en, ...sets.long].map((e) => e.text);
  // Warm-up: the model is built and the JIT settles on the first calls.
  for (const t of texts) classifyIntent(t);
  const micros: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) {
      const t0 = performance.now();
      classifyIntent(t);
      micros.push((performance.now() - t0) * 1000);
    }
  }
  micros.sort((a, b) => a - b);
  const at = (q: number) => micros[Math.min(micros.length - 1, Math.floor(q * micros.length))] ?? 0;
  console.log(`${texts.length} messages × ${rounds} rounds`);
  console.log(
    `per message: p50 ${at(0.5).toFixed(0)} µs, p99 ${at(0.99).toFixed(0)} µs, max ${at(1).toFixed(0)} µs ` +
      `(goal p99 ≤ 1000 µs, ratio ${(at(0.99) / 1000).toFixed(2)})`,
  );
  await Promise.resolve();
}
