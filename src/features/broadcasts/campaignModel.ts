// A campaign as plain values: what an officer enters, and a stored row parsed back (its JSON
// columns are parsed with the same schemas they were written with).
import { z } from "zod";
import type { Campaign } from "../../generated/prisma/client.ts";
import { audienceSchema, type Audience } from "./audience.ts";
import { campaignTriggerSchema, DEFAULT_SEND_TIME, sendTimeSchema, type CampaignTrigger } from "./campaignTrigger.ts";
import { templateSchema, type Template } from "./template.ts";

export const campaignInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  trigger: campaignTriggerSchema,
  audience: audienceSchema,
  template: templateSchema,
  sendTime: sendTimeSchema.default(DEFAULT_SEND_TIME),
  active: z.boolean().default(false),
});
export type CampaignInput = z.infer<typeof campaignInputSchema>;

export interface StoredCampaign {
  id: string;
  name: string;
  trigger: CampaignTrigger;
  audience: Audience;
  template: Template;
  sendTime: string;
  active: boolean;
  activatedAt: Date | null;
  activatedById: string | null;
  approvalRequired: boolean;
  approvedById: string | null;
  approvedAt: Date | null;
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The stored row as values; null when its JSON no longer reads (it then never fires). */
export function parseStoredCampaign(row: Campaign): StoredCampaign | null {
  const trigger = campaignTriggerSchema.safeParse(row.trigger);
  const audience = audienceSchema.safeParse(row.audience);
  const template = templateSchema.safeParse(row.template);
  if (!trigger.success || !audience.success || !template.success) return null;
  return {
    id: row.id,
    name: row.name,
    trigger: trigger.data,
    audience: audience.data,
    template: template.data,
    sendTime: row.sendTime,
    active: row.active,
    activatedAt: row.activatedAt,
    activatedById: row.activatedById,
    approvalRequired: row.approvalRequired,
    approvedById: row.approvedById,
    approvedAt: row.approvedAt,
    createdById: row.createdById,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Whether the campaign fires at its next send time (on, and approved when it had to be). */
export function isLive(c: Pick<StoredCampaign, "active" | "approvalRequired" | "approvedAt">): boolean {
  return c.active && (!c.approvalRequired || c.approvedAt !== null);
}

export type CampaignState = "live" | "awaitingApproval" | "off";

export function campaignState(c: Pick<StoredCampaign, "active" | "approvalRequired" | "approvedAt">): CampaignState {
  if (!c.active) return "off";
  return isLive(c) ? "live" : "awaitingApproval";
}
