// What an officer sees before saving a campaign: the day of its next fire and how many people it
// would reach, for the daily rules the first fire within two months that reaches anyone, the
// audience as a whole (which decides whether a second officer must approve), and the message in
// both languages filled in for one of the people it would reach.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { vietnamTime } from "../../delivery/quietHours.ts";
import type { CalendarDate } from "../../lib/calendarDate.ts";
import { audienceMemberIds } from "./audience.ts";
import type { CampaignInput } from "./campaignModel.ts";
import { peopleByAuthorisationEnd, peopleByPayoutDay, pickedOn } from "./campaignPeople.ts";
import { addDays, nextFireDay } from "./campaignTrigger.ts";
import { renderTemplate, templateText, templateVarsFor, textLocale } from "./template.ts";

/** How far ahead the daily rules look for a fire that reaches someone. */
export const LOOK_AHEAD_DAYS = 60;

export interface CampaignPreview {
  nextFire: { day: CalendarDate; at: Date; people: number };
  /** Daily rules whose next fire reaches nobody: the first later fire that reaches someone. */
  nextWithPeople: { day: CalendarDate; people: number } | null;
  /** Everyone the audience rules keep today, whatever the date rule. */
  audienceTotal: number;
  needsApproval: boolean;
  texts: { vi: string; en: string; enWritten: boolean; sampleName: string | null };
}

export interface PreviewOptions {
  now: Date;
  approvalThreshold: number;
  /** When a saved campaign was switched on (default: now, as if saved now). */
  activatedAt?: Date;
  firedToday?: boolean;
}

export async function previewCampaign(
  db: PrismaClient,
  input: CampaignInput,
  o: PreviewOptions,
): Promise<CampaignPreview> {
  const activatedAt = o.activatedAt ?? o.now;
  const day = nextFireDay({ ...input, activatedAt }, o.now, o.firedToday ?? false);
  const picked = await pickedOn(db, input.trigger, input.audience.communeIds, day);
  const everyone = await audienceMemberIds(db, input.audience, { today: day });
  const reached =
    picked === "everyone" ? everyone : await audienceMemberIds(db, input.audience, { today: day, onlyIds: picked });
  const later = reached.length === 0 ? await firstFireWithPeople(db, input, day) : null;
  const sample = reached[0] ?? later?.sample ?? everyone[0] ?? null;

  // Filled in for one person it would reach; with nobody to reach, the variables stay as written.
  const text = async (locale: "vi" | "en") => {
    const vars = sample
      ? (await templateVarsFor(db, [sample], textLocale(input.template, locale), day)).get(sample)
      : undefined;
    const written = templateText(input.template, locale);
    return { text: vars ? renderTemplate(written, vars) : written, name: vars?.name ?? null };
  };
  const [vi, en] = [await text("vi"), await text("en")];
  return {
    nextFire: { day, at: vietnamTime(day, input.sendTime), people: reached.length },
    nextWithPeople: later ? { day: later.day, people: later.people } : null,
    audienceTotal: everyone.length,
    needsApproval: everyone.length > o.approvalThreshold,
    texts: {
      vi: vi.text,
      en: en.text,
      enWritten: Boolean(input.template.en),
      sampleName: vi.name,
    },
  };
}

async function firstFireWithPeople(
  db: PrismaClient,
  input: CampaignInput,
  after: CalendarDate,
): Promise<{ day: CalendarDate; people: number; sample: string } | null> {
  const t = input.trigger;
  if (t.kind === "dayOfMonth") return null;
  const first = addDays(after, t.days + 1);
  const last = addDays(after, t.days + LOOK_AHEAD_DAYS);
  const byDay =
    t.kind === "beforePayout"
      ? await peopleByPayoutDay(db, input.audience.communeIds, first, last)
      : await peopleByAuthorisationEnd(db, input.audience.communeIds, first, last);
  const all = [...new Set([...byDay.values()].flatMap((s) => [...s]))];
  if (all.length === 0) return null;
  const kept = new Set(await audienceMemberIds(db, input.audience, { today: after, onlyIds: all }));
  for (const d of [...byDay.keys()].sort()) {
    const people = [...(byDay.get(d) ?? [])].filter((id) => kept.has(id)).sort();
    if (people.length > 0) return { day: addDays(d, -t.days), people: people.length, sample: people[0]! };
  }
  return null;
}
