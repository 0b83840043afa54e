// One demo beneficiary, generated from the seed and their number alone, so person 1,234 is the
// same whether 2,000 or 100,000 people are generated (and files can be written one at a time).
import { AppError } from "../../core/errors.ts";
import { addMonths } from "../../lib/calendarDate.ts";
import { ID_PROVINCE_CODES } from "../../lib/personalId.ts";
import { foldVietnamese } from "../../lib/text.ts";
import { demoAmount } from "./demoAmount.ts";
import type { Policy } from "../policy/policySchema.ts";
import { familyNameOf, vietnameseName } from "./names.ts";
import { payoutHistory } from "./payoutHistory.ts";
import { pickProfile, type Profile } from "./profiles.ts";
import { communeInAddress, DEMO_COMMUNES, DEMO_ID_PROVINCE_CODE, DEMO_PROVINCE, type DemoCommune } from "./province.ts";
import { addDays, createRandom, daysBetween, demoUuid, mixSeed, type Random } from "./random.ts";
import type { DemoAccount, DemoAuthorisation, DemoPerson, DemoRelative } from "./types.ts";

export interface PersonContext {
  seed: number;
  today: string;
  policy: Policy;
  /** Months with payouts, oldest first; the last one is the next, scheduled month. */
  months: string[];
}

/** Personal-ID serials and phone numbers are bijections of the person's number: never repeated. */
export const MAX_DEMO_PEOPLE = 500_000;

const ID_CODES = [...ID_PROVINCE_CODES];
const PHONE_PREFIXES = [
  "032",
  "033",
  "034",
  "035",
  "036",
  "037",
  "038",
  "039",
  "056",
  "058",
  "059",
  "070",
  "076",
  "077",
  "078",
  "079",
  "081",
  "082",
  "083",
  "084",
  "085",
  "086",
  "088",
  "089",
  "090",
  "091",
  "093",
  "094",
  "096",
  "097",
  "098",
];
const COMMUNES = DEMO_COMMUNES.map((c) => [c, c.weight] as const);

export function generatePerson(ctx: PersonContext, index: number): DemoPerson {
  if (index < 0 || index >= MAX_DEMO_PEOPLE) throw new RangeError(`demo person number out of range: ${index}`);
  const rng = createRandom(mixSeed(ctx.seed, index));
  const commune = rng.weighted(COMMUNES);
  const hamlet = rng.int(0, commune.hamlets.length - 1);
  const profile = pickPayableProfile(rng, ctx);
  const sex = rng.chance(profile.female) ? "FEMALE" : "MALE";
  const dateOfBirth = birthDate(rng, ctx, profile.ages);
  const age = Math.floor(daysBetween(dateOfBirth, ctx.today) / 365.25);
  const fullName = vietnameseName(rng, sex, Number(dateOfBirth.slice(0, 4)));
  const hasPhone = age >= 16 && rng.chance(age >= 80 ? 0.55 : 0.85);
  const decidedOn = decisionDate(rng, ctx, dateOfBirth, profile);

  const beneficiary = {
    id: demoUuid(ctx.seed, 1, index),
    personalId: personalIdFor(rng, index, sex, dateOfBirth),
    fullName,
    dateOfBirth,
    sex,
    phone: hasPhone ? phoneFor(rng, index) : null,
    address: addressFor(rng, commune, hamlet),
    communeCode: commune.code,
    programme: profile.programme,
    decisionNo: `${rng.int(12, 980)}/QĐ-UBND`,
    decidedOn,
  } as const;
  const accounts = accountsFor(rng, ctx, index, commune, age, beneficiary);
  const { relatives, authorisations } = relativesFor(rng, ctx, index, commune, age, beneficiary);
  const person: DemoPerson = {
    index,
    beneficiary,
    categories: profile.categories.map((c) => ({
      code: c.code,
      rate: c.rate ?? null,
      since: addMonths(decidedOn.slice(0, 8) + "01", 1),
    })),
    accounts,
    relatives,
    authorisations,
    payouts: [],
  };
  person.payouts = payoutHistory(rng, ctx, person, commune, hamlet, age);
  return person;
}

// A profile whose amounts cannot be computed for every month shown (a benefit that did not exist
// yet for a clock set in the past) is replaced by another.
function pickPayableProfile(rng: Random, ctx: PersonContext): Profile {
  for (let attempt = 0; attempt < 20; attempt++) {
    const profile = pickProfile(rng);
    try {
      for (const month of ctx.months)
        demoAmount(ctx.policy, { programme: profile.programme, categories: profile.categories, month });
      return profile;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  throw new AppError("unavailable", `no demo profile can be paid for ${ctx.months.join(", ")}`);
}

// Old enough for the category for all months shown, and still young enough today.
function birthDate(rng: Random, ctx: PersonContext, [min, max]: readonly [number, number]): string {
  const latest = addMonths(ctx.today, -(min * 12 + ctx.months.length + 1));
  const earliest = addDays(addMonths(ctx.today, -max * 12), 1);
  return addDays(earliest, rng.int(0, Math.max(0, daysBetween(earliest, latest))));
}

function decisionDate(rng: Random, ctx: PersonContext, dateOfBirth: string, profile: Profile): string {
  const before = addDays(ctx.months[0]!, -1);
  const floors = [addMonths(dateOfBirth, profile.ages[0] * 12), addDays(dateOfBirth, 30), addMonths(ctx.today, -96)];
  // The social pension exists from 2025-07-01 (Decree 176/2025).
  if (profile.categories.some((c) => c.code === "SOCIAL_PENSION")) floors.push("2025-07-01");
  const from = floors.reduce((a, b) => (a > b ? a : b));
  return from >= before ? before : addDays(from, rng.int(0, daysBetween(from, before)));
}

/** 12 digits: birth-registration province, sex and century, birth year, serial (Circular 59/2021). */
export function personalIdFor(rng: Random, n: number, sex: "MALE" | "FEMALE", dateOfBirth: string): string {
  const year = Number(dateOfBirth.slice(0, 4));
  const province = rng.chance(0.75) ? DEMO_ID_PROVINCE_CODE : rng.pick(ID_CODES);
  const centuryDigit = (year >= 2000 ? 2 : 0) + (sex === "FEMALE" ? 1 : 0);
  const serial = (n * 618_033 + 271_828) % 1_000_000;
  return `${province}${centuryDigit}${String(year % 100).padStart(2, "0")}${String(serial).padStart(6, "0")}`;
}

export function phoneFor(rng: Random, n: number): string {
  return rng.pick(PHONE_PREFIXES) + String((n * 6_180_339 + 2_718_281) % 10_000_000).padStart(7, "0");
}

function addressFor(rng: Random, commune: DemoCommune, hamlet: number): string {
  const place = commune.hamlets[hamlet]!;
  const where = `${communeInAddress(commune)}, ${DEMO_PROVINCE.name.replace("Tỉnh", "tỉnh")}`;
  if (commune.kind === "PHUONG") return `Số ${rng.int(1, 180)}, ${place.replace("Tổ", "tổ")}, ${where}`;
  return `${place}, ${where}`;
}

const BANKS: readonly (readonly [{ provider: string; length: number; start: string }, number])[] = [
  [{ provider: "Agribank", length: 13, start: "3" }, 35],
  [{ provider: "VietinBank", length: 12, start: "10" }, 15],
  [{ provider: "BIDV", length: 14, start: "4" }, 15],
  [{ provider: "Vietcombank", length: 13, start: "10" }, 15],
  [{ provider: "LienVietPostBank", length: 12, start: "0" }, 20],
];

function accountsFor(
  rng: Random,
  ctx: PersonContext,
  index: number,
  commune: DemoCommune,
  age: number,
  b: { fullName: string; phone: string | null },
): DemoAccount[] {
  // Children are paid in cash to their carer; the very old open accounts less often.
  const share = age < 16 ? 0 : commune.accountShare * (age >= 85 ? 0.75 : 1.15);
  if (!rng.chance(share)) return [];
  const kind = b.phone
    ? rng.weighted([
        ["BANK", 65],
        ["MOMO", 10],
        ["VIETTEL", 15],
        ["VNPT", 10],
      ] as const)
    : "BANK";
  const verified = rng.chance(0.92);
  const verifiedAt = verified ? `${addDays(ctx.months[0]!, -rng.int(5, 400))}T03:00:00.000Z` : null;
  const holderName = foldVietnamese(b.fullName).toUpperCase();
  const common = {
    id: demoUuid(ctx.seed, 2, index * 4),
    holderName,
    status: verified ? "VERIFIED" : "PENDING",
    verifiedAt,
  } as const;
  if (kind === "BANK" || !b.phone) {
    const bank = rng.weighted(BANKS);
    const accountNumber = bank.start + rng.digits(bank.length - bank.start.length);
    // About 18 banks can be linked as the VNeID social-security account since 2025-08.
    return [
      { ...common, method: "BANK", provider: bank.provider, accountNumber, linkedInVneid: verified && rng.chance(0.3) },
    ];
  }
  if (kind === "MOMO")
    return [{ ...common, method: "EWALLET", provider: "MoMo", accountNumber: b.phone, linkedInVneid: false }];
  const provider = kind === "VIETTEL" ? "Viettel Money" : "VNPT Money";
  return [
    {
      ...common,
      method: "MOBILE_MONEY",
      provider,
      accountNumber: b.phone,
      linkedInVneid: verified && kind === "VNPT" && rng.chance(0.4),
    },
  ];
}

function relativesFor(
  rng: Random,
  ctx: PersonContext,
  index: number,
  commune: DemoCommune,
  age: number,
  b: { fullName: string; sex: "MALE" | "FEMALE"; dateOfBirth: string },
): { relatives: DemoRelative[]; authorisations: DemoAuthorisation[] } {
  const child = age < 16;
  const authorised = child ? rng.chance(0.5) : rng.chance(age >= 80 ? 0.18 : 0.07);
  if (!child && !authorised && !rng.chance(0.08)) return { relatives: [], authorisations: [] };
  const birthYear = Number(b.dateOfBirth.slice(0, 4));
  const relation = child
    ? rng.pick(["khác", "anh/chị/em"])
    : age >= 55
      ? rng.weighted([
          ["con", 6],
          ["cháu", 2],
          ["vợ/chồng", 2],
        ])
      : rng.pick(["vợ/chồng", "anh/chị/em", "con"]);
  const relYear =
    relation === "con"
      ? birthYear + rng.int(20, 35)
      : relation === "cháu"
        ? birthYear + rng.int(40, 55)
        : relation === "khác"
          ? birthYear - rng.int(25, 55)
          : birthYear + rng.int(-6, 6);
  const year = Math.min(relYear, Number(ctx.today.slice(0, 4)) - 18);
  const sex = rng.chance(0.6) ? "FEMALE" : "MALE";
  const family = relation === "con" && b.sex === "MALE" ? familyNameOf(b.fullName) : undefined;
  const relDob = `${year}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")}`;
  const relative: DemoRelative = {
    id: demoUuid(ctx.seed, 3, index * 4),
    fullName: vietnameseName(rng, sex, year, family),
    relation,
    personalId: personalIdFor(rng, MAX_DEMO_PEOPLE + index, sex, relDob),
    phone: rng.chance(0.9) ? phoneFor(rng, 5_000_000 + index) : null,
  };
  if (!authorised) return { relatives: [relative], authorisations: [] };
  return { relatives: [relative], authorisations: [authorisationFor(rng, ctx, index, commune, relative.id)] };
}

// Validity is what the document says; when it is silent, the Civil Code default of one year.
function authorisationFor(
  rng: Random,
  ctx: PersonContext,
  index: number,
  commune: DemoCommune,
  relativeId: string,
): DemoAuthorisation {
  const state = rng.weighted([
    ["APPROVED", 80],
    ["EXPIRING", 6],
    ["PENDING", 8],
    ["EXPIRED", 6],
  ] as const);
  let validFrom: string;
  if (state === "EXPIRING") validFrom = addDays(addMonths(ctx.today, -12), rng.int(3, 14));
  else if (state === "PENDING") validFrom = addDays(ctx.today, rng.int(-3, 0));
  else if (state === "EXPIRED") validFrom = addDays(addMonths(ctx.today, -12), -rng.int(5, 60));
  else validFrom = addDays(ctx.today, -rng.int(20, 330));
  const validUntil = addDays(addMonths(validFrom, 12), -1);
  return {
    id: demoUuid(ctx.seed, 4, index * 4),
    relativeId,
    validFrom,
    validUntil,
    status: state === "EXPIRING" ? "APPROVED" : state,
    certifiedBy: `UBND ${communeInAddress(commune)}`,
    decidedAt: state === "PENDING" ? null : `${addDays(validFrom, -rng.int(0, 4))}T02:30:00.000Z`,
  };
}
