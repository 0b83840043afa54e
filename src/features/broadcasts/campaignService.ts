// Officers define campaigns over their own communes, switch them on and off, and a second officer
// approves a big one. Rules:
// - every commune of the audience lies in the officer's area (else refused), and a campaign is
//   seen only by staff whose area covers all its communes (to anyone else it does not exist);
// - switching on counts the audience (everyone the campaign could ever reach); above the
//   broadcasts' approval threshold it fires only once another officer approved it. The approval
//   is given once, for what the campaign says: changing its rule, audience or text asks again;
//   switching it off and on again does not;
// - every change is in the audit log.
import { AppError } from "../../core/errors.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import type { StaffRole } from "../../generated/prisma/enums.ts";
import { todayInVietnam } from "../../lib/calendarDate.ts";
import { toJsonValue } from "../../lib/json.ts";
import { recordAudit } from "../audit/service.ts";
import { countAudience } from "./audience.ts";
import { BROADCAST_ROLES, coversAll } from "./access.ts";
import { campaignInputSchema, parseStoredCampaign, type CampaignInput, type StoredCampaign } from "./campaignModel.ts";

export interface CampaignActor {
  id: string;
  username: string;
  role: StaffRole;
  /** null: every commune. */
  communeIds: string[] | null;
  ip?: string | null;
}

export interface CampaignSettings {
  /** BROADCAST_APPROVAL_THRESHOLD. */
  approvalThreshold: number;
  now: Date;
}

/** Creates a campaign (no id) or changes one; returns its id. */
export async function saveCampaign(
  db: PrismaClient,
  actor: CampaignActor,
  raw: unknown,
  s: CampaignSettings,
  id?: string,
): Promise<string> {
  const parsed = campaignInputSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("bad_request", "Invalid campaign", parsed.error.issues);
  const input = parsed.data;
  await checkArea(db, actor, input.audience.communeIds);
  const content = contentOf(input);
  if (!id) {
    const approval = input.active ? await approvalFor(db, input, s) : { approvalRequired: false };
    const created = await db.campaign.create({
      data: {
        ...content,
        active: input.active,
        ...(input.active ? { activatedAt: s.now, activatedById: actor.id } : {}),
        ...approval,
        createdById: actor.id,
        createdAt: s.now,
      },
      select: { id: true },
    });
    await audit(db, actor, "campaign.create", created.id, { name: input.name, active: input.active, ...approval });
    return created.id;
  }
  const before = await loadVisible(db, actor, id);
  const changed = JSON.stringify(contentKey(before)) !== JSON.stringify(contentKey(input));
  const switchedOn = input.active && !before.active;
  const approval = input.active && (changed || switchedOn) ? await approvalFor(db, input, s) : {};
  await db.campaign.update({
    where: { id },
    data: {
      ...content,
      active: input.active,
      ...(switchedOn ? { activatedAt: s.now, activatedById: actor.id } : {}),
      // An approval covers what the campaign said when it was given.
      ...(changed ? { approvedById: null, approvedAt: null } : {}),
      ...approval,
    },
  });
  await audit(db, actor, "campaign.edit", id, { name: input.name, changed, ...approval });
  if (input.active !== before.active)
    await audit(db, actor, input.active ? "campaign.activate" : "campaign.deactivate", id, {});
  return id;
}

export async function setCampaignActive(
  db: PrismaClient,
  actor: CampaignActor,
  id: string,
  active: boolean,
  s: CampaignSettings,
): Promise<void> {
  const c = await loadVisible(db, actor, id);
  if (c.active === active) return;
  await checkArea(db, actor, c.audience.communeIds);
  const approval = active ? await approvalFor(db, c, s) : {};
  await db.campaign.update({
    where: { id },
    data: { active, ...(active ? { activatedAt: s.now, activatedById: actor.id } : {}), ...approval },
  });
  await audit(db, actor, active ? "campaign.activate" : "campaign.deactivate", id, approval);
}

export async function approveCampaign(db: PrismaClient, actor: CampaignActor, id: string, now: Date): Promise<void> {
  const c = await loadVisible(db, actor, id);
  if (!c.active || !c.approvalRequired || c.approvedAt)
    throw new AppError("conflict", "The campaign is not awaiting approval");
  // A second officer: not whoever switched it on, nor whoever wrote it.
  if (actor.id === c.activatedById || actor.id === c.createdById)
    throw new AppError("forbidden", "A campaign is approved by another officer");
  const done = await db.campaign.updateMany({
    where: { id, approvedAt: null, updatedAt: c.updatedAt },
    data: { approvedById: actor.id, approvedAt: now },
  });
  if (done.count === 0) throw new AppError("conflict", "The campaign changed meanwhile");
  await audit(db, actor, "campaign.approve", id, {});
}

/** The campaign when the staff member may see it; not_found otherwise (also for another area). */
export async function loadVisible(
  db: PrismaClient | Prisma.TransactionClient,
  viewer: Pick<CampaignActor, "role" | "communeIds">,
  id: string,
): Promise<StoredCampaign> {
  const row = BROADCAST_ROLES.includes(viewer.role) ? await db.campaign.findUnique({ where: { id } }) : null;
  const c = row ? parseStoredCampaign(row) : null;
  if (!c || !coversAll(viewer.communeIds, c.audience.communeIds)) throw new AppError("not_found", "No such campaign");
  return c;
}

/** The campaigns the staff member may see, newest first. */
export async function listVisible(
  db: PrismaClient,
  viewer: Pick<CampaignActor, "role" | "communeIds">,
): Promise<StoredCampaign[]> {
  if (!BROADCAST_ROLES.includes(viewer.role)) return [];
  const rows = await db.campaign.findMany({
    where: viewer.communeIds === null ? {} : { communeIds: { hasSome: viewer.communeIds } },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  return rows.flatMap((r) => {
    const c = parseStoredCampaign(r);
    return c && coversAll(viewer.communeIds, c.audience.communeIds) ? [c] : [];
  });
}

/** Refuses a campaign over a commune outside the officer's area, or over an unknown commune. */
export async function checkArea(
  db: PrismaClient,
  actor: Pick<CampaignActor, "role" | "communeIds">,
  communeIds: string[],
): Promise<void> {
  if (!BROADCAST_ROLES.includes(actor.role)) throw new AppError("forbidden", "Only officers define campaigns");
  if (!coversAll(actor.communeIds, communeIds))
    throw new AppError("forbidden", "A commune is outside the officer's area");
  const known = await db.commune.count({ where: { id: { in: communeIds } } });
  if (known !== new Set(communeIds).size) throw new AppError("bad_request", "Unknown commune");
}

async function approvalFor(
  db: PrismaClient,
  c: Pick<CampaignInput, "audience">,
  s: CampaignSettings,
): Promise<{ approvalRequired: boolean }> {
  const people = await countAudience(db, c.audience, { today: todayInVietnam(s.now) });
  return { approvalRequired: people > s.approvalThreshold };
}

function contentOf(input: CampaignInput) {
  return {
    name: input.name,
    trigger: toJsonValue(input.trigger),
    audience: toJsonValue(input.audience),
    template: toJsonValue(input.template),
    communeIds: [...new Set(input.audience.communeIds)].sort(),
    sendTime: input.sendTime,
  };
}

/** What an approval is given for: who gets what, and when. */
function contentKey(c: Pick<CampaignInput, "trigger" | "audience" | "template" | "sendTime">): unknown {
  return { trigger: c.trigger, audience: sorted(c.audience), template: c.template, sendTime: c.sendTime };
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted).sort();
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => !isUnset(v))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sorted(v)]),
    );
  }
  return value;
}

/** An absent filter, an empty list and an unticked box all mean "no restriction". */
function isUnset(v: unknown): boolean {
  return v === undefined || v === false || (Array.isArray(v) && v.length === 0);
}

async function audit(
  db: PrismaClient,
  actor: CampaignActor,
  action: string,
  id: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await recordAudit(db, {
    staffId: actor.id,
    actor: actor.username,
    action,
    entity: "Campaign",
    entityId: id,
    detail,
    ip: actor.ip ?? null,
  });
}
