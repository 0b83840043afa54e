// The demo people with their categories, accounts, relatives, authorisations and payouts.
import { randomUUID } from "node:crypto";
import { bulkWrite } from "../../db/bulkWrite.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { foldVietnamese } from "../../lib/text.ts";
import type { DemoPerson } from "./types.ts";

export interface PeopleRefs {
  communeIds: Map<string, string>;
  pointIds: Map<string, string>;
  periodIds: Map<string, string>;
  categoryIds: Map<string, string>;
  /** Staff member who approved authorisations in a commune. */
  deciderFor(communeCode: string): string | null;
  now: string;
}

export async function insertPeople(
  tx: Prisma.TransactionClient,
  people: DemoPerson[],
  refs: PeopleRefs,
): Promise<{ beneficiaries: number; payouts: number; lines: number }> {
  const { now } = refs;
  await bulkWrite.insert(
    tx,
    "Beneficiary",
    {
      id: "text",
      personalId: "text",
      personalIdLast4: "text",
      fullName: "text",
      fullNameAscii: "text",
      dateOfBirth: "date",
      sex: '"Sex"',
      phone: "text",
      address: "text",
      communeId: "text",
      programme: '"Programme"',
      decisionNo: "text",
      decidedOn: "date",
      updatedAt: "timestamp(3)",
    },
    people.map(({ beneficiary: b }) => ({
      id: b.id,
      personalId: b.personalId,
      personalIdLast4: b.personalId.slice(-4),
      fullName: b.fullName,
      fullNameAscii: foldVietnamese(b.fullName),
      dateOfBirth: b.dateOfBirth,
      sex: b.sex,
      phone: b.phone,
      address: b.address,
      communeId: need(refs.communeIds, b.communeCode),
      programme: b.programme,
      decisionNo: b.decisionNo,
      decidedOn: b.decidedOn,
      updatedAt: now,
    })),
  );
  await bulkWrite.insert(
    tx,
    "BeneficiaryCategory",
    { beneficiaryId: "text", categoryId: "text", rate: "integer", since: "date" },
    people.flatMap((p) =>
      p.categories.map((c) => ({
        beneficiaryId: p.beneficiary.id,
        categoryId: need(refs.categoryIds, c.code),
        rate: c.rate,
        since: c.since,
      })),
    ),
  );
  await bulkWrite.insert(
    tx,
    "PayoutAccount",
    {
      id: "text",
      beneficiaryId: "text",
      method: '"PayoutMethod"',
      provider: "text",
      accountNumber: "text",
      accountLast4: "text",
      holderName: "text",
      linkedInVneid: "boolean",
      status: '"AccountStatus"',
      verifiedAt: "timestamp(3)",
    },
    people.flatMap((p) =>
      p.accounts.map((a) => ({
        id: a.id,
        beneficiaryId: p.beneficiary.id,
        method: a.method,
        provider: a.provider,
        accountNumber: a.accountNumber,
        accountLast4: a.accountNumber.slice(-4),
        holderName: a.holderName,
        linkedInVneid: a.linkedInVneid,
        status: a.status,
        verifiedAt: a.verifiedAt,
      })),
    ),
  );
  await bulkWrite.insert(
    tx,
    "Relative",
    {
      id: "text",
      beneficiaryId: "text",
      fullName: "text",
      relation: "text",
      personalId: "text",
      personalIdLast4: "text",
      phone: "text",
    },
    people.flatMap((p) =>
      p.relatives.map((r) => ({
        id: r.id,
        beneficiaryId: p.beneficiary.id,
        fullName: r.fullName,
        relation: r.relation,
        personalId: r.personalId,
        personalIdLast4: r.personalId?.slice(-4) ?? null,
        phone: r.phone,
      })),
    ),
  );
  await bulkWrite.insert(
    tx,
    "Authorisation",
    {
      id: "text",
      beneficiaryId: "text",
      relativeId: "text",
      validFrom: "date",
      validUntil: "date",
      status: '"AuthorisationStatus"',
      documentsChecked: "jsonb",
      certifiedBy: "text",
      decidedAt: "timestamp(3)",
      decidedById: "text",
      updatedAt: "timestamp(3)",
    },
    people.flatMap((p) =>
      p.authorisations.map((a) => ({
        id: a.id,
        beneficiaryId: p.beneficiary.id,
        relativeId: a.relativeId,
        validFrom: a.validFrom,
        validUntil: a.validUntil,
        status: a.status,
        certifiedBy: a.certifiedBy,
        decidedAt: a.decidedAt,
        updatedAt: now,
        // Both people's căn cước and the certified authorisation letter were checked by the officer.
        documentsChecked: a.decidedAt
          ? { giayUyQuyen: true, canCuocNguoiHuong: true, canCuocNguoiNhanThay: true }
          : null,
        decidedById: a.decidedAt ? refs.deciderFor(p.beneficiary.communeCode) : null,
      })),
    ),
  );
  const payouts = people.flatMap((p) => p.payouts.map((payout) => ({ person: p, payout })));
  await bulkWrite.insert(
    tx,
    "Payout",
    {
      id: "text",
      periodId: "text",
      beneficiaryId: "text",
      amount: "integer",
      method: '"PayoutMethod"',
      accountId: "text",
      pointId: "text",
      scheduledDate: "date",
      windowStart: "text",
      windowEnd: "text",
      status: '"PayoutStatus"',
      statusNote: "text",
      paidAt: "timestamp(3)",
      receivedBy: "text",
      authorisationId: "text",
      updatedAt: "timestamp(3)",
    },
    payouts.map(({ person, payout: o }) => ({
      id: o.id,
      periodId: need(refs.periodIds, o.month),
      beneficiaryId: person.beneficiary.id,
      amount: o.amount,
      method: o.method,
      accountId: o.accountId,
      pointId: o.pointName ? need(refs.pointIds, `${person.beneficiary.communeCode}|${o.pointName}`) : null,
      scheduledDate: o.scheduledDate,
      windowStart: o.windowStart,
      windowEnd: o.windowEnd,
      status: o.status,
      statusNote: o.statusNote,
      paidAt: o.paidAt,
      receivedBy: o.receivedBy,
      authorisationId: o.authorisationId,
      updatedAt: now,
    })),
  );
  const lines = payouts.flatMap(({ payout: o }) =>
    o.lines.map((l, position) => ({
      id: randomUUID(),
      payoutId: o.id,
      kind: l.kind,
      label: l.label,
      amount: l.amount,
      categoryId: l.categoryCode ? need(refs.categoryIds, l.categoryCode) : null,
      baseLevel: l.baseLevel,
      coefficient: l.coefficient,
      legalBasis: l.legalBasis,
      position,
    })),
  );
  await bulkWrite.insert(
    tx,
    "PayoutLine",
    {
      id: "text",
      payoutId: "text",
      kind: '"PayoutLineKind"',
      label: "text",
      amount: "integer",
      categoryId: "text",
      baseLevel: "integer",
      coefficient: "numeric(6,3)",
      legalBasis: "text",
      position: "integer",
    },
    lines,
  );
  return { beneficiaries: people.length, payouts: payouts.length, lines: lines.length };
}

export function need(map: Map<string, string>, key: string): string {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo data refers to unknown ${key}`);
  return value;
}
