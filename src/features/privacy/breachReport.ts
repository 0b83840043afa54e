// What a suspected personal-data breach touched, read from the audit log: every access by the
// accounts (or addresses) under suspicion within a time window, the people whose data was seen,
// exported or copied, and the kinds of data involved. It is the factual part of the notification
// the law asks for within 72 hours, and the list of people to inform.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { mask } from "../../lib/redact.ts";

export type DataKind = "identity" | "personalId" | "benefit" | "payouts" | "accounts" | "contact" | "chat" | "requests";

/** What each audited action shows of a person. Actions not listed touch no personal data. */
const ACTION_DATA: Record<string, DataKind[]> = {
  "beneficiary.view": ["identity", "benefit", "payouts", "accounts", "contact"],
  "beneficiary.reveal_id": ["personalId"],
  "privacy.chat_data_copy": ["identity", "chat"],
  "hotline.view": ["identity", "benefit", "payouts", "contact", "chat"],
  "request.view": ["identity", "contact", "requests", "accounts"],
  "request.form_open": ["identity", "personalId", "contact", "requests"],
  "export.payouts": ["identity", "personalId", "benefit", "payouts", "accounts"],
  "export.beneficiaries": ["identity", "personalId", "benefit", "contact"],
  "export.reach": ["identity", "contact"],
  "import.outside_area": ["identity", "benefit"],
};

export interface BreachQuery {
  from: Date;
  to: Date;
  /** Staff usernames under suspicion; all accounts when empty. */
  actors: string[];
  /** Addresses under suspicion; all when empty. */
  ips: string[];
}

export interface AffectedPerson {
  id: string;
  fullName: string;
  personalIdMasked: string;
  phoneMasked: string | null;
  commune: string;
  dataKinds: DataKind[];
  accesses: number;
}

export interface BreachFindings {
  query: BreachQuery;
  /** Audited actions of the window and suspects, by action. */
  actions: Record<string, number>;
  actors: string[];
  ips: string[];
  firstAt: Date | null;
  lastAt: Date | null;
  people: AffectedPerson[];
  dataKinds: DataKind[];
  byCommune: { commune: string; people: number }[];
}

export async function findBreachScope(prisma: PrismaClient, q: BreachQuery): Promise<BreachFindings> {
  const entries = await prisma.auditLog.findMany({
    where: {
      at: { gte: q.from, lte: q.to },
      ...(q.actors.length ? { actor: { in: q.actors } } : { staffId: { not: null } }),
      ...(q.ips.length ? { ip: { in: q.ips } } : {}),
    },
    orderBy: { at: "asc" },
    select: { at: true, actor: true, action: true, entity: true, entityId: true, ip: true },
  });
  const actions: Record<string, number> = {};
  const touched = new Map<string, { kinds: Set<DataKind>; accesses: number }>();
  const touch = (beneficiaryId: string, kinds: DataKind[]) => {
    const t = touched.get(beneficiaryId) ?? { kinds: new Set<DataKind>(), accesses: 0 };
    for (const k of kinds) t.kinds.add(k);
    t.accesses++;
    touched.set(beneficiaryId, t);
  };
  // The same record or commune list is often opened many times: looked up once.
  const behind = new Map<string, Promise<string[]>>();
  for (const e of entries) {
    actions[e.action] = (actions[e.action] ?? 0) + 1;
    const kinds = ACTION_DATA[e.action];
    if (!kinds || !e.entityId) continue;
    const key = `${e.entity}:${e.entityId}`;
    if (!behind.has(key)) behind.set(key, peopleBehind(prisma, e.entity, e.entityId));
    for (const id of await behind.get(key)!) touch(id, kinds);
  }
  const people = await prisma.beneficiary.findMany({
    where: { id: { in: [...touched.keys()] } },
    select: { id: true, fullName: true, personalId: true, phone: true, commune: { select: { name: true } } },
    orderBy: [{ commune: { name: "asc" } }, { fullName: "asc" }],
  });
  const affected: AffectedPerson[] = people.map((p) => {
    const t = touched.get(p.id)!;
    return {
      id: p.id,
      fullName: p.fullName,
      personalIdMasked: mask(p.personalId),
      phoneMasked: p.phone ? mask(p.phone) : null,
      commune: p.commune.name,
      dataKinds: [...t.kinds].sort(),
      accesses: t.accesses,
    };
  });
  const byCommune = new Map<string, number>();
  for (const p of affected) byCommune.set(p.commune, (byCommune.get(p.commune) ?? 0) + 1);
  return {
    query: q,
    actions,
    actors: [...new Set(entries.map((e) => e.actor))].sort(),
    ips: [...new Set(entries.flatMap((e) => (e.ip ? [e.ip] : [])))].sort(),
    firstAt: entries[0]?.at ?? null,
    lastAt: entries[entries.length - 1]?.at ?? null,
    people: affected,
    dataKinds: [...new Set(affected.flatMap((p) => p.dataKinds))].sort(),
    byCommune: [...byCommune].map(([commune, n]) => ({ commune, people: n })),
  };
}

/** The people an audited entity stands for: one person, a ticket's or request's person, a commune's list. */
async function peopleBehind(prisma: PrismaClient, entity: string | null, id: string): Promise<string[]> {
  switch (entity) {
    case "beneficiary":
      return [id];
    case "hotlineTicket": {
      const t = await prisma.hotlineTicket.findUnique({ where: { id }, select: { beneficiaryId: true } });
      return t?.beneficiaryId ? [t.beneficiaryId] : [];
    }
    case "changeRequest": {
      const r = await prisma.changeRequest.findUnique({ where: { id }, select: { beneficiaryId: true } });
      return r?.beneficiaryId ? [r.beneficiaryId] : [];
    }
    case "Commune": {
      // An exported list held everyone of the commune; people added since are counted too (the safe side).
      const people = await prisma.beneficiary.findMany({ where: { communeId: id }, select: { id: true } });
      return people.map((p) => p.id);
    }
    default:
      return [];
  }
}

/** Hours left to notify the authority, counted from when the breach was discovered. */
export function notificationDeadline(discoveredAt: Date): Date {
  return new Date(discoveredAt.getTime() + 72 * 3_600_000);
}

/** The report as Markdown in the chosen language: facts from the log, and the parts a person must write. */
export function breachReportMarkdown(
  t: (key: string, params?: Record<string, unknown>) => string,
  f: BreachFindings,
  discoveredAt: Date,
): string {
  const time = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "—");
  const lines = [
    `# ${t("breach:title")}`,
    "",
    `${t("breach:deadline", { discovered: time(discoveredAt), deadline: time(notificationDeadline(discoveredAt)) })}`,
    "",
    `## ${t("breach:facts")}`,
    `- ${t("breach:window", { from: time(f.query.from), to: time(f.query.to) })}`,
    `- ${t("breach:accounts", { list: f.actors.join(", ") || "—" })}`,
    `- ${t("breach:addresses", { list: f.ips.join(", ") || "—" })}`,
    `- ${t("breach:activity", { first: time(f.firstAt), last: time(f.lastAt) })}`,
    "",
    `| ${t("breach:action")} | ${t("breach:count")} |`,
    "|---|---|",
    ...Object.entries(f.actions)
      .sort()
      .map(([a, n]) => `| ${a} | ${n} |`),
    "",
    `## ${t("breach:subjects")}`,
    t("breach:subjectsCount", { count: f.people.length }),
    "",
    `| ${t("breach:commune")} | ${t("breach:people")} |`,
    "|---|---|",
    ...f.byCommune.map((c) => `| ${c.commune} | ${c.people} |`),
    "",
    `## ${t("breach:data")}`,
    ...f.dataKinds.map((k) => `- ${t(`breach:kind.${k}`)}`),
    "",
    t("breach:sensitive"),
    "",
    `## ${t("breach:toWrite")}`,
    ...["what", "consequences", "measures", "contact"].map((k) => `- **${t(`breach:write.${k}`)}**: …`),
    "",
    t("breach:listFile"),
    "",
  ];
  return lines.join("\n");
}

/** The people to inform, one line each (masked IDs and phones), as CSV. */
export function affectedPeopleCsv(f: BreachFindings): string {
  const cell = (v: string | number | null) => `"${String(v ?? "").replace(/"/g, '""')}"`;
  const rows = [["id", "full_name", "personal_id", "phone", "commune", "data", "accesses"].join(",")];
  for (const p of f.people)
    rows.push(
      [p.id, p.fullName, p.personalIdMasked, p.phoneMasked, p.commune, p.dataKinds.join(" "), p.accesses]
        .map(cell)
        .join(","),
    );
  return `${rows.join("\n")}\n`;
}
