// Every folded word the classifier has seen, plus the standard words the rewrites produce: the
// dictionary that decides whether an odd spelling is a typo worth repairing.
import { foldVietnamese } from "../lib/text.ts";
import { trainingExamples } from "./corpus.ts";
import { REWRITE_PASSES } from "./rewrites.ts";

function buildVocabulary(): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const w of foldVietnamese(text).split(/[^a-z]+/)) if (w.length >= 2) words.add(w);
  };
  for (const e of trainingExamples) add(e.text);
  for (const pass of REWRITE_PASSES) for (const rule of pass) add(rule.to);
  return words;
}

export const knownWords: ReadonlySet<string> = buildVocabulary();
