// The policy entry forms: each form's fields as officers type them (amounts with dots, "1,5" for a
// coefficient, a month picker for dates), parsed once into a change value, and the HTML of each.
import type { TFunction } from "i18next";
import { z } from "zod";
import type { ChangeValue, PolicyTableName } from "../../../features/policy/changeSchema.ts";
import { changeValue } from "../../../features/policy/changeSchema.ts";
import { RESOLUTION_KINDS } from "../../../features/policy/policySchema.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import type { StaffContext } from "../../context.ts";

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const text = z.preprocess(blank, z.string().trim().nullable().default(null));
/** "540.000", "540 000", "540000" → 540000. */
const money = z.preprocess(
  (v) => (typeof v === "string" && v.trim() ? Number(v.replace(/[.\s,đ]/g, "")) : null),
  z.number().nullable(),
);
/** "1,5" or "1.5" → 1.5. */
const decimal = z.preprocess(
  (v) => (typeof v === "string" && v.trim() ? Number(v.trim().replace(",", ".")) : null),
  z.number().nullable(),
);
/** A month picker gives "2026-07"; a date field "2026-07-01". */
const day = z.preprocess(
  (v) => (typeof v === "string" && /^\d{4}-\d{2}$/.test(v.trim()) ? `${v.trim()}-01` : blank(v)),
  z.string().nullable(),
);
const flag = z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean());

export const formEnvelope = z.object({ target: text, note: text });

const forms = {
  BASE_LEVEL: z
    .object({
      programme: text,
      amount: money,
      effectiveFrom: day,
      appliedFrom: day,
      reportedOnly: flag,
      legalBasis: text,
      source: text,
    })
    .transform((f) => ({
      table: "BASE_LEVEL",
      value: {
        programme: f.programme,
        amount: f.amount,
        effectiveFrom: f.effectiveFrom,
        appliedFrom: f.appliedFrom,
        confirmed: !f.reportedOnly,
        legalBasis: f.legalBasis,
        source: f.source,
      },
    })),
  CATEGORY_AMOUNT: z
    .object({
      categoryCode: text,
      effectiveFrom: day,
      coefficient: decimal,
      amount: money,
      baseLevel: money,
      reportedOnly: flag,
      legalBasis: text,
      source: text,
    })
    .transform((f) => ({
      table: "CATEGORY_AMOUNT",
      value: { ...f, reportedOnly: undefined, confirmed: !f.reportedOnly },
    })),
  CATEGORY: z
    .object({
      code: text,
      programme: text,
      name: text,
      nameEn: text,
      rule: text,
      stackable: flag,
      rateKind: text,
      rateTable: text,
      includes: text,
      effectiveFrom: day,
      effectiveTo: day,
      repealedBy: text,
      replacedBy: text,
      legalBasis: text,
      source: text,
    })
    .transform((f) => ({
      table: "CATEGORY",
      value: {
        ...f,
        includes: (f.includes ?? "").split(/[,;\s]+/).filter(Boolean),
        repeal: f.repealedBy ? { legalBasis: f.repealedBy, replacedBy: f.replacedBy } : null,
        repealedBy: undefined,
        replacedBy: undefined,
      },
    })),
  RESOLUTION: z
    .object({
      id: text,
      provinceCode: text,
      programme: text,
      categoryCode: text,
      kind: text,
      amount: money,
      resolutionNo: text,
      effectiveFrom: day,
      effectiveTo: day,
      legalBasis: text,
      source: text,
    })
    .transform((f) => ({ table: "RESOLUTION", value: { ...f, id: f.id ?? undefined } })),
} as const;

export type FormTable = keyof typeof forms;

/** The form's fields as a change value, or the problems in words an officer can act on. */
export function parseForm(
  table: FormTable,
  body: unknown,
): { ok: true; value: ChangeValue } | { ok: false; problems: string[] } {
  const fields = forms[table].safeParse(body);
  if (!fields.success)
    return { ok: false, problems: fields.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  const value = changeValue.safeParse(fields.data);
  if (!value.success)
    return { ok: false, problems: value.error.issues.map((i) => `${i.path.slice(1).join(".")}: ${i.message}`) };
  return { ok: true, value: value.data };
}

type Values = Record<string, string | number | boolean | null | undefined>;

interface FieldSpec {
  name: string;
  kind?: "text" | "month" | "date" | "money" | "decimal" | "check" | "select" | "textarea";
  options?: { value: string; label: string }[];
  required?: boolean;
}

/** A whole entry form: the fields of a table, the note, the hidden target (the row changed). */
export function policyForm(
  t: TFunction,
  staff: StaffContext,
  o: { table: PolicyTableName; action: string; fields: FieldSpec[]; values: Values; target: string | null },
): SafeHtml {
  return html`<form method="post" action="${o.action}" class="panel policy-form" id="policy-form">
    <input type="hidden" name="_csrf" value="${staff.csrfToken}" />
    <input type="hidden" name="target" value="${o.target ?? ""}" />
    ${o.fields.map((f) => field(t, f, o.values[f.name]))}
    <div class="field">
      <label for="f-note">${t("policy:form.note")}</label><textarea id="f-note" name="note" rows="2"></textarea>
    </div>
    <p class="muted">${t("policy:form.fourEyes")}</p>
    <p>
      <button type="submit" class="primary">${t("policy:form.submit")}</button>
      <a class="btn secondary" href="/console/policy">${t("policy:form.cancel")}</a>
    </p>
  </form>`;
}

function field(t: TFunction, f: FieldSpec, value: Values[string]): SafeHtml {
  const id = `f-${f.name}`;
  const label = html`<label for="${id}">${t(`policy:field.${f.name}`)}</label>`;
  const v = value === null || value === undefined ? "" : String(value);
  switch (f.kind) {
    case "check":
      return html`<div class="field check">
        <input type="checkbox" id="${id}" name="${f.name}" ${value ? html`checked` : ""} /> ${label}
      </div>`;
    case "select":
      return html`<div class="field">
        ${label}<select id="${id}" name="${f.name}">
          ${(f.options ?? []).map((o) => html`<option value="${o.value}" ${o.value === v ? html`selected` : ""}>${o.label}</option>`)}
        </select>
      </div>`;
    case "textarea":
      return html`<div class="field">${label}<textarea id="${id}" name="${f.name}" rows="2">${v}</textarea></div>`;
    default: {
      const type = f.kind === "month" ? "month" : f.kind === "date" ? "date" : "text";
      const shown = f.kind === "month" ? v.slice(0, 7) : v;
      const mode = f.kind === "money" ? "numeric" : f.kind === "decimal" ? "decimal" : "text";
      return html`<div class="field">
        ${label}<input
          type="${type}"
          id="${id}"
          name="${f.name}"
          value="${shown}"
          inputmode="${mode}"
          ${f.required ? html`required` : ""}
        />
      </div>`;
    }
  }
}

export const PROGRAMMES = (t: TFunction) =>
  ["BTXH", "NCC"].map((p) => ({ value: p, label: t(`policy:programme.${p}`) }));
export const KINDS = (t: TFunction) =>
  RESOLUTION_KINDS.map((k) => ({ value: k, label: t(`policy:resolutionKind.${k}`) }));
