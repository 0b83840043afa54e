// Checks one row of a beneficiary list and turns it into values ready to compare and store. What
// a row does not say comes from its sheet: the commune and programme named in the title, the sex
// told by which "Nam | Nữ" column holds the birth date, or else by the personal ID itself.
import type { BeneficiaryStatus, Programme, Sex } from "../../generated/prisma/enums.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { cellParsers } from "./cellParsers.ts";
import type { CategoryChoice } from "./categoryWordings.ts";
import { readPersonalId } from "./personalIdCell.ts";
import { inArea, type CommuneRef, type Reference } from "./reference.ts";
import { rowReader, type RowReader, type SheetColumns } from "./rowReader.ts";
import type { TableRow } from "./table.ts";
import type { TitleFacts } from "./titleFacts.ts";
import type { RowError } from "./types.ts";
import { beneficiaryStatusOf, vocabulary } from "./vocabulary.ts";

const DECISION_WITH_DATE =
  /^(.*?\S)(?:[\s,;]+(?:ngày|ngay|ng\.)\s*|\s*[,;]\s*|\s+-\s+)(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\s*$/i;

export interface BeneficiaryInput {
  sheet: string | null;
  row: number;
  personalId: string;
  fullName: string;
  dateOfBirth: CalendarDate;
  /** The list gave the birth year only: comparisons look at the year. */
  yearOnly: boolean;
  sex: Sex;
  communeId: string;
  programme: Programme;
  categories: CategoryChoice[];
  /**
   * A category that takes a rate (or a number of children) and got none from the list: a person
   * already registered keeps the stored one, a new person cannot be added without it.
   */
  rateMissing?: { column: string; letter?: string; value: string; code: "rate_required" | "count_required" };
  /** undefined: the file has no such column, keep what is stored. */
  phone?: string | null;
  address?: string | null;
  status?: BeneficiaryStatus;
  decisionNo?: string | null;
  decidedOn?: CalendarDate | null;
  note?: string | null;
}

/**
 * One row checked: what to import, or the problems; `unpaid` when a payout list's row names a person
 * with nothing paid this month (an amount of 0 or "-": suspended, moved away), neither imported nor
 * a problem.
 */
export type RowCheck<T> = (r: TableRow) => { input: T | null; errors: RowError[]; unpaid?: true };

const MAX_TEXT = 500;

export function beneficiaryChecker(ref: Reference, cols: SheetColumns, titles: TitleFacts): RowCheck<BeneficiaryInput> {
  const areaCommunes = ref.area
    ? [...ref.area].map((id) => ref.communesById.get(id)).filter((c) => c !== undefined)
    : [];
  const sheetCommune: CommuneRef | null = titles.commune ?? (areaCommunes.length === 1 ? areaCommunes[0]! : null);
  return (r) => {
    const read = rowReader(cols, r, MAX_TEXT);
    const { err, text, optional } = read;
    const fullName = cellParsers.personName(cols.cell(r, "fullName"));
    if (fullName === "") err("fullName", "required");
    else if (fullName.length > MAX_TEXT) err("fullName", "text_too_long", { max: MAX_TEXT });
    const birth = birthAndSex(cols, r, ref, read);
    const dob = birth.dob;

    const id = readPersonalId(cols.cell(r, "personalId"), { sex: birth.sex ?? undefined, dateOfBirth: dob?.date });
    if (id.kind === "problem") for (const p of id.problems) err("personalId", p.code, p.params);
    else if (id.kind === "masked") err("personalId", "personal_id_masked");
    const personalId = id.kind === "full" ? id.id : "";
    // Without a sex column the ID tells it (its fourth digit: even for men, odd for women).
    const sex: Sex | null = birth.sex ?? (personalId ? (Number(personalId[3]) % 2 === 0 ? "MALE" : "FEMALE") : null);

    let phone = optional("phone");
    if (phone) {
      const read = cellParsers.phone(cols.cell(r, "phone"));
      phone = read.ok ? read.value : null;
      if (!read.ok) err("phone", read.code);
    }

    let commune: CommuneRef | null = null;
    if (cols.has("commune") && text("commune") !== "") {
      const c = ref.commune(text("commune"));
      if (!c.ok) err("commune", c.code, c.params);
      else commune = c.value;
    } else if (sheetCommune) commune = sheetCommune;
    else err("commune", "commune_missing");
    if (commune && !inArea(ref, commune.id)) {
      err("commune", "outside_area", { value: commune.name });
      commune = null;
    }

    const programmeText = text("programme");
    let programme: Programme | null = programmeText ? vocabulary.programme(programmeText) : null;
    if (programmeText && !programme) err("programme", "programme_invalid", { value: programmeText.slice(0, 40) });
    const age = dob ? ageOn(dob.date, ref.today) : null;
    const categoriesText = text("categories");
    let categories: CategoryChoice[] = [];
    if (categoriesText === "") err("categories", "required");
    else {
      const martyrs = cols.has("martyrs") ? cellParsers.count(cols.cell(r, "martyrs"), "martyrs_invalid") : null;
      if (martyrs && !martyrs.ok) err("martyrs", martyrs.code, martyrs.params);
      const levelText = text("disabilityLevel");
      const level = levelText === "" ? null : vocabulary.disabilityLevel(levelText);
      if (levelText !== "" && !level) err("disabilityLevel", "disability_level_invalid", { value: levelText });
      const c = ref.categories.read(categoriesText, age, martyrs?.ok ? martyrs.value : null, level);
      // Without a readable birth date the age cannot narrow the wording: the date's own line says
      // what to fix, and the category is decided (or reported) once it is.
      if (c.ok) categories = c.value;
      else if (!(c.code === "category_ambiguous" && !dob)) err("categories", c.code, c.params);
    }
    categories = ratesFromColumns(categories, ref, cols, r, read);
    const programmes = new Set(categories.map((c) => ref.categories.byCode.get(c.code)!.programme));
    programme ??= programmes.size === 1 ? [...programmes][0]! : titles.programme;
    for (const c of categories) {
      const own = ref.categories.byCode.get(c.code)!.programme;
      if (programme && own !== programme) err("categories", "category_programme", { code: c.code, programme });
    }
    if (!programme && categories.length > 0) err("programme", "required");

    let status: BeneficiaryStatus | undefined;
    const statusText = text("status");
    if (statusText !== "") {
      status = beneficiaryStatusOf(statusText) ?? undefined;
      if (!status) err("status", "status_invalid", { value: statusText.slice(0, 40) });
    }
    let decidedOn: CalendarDate | null | undefined;
    if (cols.has("decidedOn")) {
      const d = cellParsers.date(cols.cell(r, "decidedOn"), ref.today);
      if (!d.ok) err("decidedOn", d.code, d.params);
      else decidedOn = d.value;
    }
    let decisionNo = optional("decisionNo");
    // "125/QĐ-UBND ngày 15/01/2025", "126/QĐ-UBND, 15/01/2025" in one cell: the number, and the
    // date when no column gives it.
    const dated = decisionNo ? DECISION_WITH_DATE.exec(decisionNo) : null;
    if (dated) {
      decisionNo = dated[1]!;
      if (!cols.has("decidedOn")) {
        const d = cellParsers.date(dated[2]!, ref.today);
        if (!d.ok) err("decisionNo", d.code, d.params);
        else decidedOn = d.value;
      }
    }
    const house = optional("houseNumber");
    const hamlet = optional("address");
    const address = house ? [house, hamlet].filter(Boolean).join(", ") : hamlet;
    const note = optional("note");

    if (read.errors.length > 0 || !dob || !sex || !programme || !commune || !personalId)
      return { input: null, errors: read.errors };
    return {
      input: {
        sheet: cols.sheet,
        row: r.row,
        personalId,
        fullName,
        dateOfBirth: dob.date,
        yearOnly: dob.yearOnly,
        sex,
        communeId: commune.id,
        programme,
        categories,
        rateMissing: rateMissing(categories, ref, cols, text("categories")),
        phone,
        address,
        status,
        decisionNo,
        decidedOn,
        note,
      },
      errors: [],
    };
  };
}

/** The birth date (or year), and the sex when the list tells it by column. */
function birthAndSex(
  cols: SheetColumns,
  r: TableRow,
  ref: Reference,
  read: RowReader,
): { dob: { date: CalendarDate; yearOnly: boolean } | null; sex: Sex | null } {
  const { err, text } = read;
  let sex: Sex | null = null;
  let field = "dateOfBirth";
  if (cols.has("dobMale") || cols.has("dobFemale")) {
    const male = text("dobMale") !== "";
    const female = text("dobFemale") !== "";
    if (male && female) {
      err("dobFemale", "sex_both");
      return { dob: null, sex: null };
    }
    field = female ? "dobFemale" : "dobMale";
    sex = female ? "FEMALE" : male ? "MALE" : null;
  } else if (cols.has("sex")) {
    const s = text("sex");
    sex = s ? vocabulary.sex(s) : null;
    if (s && !sex) err("sex", "sex_invalid", { value: s.slice(0, 40) });
  } else if (cols.has("sexMale") || cols.has("sexFemale")) {
    const male = text("sexMale") !== "";
    const female = text("sexFemale") !== "";
    if (male && female) err("sexFemale", "sex_both");
    else sex = female ? "FEMALE" : male ? "MALE" : null;
  }
  if (cols.has("dobYear")) {
    const [d = "", m = "", y = ""] = ["dobDay", "dobMonth", "dobYear"].map((f) => text(f));
    const composed = d && m ? `${d}/${m}/${y}` : y;
    const parsed = cellParsers.birthDate(composed, ref.today);
    if (!parsed.ok) err("dobYear", parsed.code, parsed.params);
    else if (!parsed.value) err("dobYear", "required");
    return { dob: parsed.ok ? parsed.value : null, sex };
  }
  const parsed = cellParsers.birthDate(cols.cell(r, field), ref.today);
  if (!parsed.ok) err(field, parsed.code, parsed.params);
  else if (!parsed.value) err(field, "required");
  return { dob: parsed.ok ? parsed.value : null, sex };
}

/**
 * A rate or a number of children written in a column of its own ("Thương binh" | "61%", "Đơn thân
 * nuôi con" | "2") goes to the row's category that takes one. Written in both places, the two must agree.
 */
function ratesFromColumns(
  categories: CategoryChoice[],
  ref: Reference,
  cols: SheetColumns,
  r: TableRow,
  read: RowReader,
): CategoryChoice[] {
  return categories.map((c) => {
    const kind = ref.categories.byCode.get(c.code)?.rateKind;
    const field = kind === "INJURY_RATE" ? "rate" : kind === "COUNT" ? "children" : null;
    if (!field || !cols.has(field)) return c;
    const parsed = (field === "rate" ? cellParsers.percent : cellParsers.count)(cols.cell(r, field));
    if (!parsed.ok) {
      read.err(field, parsed.code, parsed.params);
      return c;
    }
    if (parsed.value === null || parsed.value === c.rate) return c;
    if (c.rate !== null) {
      read.err(field, "rate_conflict", { written: c.rate, value: parsed.value });
      return c;
    }
    // A new choice: the category reader hands out the same one for every row with the same wording.
    return { ...c, rate: parsed.value };
  });
}

function rateMissing(
  categories: CategoryChoice[],
  ref: Reference,
  cols: SheetColumns,
  value: string,
): BeneficiaryInput["rateMissing"] {
  const open = categories.find((c) => c.rate === null && ref.categories.byCode.get(c.code)?.rateKind);
  if (!open) return undefined;
  const category = ref.categories.byCode.get(open.code)!;
  return {
    column: cols.name("categories"),
    letter: cols.letter("categories"),
    value: value.slice(0, 80),
    code: category.rateKind === "COUNT" ? "count_required" : "rate_required",
  };
}

/** Whole years from a birth date to a day. */
export function ageOn(birth: CalendarDate, day: CalendarDate): number {
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  return day.slice(5) < birth.slice(5) ? years - 1 : years;
}
