// Reads a personal ID the ways spreadsheets hold it: a number that lost its leading zeros (every
// ID starts with 0, as province codes run 001-096), text with spaces or non-breaking spaces, a
// CSV field Excel wrote from such a number, or a masked ID ("••••••••1234") from our own printed
// lists. An ID of the wrong length is explained as such, never as a wrong province or sex.
import { personalIdProblems, type PersonalIdFacts } from "../../lib/personalId.ts";
import type { Params } from "./cellParsers.ts";
import type { Cell } from "./table.ts";

export type IdReading =
  | { kind: "full"; id: string }
  | { kind: "masked"; last4: string }
  | { kind: "problem"; problems: { code: string; params: Params }[] };

const MASK = /^[•●*xX.]{3,}(\d{4})$/;

export function readPersonalId(cell: Cell, facts: PersonalIdFacts): IdReading {
  if (cell === null || cell === "") return problem("required");
  if (typeof cell === "number") {
    if (!Number.isSafeInteger(cell) || cell <= 0)
      return problem("personal_id_format", { value: String(cell).slice(0, 20) });
    const digits = String(cell);
    if (digits.length > 12) return problem("personal_id_length", { digits: digits.length });
    if (digits.length === 9) return problem("personal_id_cmnd");
    if (digits.length === 12) return checked(digits, facts, 12);
    // Most likely the number format dropped the leading zeros; restoring them gives the ID when it
    // is well formed. Otherwise the officer sees a cell of 10 or 11 digits: a missing digit is the
    // explanation that fits what they see, not a wrong province or sex of the padded number.
    const padded = digits.padStart(12, "0");
    if (personalIdProblems(padded, facts).length === 0) return { kind: "full", id: padded };
    return problem("personal_id_length", { digits: digits.length });
  }
  // "1,15001E+11": a CSV saved from a number column Excel showed in scientific form. The digits
  // past the sixth are gone; only the officer's workbook still has them.
  if (/^\d[.,]\d*E\+?\d{1,2}$/i.test(String(cell).trim())) return problem("personal_id_scientific");
  const text = String(cell).replace(/[\s\u00a0\u200b'’.-]/g, "");
  const masked = MASK.exec(text);
  if (masked) return { kind: "masked", last4: masked[1]! };
  if (!/^\d+$/.test(text)) return problem("personal_id_format", { value: String(cell).slice(0, 20) });
  if (text.length === 12) return checked(text, facts, 12);
  if (text.length === 9) return problem("personal_id_cmnd");
  // A CSV saved from a number column has no leading zero; typed text that starts with 0 and is
  // short is a missing digit. The padded reading is kept only if it is a well-formed ID.
  if ((text.length === 10 || text.length === 11) && !text.startsWith("0")) {
    const padded = text.padStart(12, "0");
    if (personalIdProblems(padded, facts).length === 0) return { kind: "full", id: padded };
  }
  return problem("personal_id_length", { digits: text.length });
}

function checked(id: string, facts: PersonalIdFacts, shownDigits: number): IdReading {
  const problems = personalIdProblems(id, facts);
  if (problems.length === 0) return { kind: "full", id };
  if (problems.includes("format")) return problem("personal_id_length", { digits: shownDigits });
  return { kind: "problem", problems: problems.map((p) => ({ code: `personal_id_${p}`, params: {} })) };
}

function problem(code: string, params: Params = {}): IdReading {
  return { kind: "problem", problems: [{ code, params }] };
}
