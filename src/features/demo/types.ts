// The demo province as plain data: calendar dates are "YYYY-MM-DD" strings, instants are ISO
// strings, money is integer VND. Conversion to database values happens when it is inserted.
import type { DemoCommune } from "./province.ts";

export interface DemoBeneficiary {
  id: string;
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: "MALE" | "FEMALE";
  phone: string | null;
  address: string;
  communeCode: string;
  programme: "BTXH" | "NCC";
  decisionNo: string;
  decidedOn: string;
}

export interface DemoAccount {
  id: string;
  method: "BANK" | "EWALLET" | "MOBILE_MONEY";
  provider: string;
  accountNumber: string;
  holderName: string;
  linkedInVneid: boolean;
  status: "VERIFIED" | "PENDING";
  verifiedAt: string | null;
}

export interface DemoRelative {
  id: string;
  fullName: string;
  relation: string;
  personalId: string | null;
  phone: string | null;
}

export interface DemoAuthorisation {
  id: string;
  relativeId: string;
  validFrom: string;
  validUntil: string;
  status: "APPROVED" | "PENDING" | "EXPIRED";
  certifiedBy: string;
  decidedAt: string | null;
}

export interface DemoLine {
  kind: "MONTHLY" | "SUPPLEMENT" | "CARRIED_OVER";
  label: string;
  amount: number;
  categoryCode: string | null;
  baseLevel: number | null;
  coefficient: number | null;
  legalBasis: string | null;
}

export interface DemoPayout {
  id: string;
  month: string;
  amount: number;
  method: "BANK" | "EWALLET" | "MOBILE_MONEY" | "CASH_POINT" | "CASH_HOME";
  accountId: string | null;
  pointName: string | null;
  scheduledDate: string;
  windowStart: string | null;
  windowEnd: string | null;
  status: "SCHEDULED" | "PAID" | "FAILED" | "CARRIED_OVER";
  statusNote: string | null;
  paidAt: string | null;
  receivedBy: string | null;
  authorisationId: string | null;
  lines: DemoLine[];
}

export interface DemoPerson {
  index: number;
  beneficiary: DemoBeneficiary;
  categories: { code: string; rate: number | null; since: string }[];
  accounts: DemoAccount[];
  relatives: DemoRelative[];
  authorisations: DemoAuthorisation[];
  payouts: DemoPayout[];
}

export interface DemoPeriod {
  month: string;
  status: "SCHEDULED" | "CLOSED";
}

export interface DemoSchedule {
  month: string;
  communeCode: string;
  pointName: string;
  date: string;
  startTime: string;
  endTime: string;
}

export interface DemoData {
  province: { code: string; name: string };
  communes: readonly DemoCommune[];
  periods: DemoPeriod[];
  schedules: DemoSchedule[];
  people: DemoPerson[];
}
