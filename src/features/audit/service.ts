// Who saw or changed what: every access to personal data by staff and every change is recorded.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { toJsonValue } from "../../lib/json.ts";
import { redactValue } from "../../lib/redact.ts";

export interface AuditEntry {
  staffId?: string | null;
  actor: string;
  action: string;
  entity?: string;
  entityId?: string;
  detail?: Record<string, unknown>;
  ip?: string | null;
  /** The service's clock (limits counted from the log compare with it); the database's otherwise. */
  at?: Date;
}

type AuditWriter = Pick<PrismaClient, "auditLog">;

export async function recordAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      ...(entry.at ? { at: entry.at } : {}),
      staffId: entry.staffId ?? null,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity ?? null,
      entityId: entry.entityId ?? null,
      detail: entry.detail ? toJsonValue(redactValue(entry.detail)) : undefined,
      ip: entry.ip ?? null,
    },
  });
}
