// A broadcast's text, written by an officer in Vietnamese (and optionally English), with variables
// filled in per person: {ho_ten} {so_tien} {ngay} {dia_diem}, or in English {name} {amount} {date}
// {place}. Amount, date and place are those of the person's next payout, else their latest one.
// A variable the product does not know is refused when the text is saved, so nobody ever receives
// a literal "{xyz}".
import type { TFunction } from "i18next";
import { z } from "zod";
import { createI18n, type I18n } from "../../core/i18n.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { addMonths, calendarDate, firstOfMonth, todayInVietnam, type CalendarDate } from "../../lib/calendarDate.ts";
import { formatDate, formatVnd } from "../../lib/format.ts";
import { PAYOUT_VIEW_INCLUDE, payoutView, SCHEDULE_VIEW_INCLUDE } from "../payouts/repository.ts";
import type { PayoutView } from "../payouts/types.ts";

export interface TemplateVars {
  name: string;
  amount: string;
  date: string;
  place: string;
}

const ALIASES: Record<string, keyof TemplateVars> = {
  ho_ten: "name",
  so_tien: "amount",
  ngay: "date",
  dia_diem: "place",
  name: "name",
  amount: "amount",
  date: "date",
  place: "place",
};

const VARIABLE = /\{([a-zA-Z_]+)\}/g;
export const TEMPLATE_MAX_CHARS = 1500;

const text = z
  .string()
  .trim()
  .min(1)
  .max(TEMPLATE_MAX_CHARS)
  .refine((t) => unknownVariables(t).length === 0, { message: "unknown_variable" });

export const templateSchema = z.object({
  vi: text,
  en: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), text.optional()),
});
export type Template = z.infer<typeof templateSchema>;

/** Variables in the text that the product does not fill, e.g. ["ho_tn"]. */
export function unknownVariables(t: string): string[] {
  return [...t.matchAll(VARIABLE)].map((m) => m[1]!).filter((v) => !(v in ALIASES));
}

export function renderTemplate(t: string, vars: TemplateVars): string {
  return t.replace(VARIABLE, (whole, name: string) => {
    const key = ALIASES[name];
    return key ? vars[key] : whole;
  });
}

/** The text a reader in `locale` gets: English when written and asked for, else Vietnamese. */
export function templateText(template: Template, locale: string): string {
  return template.en && textLocale(template, locale) === "en" ? template.en : template.vi;
}

/**
 * The language of the text a reader in `locale` gets, which is the language its values are
 * written in: an English reader of a broadcast written only in Vietnamese gets "1.250.000 đ" and
 * "tại nhà", not "1,250,000 VND" and "at home" in the middle of a Vietnamese sentence.
 */
export function textLocale(template: Template, locale: string): "vi" | "en" {
  return locale === "en" && template.en ? "en" : "vi";
}

type Db = PrismaClient | Prisma.TransactionClient;

/** Each person's variables, formatted for the locale; people not found are left out. */
export async function templateVarsFor(
  db: Db,
  beneficiaryIds: string[],
  locale: "vi" | "en",
  today?: CalendarDate,
): Promise<Map<string, TemplateVars>> {
  const t = (await texts()).t(locale);
  const day = today ?? todayInVietnam();
  const people = await db.beneficiary.findMany({
    where: { id: { in: beneficiaryIds } },
    select: { id: true, fullName: true, communeId: true },
  });
  // Next payouts are at most a few months ahead; the latest one a few months back is enough.
  const rows = await db.payout.findMany({
    where: {
      beneficiaryId: { in: beneficiaryIds },
      period: { month: { gte: calendarDate(addMonths(firstOfMonth(day), -6)) } },
    },
    orderBy: { period: { month: "desc" } },
    include: PAYOUT_VIEW_INCLUDE,
  });
  const schedules = await db.payoutSchedule.findMany({
    where: {
      periodId: { in: [...new Set(rows.map((r) => r.periodId))] },
      communeId: { in: [...new Set(people.map((p) => p.communeId))] },
    },
    orderBy: [{ date: "asc" }, { startTime: "asc" }],
    include: SCHEDULE_VIEW_INCLUDE,
  });
  const communeOf = new Map(people.map((p) => [p.id, p.communeId]));
  const views = new Map<string, PayoutView[]>();
  for (const r of rows) {
    const inPeriod = schedules.filter(
      (s) => s.periodId === r.periodId && s.communeId === communeOf.get(r.beneficiaryId),
    );
    views.set(r.beneficiaryId, [...(views.get(r.beneficiaryId) ?? []), payoutView(r, inPeriod)]);
  }
  const unknown = t("broadcasts:vars.unknown");
  const out = new Map<string, TemplateVars>();
  for (const p of people) {
    const list = views.get(p.id) ?? [];
    // Newest first: the earliest payout still to come, else the newest one.
    const v = [...list].reverse().find((x) => isUpcoming(x, day)) ?? list[0];
    out.set(p.id, {
      name: p.fullName,
      amount: v ? formatVnd(v.amount, locale) : unknown,
      date: v?.date ? formatDate(v.date) : unknown,
      place: v ? placeText(t, v) || unknown : unknown,
    });
  }
  return out;
}

function placeText(t: TFunction, v: PayoutView): string {
  if (v.method === "CASH_HOME") return t("broadcasts:vars.home");
  if (v.place) return `${v.place.name}, ${v.place.address}`;
  if (v.account) return t("broadcasts:vars.account", { provider: v.account.provider });
  return "";
}

function isUpcoming(v: PayoutView, today: CalendarDate): boolean {
  if (v.status !== "SCHEDULED") return false;
  return v.date ? v.date >= today : v.month >= firstOfMonth(today);
}

// The texts of the variables (home, account, not known) come from the locale files, read once.
let loaded: Promise<I18n> | null = null;
function texts(): Promise<I18n> {
  loaded ??= createI18n();
  return loaded;
}
