// npm run nlu:report [-- --cv]
// Trains the intent classifier on src/nlu/data/train.json and measures it on the separate
// held-out set, as typed (with diacritics) and with every diacritic removed. Exits 1 when the
// goal is missed: 95% overall, and texts without diacritics within one point of those with them.
// --cv also prints 5-fold cross-validation on the training set, for comparing changes honestly.
import { performance } from "node:perf_hooks";
import { buildClassifier } from "../nlu/classifier.ts";
import { heldOutExamples, trainingExamples } from "../nlu/corpus.ts";
import {
  ACCURACY_GOAL,
  crossValidate,
  evaluate,
  MAX_DIACRITICS_GAP,
  withoutDiacritics,
  type Evaluation,
} from "../nlu/evaluate.ts";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);

function table(withMarks: Evaluation, withoutMarks: Evaluation): string[] {
  const lines = [
    `${"".padEnd(22)} ${"".padStart(4)}  ${"with diacritics".padEnd(24)}  without diacritics`,
    `${"intent".padEnd(22)} ${"n".padStart(4)}  ${"acc".padStart(6)} ${"prec".padStart(6)} ${"recall".padStart(6)}    ${"acc".padStart(6)} ${"prec".padStart(6)} ${"recall".padStart(6)}`,
  ];
  withMarks.byIntent.forEach((a, i) => {
    const b = withoutMarks.byIntent[i]!;
    lines.push(
      `${a.intent.padEnd(22)} ${String(a.n).padStart(4)}  ${pct(a.correct / Math.max(a.n, 1))} ${pct(a.precision)} ${pct(a.recall)}    ${pct(b.correct / Math.max(b.n, 1))} ${pct(b.precision)} ${pct(b.recall)}`,
    );
  });
  lines.push(`${"overall".padEnd(22)} ${String(withMarks.total).padStart(4)}  ${pct(withMarks.accuracy)}${"".padStart(18)}${pct(withoutMarks.accuracy)}`);
  return lines;
}

function confusions(title: string, e: Evaluation): string[] {
  if (e.confusions.length === 0) return [`${title}: none`];
  return [
    `${title}:`,
    ...e.confusions.map((c) => `  ${String(c.count).padStart(3)}  ${c.expected} → ${c.predicted}   e.g. "${c.example}"`),
  ];
}

function main(): number {
  const started = performance.now();
  const classify = buildClassifier(trainingExamples);
  const trainMs = performance.now() - started;
  const heldOut = heldOutExamples();
  const withMarks = evaluate(classify, heldOut);
  const withoutMarks = evaluate(classify, withoutDiacritics(heldOut));
  const gap = withMarks.accuracy - withoutMarks.accuracy;
  const out = [
    `Intent classifier: trained on ${trainingExamples.length} examples in ${trainMs.toFixed(0)} ms, tested on ${heldOut.length} held-out examples`,
    "",
    ...table(withMarks, withoutMarks),
    "",
    `Overall accuracy: ${pct(withMarks.accuracy).trim()} with diacritics, ${pct(withoutMarks.accuracy).trim()} without (gap ${(100 * gap).toFixed(1)} points)`,
    "",
    ...confusions("Confusions with diacritics (expected → predicted)", withMarks),
    ...confusions("Confusions without diacritics (expected → predicted)", withoutMarks),
  ];
  if (process.argv.includes("--cv")) {
    const cv = crossValidate((examples) => buildClassifier(examples), trainingExamples);
    out.push("", `5-fold cross-validation on the training set: ${pct(cv.accuracy).trim()}`);
    for (const s of cv.byIntent) out.push(`  ${s.intent.padEnd(22)} ${pct(s.recall)}`);
  }
  const met = withMarks.accuracy >= ACCURACY_GOAL && withoutMarks.accuracy >= ACCURACY_GOAL && gap <= MAX_DIACRITICS_GAP;
  out.push("", met ? `Goal met: ≥ ${pct(ACCURACY_GOAL).trim()} and within 1 point without diacritics.` : `Goal NOT met: ≥ ${pct(ACCURACY_GOAL).trim()} overall and within 1 point without diacritics.`);
  console.log(out.join("\n"));
  return met ? 0 : 1;
}

process.exitCode = main();
