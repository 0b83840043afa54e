// Officers' own wordings: a way their lists write a benefit category ("NCT cô đơn 80+"), or another
// name of a commune (its name before the 2025 merger). They are shared by everyone importing
// lists, so each addition and removal is audited; a commune's names are given only by officers
// whose area covers it.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { StaffContext } from "../../http/context.ts";
import { recordAudit } from "../audit/service.ts";
import { wordKey } from "./categoryWordings.ts";
import { bareName } from "./reference.ts";

export type AliasKind = "CATEGORY" | "COMMUNE";

export interface AliasRow {
  id: string;
  kind: AliasKind;
  wording: string;
  target: string;
  targetName: string;
  createdBy: string;
  createdAt: Date;
  mayRemove: boolean;
}

export type AddResult = { ok: true } | { ok: false; code: "wording_invalid" | "target_unknown" | "exists" };

export async function listAliases(prisma: PrismaClient, staff: StaffContext): Promise<AliasRow[]> {
  const [aliases, categories, communes] = await Promise.all([
    prisma.importAlias.findMany({ orderBy: [{ kind: "asc" }, { wording: "asc" }] }),
    prisma.benefitCategory.findMany({ select: { code: true, name: true } }),
    prisma.commune.findMany({ select: { code: true, name: true } }),
  ]);
  const names = new Map([...categories, ...communes].map((c) => [c.code, c.name]));
  return aliases.map((a) => ({
    id: a.id,
    kind: a.kind,
    wording: a.wording,
    target: a.target,
    targetName: names.get(a.target) ?? "",
    createdBy: a.createdBy,
    createdAt: a.createdAt,
    mayRemove: mayRemove(staff, a.createdById),
  }));
}

export async function addAlias(
  prisma: PrismaClient,
  staff: StaffContext,
  input: { kind: AliasKind; wording: string; target: string },
): Promise<AddResult> {
  const wording = input.wording.normalize("NFC").replace(/\s+/g, " ").trim();
  const key = input.kind === "CATEGORY" ? wordKey(wording) : bareName(wording);
  if (key === "" || wording.length > 120) return { ok: false, code: "wording_invalid" };
  const known =
    input.kind === "CATEGORY"
      ? await prisma.benefitCategory.findUnique({ where: { code: input.target }, select: { code: true } })
      : await prisma.commune.findFirst({
          where: { code: input.target, ...(staff.communeIds ? { id: { in: staff.communeIds } } : {}) },
          select: { code: true },
        });
  if (!known) return { ok: false, code: "target_unknown" };
  if (await prisma.importAlias.findUnique({ where: { kind_key: { kind: input.kind, key } } }))
    return { ok: false, code: "exists" };
  const alias = await prisma.importAlias.create({
    data: { kind: input.kind, wording, key, target: input.target, createdById: staff.id, createdBy: staff.username },
  });
  await recordAudit(prisma, {
    staffId: staff.id,
    actor: staff.username,
    action: "import.alias_add",
    entity: "ImportAlias",
    entityId: alias.id,
    detail: { kind: input.kind, wording, target: input.target },
  });
  return { ok: true };
}

export async function removeAlias(prisma: PrismaClient, staff: StaffContext, id: string): Promise<boolean> {
  const alias = await prisma.importAlias.findUnique({ where: { id } });
  if (!alias || !mayRemove(staff, alias.createdById)) return false;
  await prisma.importAlias.delete({ where: { id } });
  await recordAudit(prisma, {
    staffId: staff.id,
    actor: staff.username,
    action: "import.alias_remove",
    entity: "ImportAlias",
    entityId: id,
    detail: { kind: alias.kind, wording: alias.wording, target: alias.target },
  });
  return true;
}

/** Whoever added a wording may take it back; province officers and admins look after all of them. */
function mayRemove(staff: StaffContext, createdById: string | null): boolean {
  return (
    staff.role === "ADMIN" || staff.role === "PROVINCE_OFFICER" || (createdById !== null && createdById === staff.id)
  );
}
