// Checks each row of a beneficiary list and turns it into values ready to compare and store.
import type { BeneficiaryStatus, Programme, Sex } from "../../generated/prisma/enums.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { personalIdProblems } from "../../lib/personalId.ts";
import { normalisePhone } from "../../lib/phone.ts";
import { cellParsers, type Params } from "./cellParsers.ts";
import type { Columns } from "./columns.ts";
import { inArea, type Reference } from "./reference.ts";
import { rowReader } from "./rowReader.ts";
import type { RowError } from "./types.ts";
import { vocabulary } from "./vocabulary.ts";

export interface BeneficiaryInput {
  row: number;
  personalId: string;
  fullName: string;
  dateOfBirth: CalendarDate;
  sex: Sex;
  communeId: string;
  programme: Programme;
  categories: { categoryId: string; code: string; rate: number | null }[];
  /** undefined: the file has no such column, keep what is stored. */
  phone?: string | null;
  address?: string | null;
  status?: BeneficiaryStatus;
  decisionNo?: string | null;
  decidedOn?: CalendarDate | null;
  note?: string | null;
}

const MAX_TEXT = 500;

export function beneficiaryRows(cols: Columns, ref: Reference): { rows: BeneficiaryInput[]; errors: RowError[] } {
  const rows: BeneficiaryInput[] = [];
  const errors: RowError[] = [];
  const firstRowOf = new Map<string, number>();

  for (const r of cols.dataRows) {
    const { errors: rowErrors, err, text, required, optional, personalId: readId } = rowReader(cols, r, MAX_TEXT);
    const personalId = readId();
    const fullName = required("fullName");

    const dob = cellParsers.date(cols.cell(r, "dateOfBirth"), ref.today);
    if (!dob.ok) err("dateOfBirth", dob.code, dob.params);
    else if (dob.value === null) err("dateOfBirth", "required");

    const sexText = text("sex");
    const sex = vocabulary.sex(sexText);
    if (sexText === "") err("sex", "required");
    else if (!sex) err("sex", "sex_invalid", { value: sexText.slice(0, 40) });

    if (personalId !== "") {
      const facts = { sex: sex ?? undefined, dateOfBirth: dob.ok && dob.value ? dob.value : undefined };
      for (const p of personalIdProblems(personalId, facts)) err("personalId", `personal_id_${p}`);
      const first = firstRowOf.get(personalId);
      if (first !== undefined) err("personalId", "duplicate_row", { firstRow: first });
      else firstRowOf.set(personalId, r.row);
    }

    let phone = optional("phone");
    if (phone) {
      const raw = cols.cell(r, "phone");
      phone = normalisePhone(typeof raw === "number" ? raw : phone);
      if (phone === null) err("phone", "phone_invalid");
    }

    const communeText = text("commune");
    let communeId = "";
    if (communeText === "") err("commune", "required");
    else {
      const c = ref.commune(communeText);
      if (!c.ok) err("commune", c.code, c.params);
      else if (!inArea(ref, c.value.id)) err("commune", "outside_area", { value: communeText.slice(0, 60) });
      else communeId = c.value.id;
    }

    const programmeText = text("programme");
    const programme = vocabulary.programme(programmeText);
    if (programmeText === "") err("programme", "required");
    else if (!programme) err("programme", "programme_invalid", { value: programmeText.slice(0, 40) });

    const categories = parseCategories(text("categories"), programme, ref, (code, params) => err("categories", code, params));

    let status: BeneficiaryStatus | undefined;
    const statusText = text("status");
    if (statusText !== "") {
      status = vocabulary.beneficiaryStatus(statusText) ?? undefined;
      if (!status) err("status", "status_invalid", { value: statusText.slice(0, 40) });
    }

    const decisionNo = optional("decisionNo");
    let decidedOn: CalendarDate | null | undefined;
    if (cols.has("decidedOn")) {
      const d = cellParsers.date(cols.cell(r, "decidedOn"), ref.today);
      if (!d.ok) err("decidedOn", d.code, d.params);
      else decidedOn = d.value;
    }
    const address = optional("address");
    const note = optional("note");

    if (rowErrors.length > 0 || !sex || !programme || !dob.ok || !dob.value) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      row: r.row, personalId, fullName, dateOfBirth: dob.value, sex, communeId, programme, categories,
      phone, address, status, decisionNo, decidedOn, note,
    });
  }
  return { rows, errors };
}

/** "BTXH_OLD_80; NCC_WAR_INVALID:41" — codes separated by ";" or ",", an optional ":rate" each. */
function parseCategories(
  text: string,
  programme: Programme | null,
  ref: Reference,
  err: (code: string, params?: Params) => void,
): BeneficiaryInput["categories"] {
  const out: BeneficiaryInput["categories"] = [];
  const parts = text.split(/[;,]/).map((p) => p.trim()).filter((p) => p !== "");
  if (parts.length === 0) err("required");
  for (const part of parts) {
    const m = /^([A-Za-z0-9_]+)\s*(?::\s*(\d{1,3}))?$/.exec(part);
    if (!m) {
      err("category_invalid", { value: part.slice(0, 40) });
      continue;
    }
    const code = m[1]!.toUpperCase();
    const category = ref.categories.get(code);
    if (!category) err("category_unknown", { code });
    else if (programme && category.programme !== programme) err("category_programme", { code, programme });
    else if (!out.some((c) => c.code === code)) {
      out.push({ categoryId: category.id, code, rate: m[2] === undefined ? null : Number(m[2]) });
    }
  }
  return out;
}
