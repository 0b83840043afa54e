// The entry form of each policy table, filled with the row being changed (or empty for a new row):
// a provincial resolution offers only the provinces of the officer's area.
import type { TFunction } from "i18next";
import type { ChangeValue } from "../../../features/policy/changeSchema.ts";
import { RULES, type Policy } from "../../../features/policy/policySchema.ts";
import { html, type SafeHtml } from "../../../lib/html.ts";
import type { StaffContext } from "../../context.ts";
import { KINDS, PROGRAMMES, policyForm, type FormTable } from "./policyForms.ts";

/** `provinces`: those of the officer's area, offered by the provincial resolution form. */
export function entryForm(
  t: TFunction,
  staff: StaffContext,
  provinces: { code: string; name: string }[],
  table: FormTable,
  target: string | null,
  current: ChangeValue | null,
  policy: Policy,
): SafeHtml {
  const values: Record<string, string | number | boolean | null> = {};
  if (current) {
    for (const [k, v] of Object.entries(current.value)) {
      if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null) values[k] = v;
    }
    if (current.table === "BASE_LEVEL" || current.table === "CATEGORY_AMOUNT")
      values.reportedOnly = !current.value.confirmed;
    if (current.table === "CATEGORY") {
      values.includes = current.value.includes.join(", ");
      values.repealedBy = current.value.repeal?.legalBasis ?? null;
      values.replacedBy = current.value.repeal?.replacedBy ?? null;
    }
  }
  const categories = [
    { value: "", label: t("policy:wholeProgramme") },
    ...policy.categories.map((c) => ({ value: c.code, label: `${c.code} · ${c.name}` })),
  ];
  const action = `/console/policy/form/${table}`;
  const common = [{ name: "legalBasis", required: true }, { name: "source" }];
  switch (table) {
    case "BASE_LEVEL":
      return policyForm(t, staff, {
        table,
        action,
        target,
        values,
        fields: [
          { name: "programme", kind: "select", options: PROGRAMMES(t) },
          { name: "amount", kind: "money", required: true },
          { name: "effectiveFrom", kind: "month", required: true },
          { name: "appliedFrom", kind: "date" },
          { name: "reportedOnly", kind: "check" },
          ...common,
        ],
      });
    case "CATEGORY_AMOUNT":
      return policyForm(t, staff, {
        table,
        action,
        target,
        values,
        fields: [
          { name: "categoryCode", kind: "select", options: categories.slice(1) },
          { name: "effectiveFrom", kind: "month", required: true },
          { name: "coefficient", kind: "decimal" },
          { name: "amount", kind: "money" },
          { name: "baseLevel", kind: "money" },
          { name: "reportedOnly", kind: "check" },
          ...common,
        ],
      });
    case "CATEGORY":
      return policyForm(t, staff, {
        table,
        action,
        target,
        values,
        fields: [
          { name: "code", required: true },
          { name: "programme", kind: "select", options: PROGRAMMES(t) },
          { name: "name", required: true },
          { name: "nameEn", required: true },
          { name: "rule", kind: "select", options: RULES.map((r) => ({ value: r, label: t(`policy:rule.${r}`) })) },
          { name: "stackable", kind: "check" },
          {
            name: "rateKind",
            kind: "select",
            options: [
              { value: "", label: "—" },
              { value: "COUNT", label: "COUNT" },
              { value: "INJURY_RATE", label: "INJURY_RATE" },
            ],
          },
          { name: "rateTable" },
          { name: "includes" },
          { name: "effectiveFrom", kind: "date" },
          { name: "effectiveTo", kind: "date" },
          { name: "repealedBy" },
          { name: "replacedBy", kind: "select", options: [{ value: "", label: "—" }, ...categories.slice(1)] },
          ...common,
        ],
      });
    case "RESOLUTION": {
      return html`<p class="muted">${t("policy:resolutionHint")}</p>
        ${policyForm(t, staff, {
          table,
          action,
          target,
          values: { ...values, id: target },
          fields: [
            {
              name: "provinceCode",
              kind: "select",
              options: provinces.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })),
            },
            { name: "programme", kind: "select", options: PROGRAMMES(t) },
            { name: "categoryCode", kind: "select", options: categories },
            { name: "kind", kind: "select", options: KINDS(t) },
            { name: "amount", kind: "money", required: true },
            { name: "resolutionNo", required: true },
            { name: "effectiveFrom", kind: "month", required: true },
            { name: "effectiveTo", kind: "date" },
            ...common,
          ],
        })}`;
    }
  }
}
