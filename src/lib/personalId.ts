// Số định danh cá nhân (on căn cước / CCCD): 12 digits.
// Digits 1-3: province of birth registration; digit 4: sex and century; digits 5-6: the last two
// digits of the birth year; then 6 serial digits (Circular 59/2021/TT-BCA, art. 7).

// Province codes as issued (the 63 pre-2025 provinces; IDs keep them after the 2025 merger).
export const ID_PROVINCE_CODES = new Set([
  "001",
  "002",
  "004",
  "006",
  "008",
  "010",
  "011",
  "012",
  "014",
  "015",
  "017",
  "019",
  "020",
  "022",
  "024",
  "025",
  "026",
  "027",
  "030",
  "031",
  "033",
  "034",
  "035",
  "036",
  "037",
  "038",
  "040",
  "042",
  "044",
  "045",
  "046",
  "048",
  "049",
  "051",
  "052",
  "054",
  "056",
  "058",
  "060",
  "062",
  "064",
  "066",
  "067",
  "068",
  "070",
  "072",
  "074",
  "075",
  "077",
  "079",
  "080",
  "082",
  "083",
  "084",
  "086",
  "087",
  "089",
  "091",
  "092",
  "093",
  "094",
  "095",
  "096",
]);

export type PersonalIdProblem =
  | "format" // not 12 digits
  | "province" // unknown province code
  | "century" // sex/century digit does not match the birth year
  | "sex" // sex/century digit does not match the sex
  | "birthYear"; // digits 5-6 do not match the birth year

export interface PersonalIdFacts {
  sex?: "MALE" | "FEMALE";
  /** Calendar date "YYYY-MM-DD". */
  dateOfBirth?: string;
}

/** Checks the structure of a personal ID against what else is known; returns the problems found. */
export function personalIdProblems(id: string, facts: PersonalIdFacts = {}): PersonalIdProblem[] {
  if (!/^\d{12}$/.test(id)) return ["format"];
  const problems: PersonalIdProblem[] = [];
  if (!ID_PROVINCE_CODES.has(id.slice(0, 3))) problems.push("province");
  const d = Number(id[3]);
  // 0/1: 1900s, 2/3: 2000s, 4/5: 2100s, 6/7: 2200s, 8/9: 1800s; even = male, odd = female.
  const century = d >= 8 ? 1800 : 1900 + Math.floor(d / 2) * 100;
  const sex = d % 2 === 0 ? "MALE" : "FEMALE";
  if (facts.sex && facts.sex !== sex) problems.push("sex");
  if (facts.dateOfBirth) {
    const year = Number(facts.dateOfBirth.slice(0, 4));
    if (Math.floor(year / 100) * 100 !== century) problems.push("century");
    if (String(year % 100).padStart(2, "0") !== id.slice(4, 6)) problems.push("birthYear");
  }
  return problems;
}

/** Spreadsheets turn "001..." into a number and drop the zeros; restore them. */
export function normalisePersonalId(raw: string | number): string {
  const s = typeof raw === "number" ? String(raw) : raw.replace(/[\s.-]/g, "");
  return /^\d{10,11}$/.test(s) ? s.padStart(12, "0") : s;
}
