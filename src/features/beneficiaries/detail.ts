// Everything an officer needs on one person's page, with ID and account numbers masked. A person
// outside the caller's area is reported as absent, exactly like an unknown id.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type {
  AccountStatus,
  AmountRule,
  AuthorisationStatus,
  BeneficiaryStatus,
  Channel,
  PayoutMethod,
  PayoutStatus,
  Programme,
  Sex,
} from "../../generated/prisma/enums.ts";
import { fromDbDate, type CalendarDate } from "../../lib/calendarDate.ts";
import { mask } from "../../lib/redact.ts";

export interface BeneficiaryDetail {
  id: string;
  fullName: string;
  personalIdMasked: string;
  dateOfBirth: CalendarDate;
  sex: Sex;
  phone: string | null;
  address: string | null;
  commune: { id: string; code: string; name: string; provinceName: string };
  programme: Programme;
  status: BeneficiaryStatus;
  statusReason: string | null;
  decisionNo: string | null;
  decidedOn: CalendarDate | null;
  note: string | null;
  categories: {
    code: string;
    name: string;
    nameEn: string;
    rule: AmountRule;
    coefficient: string | null;
    fixedAmount: number | null;
    rate: number | null;
    since: CalendarDate | null;
  }[];
  payouts: {
    id: string;
    month: CalendarDate;
    amount: number;
    method: PayoutMethod;
    provider: string | null;
    accountMasked: string | null;
    scheduledDate: CalendarDate | null;
    windowStart: string | null;
    windowEnd: string | null;
    place: string | null;
    status: PayoutStatus;
    statusNote: string | null;
    receivedBy: string | null;
  }[];
  accounts: {
    id: string;
    method: PayoutMethod;
    provider: string;
    accountMasked: string;
    holderName: string;
    linkedInVneid: boolean;
    status: AccountStatus;
  }[];
  relatives: {
    id: string;
    fullName: string;
    relation: string;
    personalIdMasked: string | null;
    phone: string | null;
  }[];
  authorisations: {
    id: string;
    relativeName: string;
    relation: string;
    validFrom: CalendarDate;
    validUntil: CalendarDate;
    status: AuthorisationStatus;
    /** Approved and today within its validity. */
    inForce: boolean;
  }[];
  chats: {
    id: string;
    channel: Channel;
    displayName: string | null;
    /** Linked as the beneficiary themself, or as one of their relatives (named). */
    linkedAs: { kind: "self" } | { kind: "relative"; name: string };
    consentGiven: boolean;
    notificationsOff: boolean;
    reachable: boolean;
  }[];
  linkCodes: { code: string; expiresAt: Date; usedAt: Date | null }[];
}

type DetailReader = Pick<PrismaClient, "beneficiary" | "chatIdentity">;

export async function getBeneficiaryDetail(
  db: DetailReader,
  communeIds: string[] | null,
  id: string,
  today: CalendarDate,
): Promise<BeneficiaryDetail | null> {
  const b = await db.beneficiary.findFirst({
    where: { id, ...(communeIds === null ? {} : { communeId: { in: communeIds } }) },
    include: {
      commune: { include: { province: { select: { name: true } } } },
      categories: { include: { category: true }, orderBy: { category: { code: "asc" } } },
      payouts: {
        orderBy: { period: { month: "desc" } },
        take: 24,
        include: { period: { select: { month: true } }, account: true, point: true },
      },
      accounts: { orderBy: { createdAt: "desc" } },
      relatives: { orderBy: { fullName: "asc" } },
      authorisations: { orderBy: { validFrom: "desc" }, include: { relative: true } },
      linkCodes: { orderBy: { createdAt: "desc" }, take: 5 },
    },
  });
  if (!b) return null;
  const relativeIds = b.relatives.map((r) => r.id);
  // Who a chat is comes from its link to this person (as themself or for them), not from which
  // person the chat happens to have selected: a relative's chat selects the person it follows.
  const chats = await db.chatIdentity.findMany({
    where: {
      OR: [
        { links: { some: { beneficiaryId: b.id } } },
        { beneficiaryId: b.id },
        ...(relativeIds.length ? [{ relativeId: { in: relativeIds } }] : []),
      ],
    },
    include: {
      relative: { select: { fullName: true } },
      links: { where: { beneficiaryId: b.id }, select: { role: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return {
    id: b.id,
    fullName: b.fullName,
    personalIdMasked: mask(b.personalId),
    dateOfBirth: fromDbDate(b.dateOfBirth),
    sex: b.sex,
    phone: b.phone,
    address: b.address,
    commune: { id: b.commune.id, code: b.commune.code, name: b.commune.name, provinceName: b.commune.province.name },
    programme: b.programme,
    status: b.status,
    statusReason: b.statusReason,
    decisionNo: b.decisionNo,
    decidedOn: b.decidedOn ? fromDbDate(b.decidedOn) : null,
    note: b.note,
    categories: b.categories.map((c) => ({
      code: c.category.code,
      name: c.category.name,
      nameEn: c.category.nameEn,
      rule: c.category.rule,
      coefficient: c.category.coefficient ? c.category.coefficient.toString() : null,
      fixedAmount: c.category.fixedAmount,
      rate: c.rate,
      since: c.since ? fromDbDate(c.since) : null,
    })),
    payouts: b.payouts.map((p) => ({
      id: p.id,
      month: fromDbDate(p.period.month),
      amount: p.amount,
      method: p.method,
      provider: p.account?.provider ?? null,
      accountMasked: p.account ? mask(p.account.accountNumber) : null,
      scheduledDate: p.scheduledDate ? fromDbDate(p.scheduledDate) : null,
      windowStart: p.windowStart,
      windowEnd: p.windowEnd,
      place: p.point ? `${p.point.name}, ${p.point.address}` : null,
      status: p.status,
      statusNote: p.statusNote,
      receivedBy: p.receivedBy,
    })),
    accounts: b.accounts.map((a) => ({
      id: a.id,
      method: a.method,
      provider: a.provider,
      accountMasked: mask(a.accountNumber),
      holderName: a.holderName,
      linkedInVneid: a.linkedInVneid,
      status: a.status,
    })),
    relatives: b.relatives.map((r) => ({
      id: r.id,
      fullName: r.fullName,
      relation: r.relation,
      personalIdMasked: r.personalId ? mask(r.personalId) : null,
      phone: r.phone,
    })),
    authorisations: b.authorisations.map((a) => {
      const validFrom = fromDbDate(a.validFrom);
      const validUntil = fromDbDate(a.validUntil);
      return {
        id: a.id,
        relativeName: a.relative.fullName,
        relation: a.relative.relation,
        validFrom,
        validUntil,
        status: a.status,
        inForce: a.status === "APPROVED" && validFrom <= today && today <= validUntil,
      };
    }),
    chats: chats.map((c) => ({
      id: c.id,
      channel: c.channel,
      displayName: c.displayName,
      linkedAs:
        (c.links[0]?.role ?? (c.beneficiaryId === b.id && c.relativeId === null ? "SELF" : "REPRESENTATIVE")) === "SELF"
          ? { kind: "self" as const }
          : { kind: "relative" as const, name: c.relative?.fullName ?? c.displayName ?? "" },
      consentGiven: c.consentAt !== null && c.consentWithdrawnAt === null,
      notificationsOff: c.notificationsOff,
      reachable: c.reachable,
    })),
    linkCodes: b.linkCodes.map((l) => ({ code: l.code, expiresAt: l.expiresAt, usedAt: l.usedAt })),
  };
}

/** The full personal ID, for the explicit "show" action only (the caller audits it). */
export async function revealPersonalId(
  db: Pick<PrismaClient, "beneficiary">,
  communeIds: string[] | null,
  id: string,
): Promise<string | null> {
  const b = await db.beneficiary.findFirst({
    where: { id, ...(communeIds === null ? {} : { communeId: { in: communeIds } }) },
    select: { personalId: true },
  });
  return b?.personalId ?? null;
}
