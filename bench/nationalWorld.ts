// A country for the national benchmark, written straight into PostgreSQL the way the service
// reads it: 34 provinces and 3,321 communes, n beneficiaries (personal IDs and account numbers
// sealed with the service's keys and keyed hashes, as fieldCipher.ts does), two payout points per
// commune with a schedule each month, 12 monthly periods of payouts (the newest SCHEDULED, still
// to be paid), accounts opened over the year, chats (own and relatives'), approved authorisations,
// last month's notices with their messages, a broadcast, requests and tickets.
// Rows are made by set-based INSERT … SELECT over generate_series (ids are UUIDs derived from the
// row number, so a person's rows find each other); the values that must be encrypted are made in
// this process and passed as arrays (unnest). Payout lines are written only for carried-over
// amounts (the only lines a notice reads). Person i's traits come from r(i) = i × 6007 mod 1000:
//   r < 300 own chat (Telegram or Zalo), 300–419 a relative's chat, 420–469 an authorised relative
//   with a phone; i mod 50 = 0 deceased, i mod 37 = 0 suspended; 60% have a phone; ~35% an account.
import type pg from "pg";
import type { FieldCipher, HashPurpose } from "../src/db/fieldCipher.ts";
import { COMMUNE_COUNT, communeOf, communeOfSql, PROVINCES, provinceOfCommune } from "./nationalProvinces.ts";

export const MONTHS = 12;
const BATCH = 50_000;

export interface NationalWorldOptions {
  beneficiaries: number;
  /** The newest period, "YYYY-MM-01": the month whose notices are planned. */
  lastMonth: string;
  log: (line: string) => void;
}

/** SQL helpers: the id of row `i` of a kind, as a UUID text. */
const uid = (prefix: string, i: string) => `md5('${prefix}' || ${i})::uuid::text`;
const R = (i: string) => `((${i}::bigint * 6007) % 1000)`;
const HAS_ACCOUNT = (i: string) => `((${i}::bigint * 104729) % 1000 < 350)`;

// Tables loaded without their secondary indexes, which are built once at the end: a sorted build
// is many times faster than inserting millions of random UUID keys one by one.
const BULK_TABLES = [
  "Beneficiary",
  "PayoutAccount",
  "Payout",
  "PayoutNotice",
  "ChatIdentity",
  "ChatLink",
  "Relative",
  "OutboundMessage",
  "BroadcastDelivery",
];

/**
 * Builds the world on one connection with foreign-key triggers off (session_replication_role =
 * replica: the rows are consistent by construction) and the secondary indexes of the big tables
 * dropped while loading, then rebuilt exactly as the migrations define them.
 */
export async function buildNationalWorld(pool: pg.Pool, cipher: FieldCipher, o: NationalWorldOptions): Promise<void> {
  const db = await pool.connect();
  try {
    await db.query(
      `SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '1GB'`,
    );
    const { rows: indexes } = await db.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype = 'p')`,
      [BULK_TABLES],
    );
    for (const i of indexes) await db.query(`DROP INDEX "${i.name}"`);
    await load(db, cipher, o);
    const t0 = performance.now();
    for (const i of indexes) await db.query(i.def);
    o.log(`  ${indexes.length} indexes built: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const t1 = performance.now();
    await db.query("VACUUM ANALYZE");
    o.log(`  VACUUM ANALYZE: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  } finally {
    db.release();
  }
}

async function load(db: pg.PoolClient, cipher: FieldCipher, o: NationalWorldOptions): Promise<void> {
  const n = o.beneficiaries;
  const step = async (label: string, sql: string | (() => Promise<unknown>)) => {
    const t0 = performance.now();
    if (typeof sql === "string") await db.query(sql);
    else await sql();
    o.log(`  ${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  };
  const month = (j: number | string) => `(DATE '${o.lastMonth}' - make_interval(months => ${MONTHS} - ${j}))::date`;
  // The commune's payout day in a month: the 5th to the 19th.
  const payDay = (j: string, c: string) => `(${month(j)} + ((${c}) % 15 + 4)::int)`;

  await step("provinces and communes", async () => {
    const values = PROVINCES.map((p, k) => `(${k + 1}, '${p.code}', '${p.name}')`).join(", ");
    await db.query(
      `INSERT INTO "Province" (id, code, name) SELECT ${uid("np", "k")}, code, name FROM (VALUES ${values}) AS v(k, code, name)`,
    );
    const ranges: string[] = [];
    let start = 1;
    PROVINCES.forEach((p, k) => {
      ranges.push(`(${k + 1}, ${start}, ${start + p.communes - 1}, '${p.code}')`);
      start += p.communes;
    });
    await db.query(`
      INSERT INTO "Commune" (id, code, name, kind, "provinceId")
      SELECT ${uid("nc", "c")}, v.code || lpad((c - v.first + 1)::text, 3, '0'), 'Xã Số ' || (c - v.first + 1),
        CASE WHEN c % 5 = 0 THEN 'PHUONG'::"CommuneKind" ELSE 'XA'::"CommuneKind" END, ${uid("np", "v.k")}
      FROM (VALUES ${ranges.join(", ")}) AS v(k, first, last, code), generate_series(v.first, v.last) AS c`);
    await db.query(`
      INSERT INTO "PayoutPoint" (id, "communeId", name, address)
      SELECT ${uid("npt", "c || ':' || k")}, ${uid("nc", "c")}, 'Nhà văn hóa thôn ' || (k + 1), 'Thôn ' || (k + 1)
      FROM generate_series(1, ${COMMUNE_COUNT}) AS c, generate_series(0, 1) AS k`);
  });

  await step(`${n.toLocaleString("en")} beneficiaries (personal IDs sealed)`, async () => {
    await sealedBatches(cipher, "personalId", n, personalId, (batch) =>
      db.query(
        `INSERT INTO "Beneficiary" (id, "personalId", "personalIdHash", "personalIdLast4", "fullName", "fullNameAscii", "dateOfBirth", sex,
           phone, address, "communeId", programme, status, "updatedAt")
         SELECT ${uid("nb", "k.i")}, k.sealed, k.hash, k.last4,
           (ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng'])[k.i % 10 + 1] || CASE WHEN k.i % 2 = 0 THEN ' Văn ' ELSE ' Thị ' END
             || (ARRAY['An','Bình','Cúc','Dũng','Hoa','Lan','Minh','Nga','Phúc','Sơn','Tâm','Yến'])[k.i % 12 + 1],
           (ARRAY['nguyen','tran','le','pham','hoang','huynh','phan','vu','vo','dang'])[k.i % 10 + 1] || CASE WHEN k.i % 2 = 0 THEN ' van ' ELSE ' thi ' END
             || (ARRAY['an','binh','cuc','dung','hoa','lan','minh','nga','phuc','son','tam','yen'])[k.i % 12 + 1],
           make_date(${BIRTH_YEAR_SQL("k.i")}, k.i % 12 + 1, k.i % 28 + 1), CASE WHEN k.i % 2 = 0 THEN 'MALE'::"Sex" ELSE 'FEMALE'::"Sex" END,
           CASE WHEN (k.i::bigint * 7907) % 1000 < 600 THEN '09' || lpad((k.i % 100000000)::text, 8, '0') END,
           'Thôn ' || (k.i % 12 + 1), ${uid("nc", communeOfSql("k.i"))},
           CASE WHEN k.i % 3 = 0 THEN 'NCC'::"Programme" ELSE 'BTXH'::"Programme" END,
           CASE WHEN k.i % 50 = 0 THEN 'DECEASED'::"BeneficiaryStatus" WHEN k.i % 37 = 0 THEN 'SUSPENDED'::"BeneficiaryStatus" ELSE 'ACTIVE'::"BeneficiaryStatus" END,
           now()
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS k(i, sealed, hash, last4)`,
        batch,
      ),
    );
  });
  await step("categories", async () => {
    const { rows } = await db.query<{ code: string; id: string }>(`SELECT code, id FROM "BenefitCategory"`);
    const ids = (codes: string[]) =>
      codes.map((code) => {
        const found = rows.find((r) => r.code === code);
        if (!found) throw new Error(`no category ${code}: the policy files were not loaded`);
        return `'${found.id}'`;
      });
    const ncc = ids(["NCC_MARTYR_RELATIVE_1", "NCC_WAR_INVALID", "NCC_HEROIC_MOTHER"]);
    const btxh = ids([
      "SOCIAL_PENSION",
      "BTXH_OLD_80",
      "BTXH_SEVERE_DISABILITY_ADULT",
      "BTXH_OLD_60_80_POOR",
      "SOCIAL_PENSION",
    ]);
    await db.query(`
      INSERT INTO "BeneficiaryCategory" ("beneficiaryId", "categoryId")
      SELECT ${uid("nb", "i")}, CASE WHEN i % 3 = 0 THEN (ARRAY[${ncc.join(", ")}])[i % 7 % 3 + 1] ELSE (ARRAY[${btxh.join(", ")}])[i % 5 + 1] END
      FROM generate_series(1, ${n}) AS i`);
  });

  await step("accounts (numbers sealed)", async () => {
    const accountNumber = (i: number) => ((i * 104729) % 1000 < 350 ? `19${String(i).padStart(10, "0")}` : null);
    await sealedBatches(cipher, "accountNumber", n, accountNumber, (batch) =>
      db.query(
        `INSERT INTO "PayoutAccount" (id, "beneficiaryId", method, provider, "accountNumber", "accountNumberHash", "accountLast4", "holderName", status, "verifiedAt")
         SELECT ${uid("na", "k.i")}, ${uid("nb", "k.i")}, (ARRAY['BANK', 'EWALLET', 'MOBILE_MONEY'])[k.i % 3 + 1]::"PayoutMethod",
           (ARRAY['Agribank', 'Viettel Money', 'VNPT Money'])[k.i % 3 + 1], k.sealed, k.hash, k.last4, 'Người Số ' || k.i, 'VERIFIED', now()
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS k(i, sealed, hash, last4)`,
        batch,
      ),
    );
  });

  await step(`${MONTHS} periods with schedules`, async () => {
    await db.query(`
      INSERT INTO "PayoutPeriod" (id, month, status)
      SELECT ${uid("nper", "j")}, ${month("j")}, CASE WHEN j = ${MONTHS} THEN 'SCHEDULED'::"PeriodStatus" ELSE 'CLOSED'::"PeriodStatus" END
      FROM generate_series(1, ${MONTHS}) AS j`);
    await db.query(`
      INSERT INTO "PayoutSchedule" (id, "periodId", "communeId", "pointId", date, "startTime", "endTime")
      SELECT ${uid("nsch", "j || ':' || c || ':' || k")}, ${uid("nper", "j")}, ${uid("nc", "c")}, ${uid("npt", "c || ':' || k")},
        ${payDay("j", "c")} + k, CASE WHEN k = 0 THEN '07:30' ELSE '13:30' END, CASE WHEN k = 0 THEN '11:00' ELSE '16:30' END
      FROM generate_series(1, ${MONTHS}) AS j, generate_series(1, ${COMMUNE_COUNT}) AS c, generate_series(0, 1) AS k`);
  });

  for (let j = 1; j <= MONTHS; j++) {
    // Accounts opened over the year: in month j a person with an account is paid into it when
    // (i × 31 mod 12) < j + 2, else in cash (at a point, or at home for 1 in 9).
    const viaAccount = `(${HAS_ACCOUNT("i")} AND (i::bigint * 31) % 12 < ${j} + 2)`;
    const current = j === MONTHS;
    await step(
      `payouts of month ${j}`,
      `
      INSERT INTO "Payout" (id, "periodId", "beneficiaryId", amount, method, "accountId", "pointId", status, "paidAt", "updatedAt")
      SELECT ${uid(`npo${j}:`, "i")}, ${uid("nper", `${j}`)}, ${uid("nb", "i")},
        CASE WHEN i % 3 = 0 THEN 2055000 + (i % 4) * 1000000 ELSE 500000 + (i % 5) * 250000 END,
        CASE WHEN ${viaAccount} THEN (ARRAY['BANK', 'EWALLET', 'MOBILE_MONEY'])[i % 3 + 1]::"PayoutMethod"
             WHEN i % 9 = 0 THEN 'CASH_HOME'::"PayoutMethod" ELSE 'CASH_POINT'::"PayoutMethod" END,
        CASE WHEN ${viaAccount} THEN ${uid("na", "i")} END,
        CASE WHEN NOT ${viaAccount} AND i % 9 <> 0 THEN ${uid("npt", `${communeOfSql("i")} || ':' || (i % 2)`)} END,
        ${
          current
            ? `'SCHEDULED'::"PayoutStatus"`
            : `CASE WHEN (i::bigint * 13 + ${j}) % 100 < 3 THEN 'UNCOLLECTED'::"PayoutStatus"
             WHEN ${viaAccount} AND (i::bigint * 17 + ${j}) % 100 < 2 THEN 'FAILED'::"PayoutStatus" ELSE 'PAID'::"PayoutStatus" END`
        },
        ${
          current
            ? "NULL"
            : `CASE WHEN (i::bigint * 13 + ${j}) % 100 >= 3 AND NOT (${viaAccount} AND (i::bigint * 17 + ${j}) % 100 < 2)
             THEN (${payDay(`${j}`, communeOfSql("i"))} + time '09:00' - interval '7 hours') END`
        },
        now()
      FROM generate_series(1, ${n}) AS i
      WHERE i % 50 <> 0 AND (i % 37 <> 0 OR ${j} < ${MONTHS})`,
    );
  }
  await step(
    "carried-over lines of this month",
    `
    INSERT INTO "PayoutLine" (id, "payoutId", kind, label, amount, position)
    SELECT ${uid("npl", "i")}, ${uid(`npo${MONTHS}:`, "i")}, 'CARRIED_OVER', 'Tiền tháng trước chưa nhận', 500000 + (i % 5) * 250000, 1
    FROM generate_series(1, ${n}) AS i
    WHERE i % 50 <> 0 AND i % 37 <> 0 AND (i::bigint * 13 + ${MONTHS - 1}) % 100 < 3`,
  );

  await step("chats, relatives and authorisations", async () => {
    await db.query(`
      INSERT INTO "ChatIdentity" (id, channel, "platformUserId", "beneficiaryId", "linkedAt", "consentAt", reachable, "notificationsOff")
      SELECT ${uid("ni", "i")}, CASE WHEN i % 2 = 0 THEN 'TELEGRAM'::"Channel" ELSE 'ZALO'::"Channel" END, (500000000 + i)::text, ${uid("nb", "i")}, now(),
        CASE WHEN i % 41 <> 0 THEN now() END, i % 53 <> 0, i % 61 = 0
      FROM generate_series(1, ${n}) AS i WHERE ${R("i")} < 300`);
    await db.query(`
      INSERT INTO "ChatLink" (id, "identityId", "beneficiaryId", role, via)
      SELECT ${uid("nl", "i")}, ${uid("ni", "i")}, ${uid("nb", "i")}, 'SELF', 'LINK_CODE' FROM generate_series(1, ${n}) AS i WHERE ${R("i")} < 300`);
    await db.query(`
      INSERT INTO "Relative" (id, "beneficiaryId", "fullName", relation, phone)
      SELECT ${uid("nr", "i")}, ${uid("nb", "i")}, 'Con Người Số ' || i, 'con', '08' || lpad((i % 100000000)::text, 8, '0')
      FROM generate_series(1, ${n}) AS i WHERE ${R("i")} BETWEEN 300 AND 469`);
    await db.query(`
      INSERT INTO "ChatIdentity" (id, channel, "platformUserId", "relativeId", "beneficiaryId", "linkedAt", "consentAt")
      SELECT ${uid("nir", "i")}, CASE WHEN i % 3 = 0 THEN 'TELEGRAM'::"Channel" ELSE 'ZALO'::"Channel" END, (700000000 + i)::text,
        ${uid("nr", "i")}, ${uid("nb", "i")}, now(), now()
      FROM generate_series(1, ${n}) AS i WHERE ${R("i")} BETWEEN 300 AND 419`);
    await db.query(`
      INSERT INTO "ChatLink" (id, "identityId", "beneficiaryId", role, via)
      SELECT ${uid("nlr", "i")}, ${uid("nir", "i")}, ${uid("nb", "i")}, 'REPRESENTATIVE', 'LINK_CODE'
      FROM generate_series(1, ${n}) AS i WHERE ${R("i")} BETWEEN 300 AND 419`);
    await db.query(`
      INSERT INTO "Authorisation" (id, "beneficiaryId", "relativeId", "validFrom", "validUntil", status, "decidedAt", "updatedAt")
      SELECT ${uid("nau", "i")}, ${uid("nb", "i")}, ${uid("nr", "i")}, DATE '${o.lastMonth}' - 200, DATE '${o.lastMonth}' + 165, 'APPROVED', now(), now()
      FROM generate_series(1, ${n}) AS i WHERE ${R("i")} BETWEEN 420 AND 469`);
  });

  // Last month's notices, as the planner left them: a SCHEDULED notice and the outcome's notice
  // for each payout, one message per chat of the person (own or relative's).
  await step("last month's notices and messages", async () => {
    await db.query(`
      INSERT INTO "PayoutNotice" ("payoutId", kind, recipients, "plannedAt")
      SELECT p.id, k.kind, 1, ${month(`${MONTHS - 1}`)}
      FROM "Payout" p JOIN "Beneficiary" b ON b.id = p."beneficiaryId" AND b.status = 'ACTIVE'
        CROSS JOIN LATERAL (VALUES ('SCHEDULED'::"NoticeKind"), (p.status::text::"NoticeKind")) AS k(kind)
      WHERE p."periodId" = ${uid("nper", `${MONTHS - 1}`)}`);
    await db.query(`
      INSERT INTO "OutboundMessage" (id, channel, "identityId", kind, priority, "dedupeKey", "noticeKey", "beneficiaryId", reply, status, attempts, "sentAt", "failureReason")
      SELECT gen_random_uuid()::text, ci.channel, ci.id, 'NOTIFICATION', 10, 'notice:' || n.kind || ':' || n."payoutId" || ':' || ci.id,
        'notice:' || n.kind || ':' || n."payoutId", p."beneficiaryId", '{"text":[{"key":"notices:paid"}]}'::jsonb,
        CASE WHEN h % 100 < 2 THEN 'FAILED'::"DeliveryStatus" WHEN ci."notificationsOff" THEN 'SKIPPED'::"DeliveryStatus" ELSE 'SENT'::"DeliveryStatus" END, 1,
        CASE WHEN h % 100 >= 2 THEN now() END, CASE WHEN h % 100 < 2 THEN 'blocked' WHEN ci."notificationsOff" THEN 'opted_out' END
      FROM "PayoutNotice" n JOIN "Payout" p ON p.id = n."payoutId"
        JOIN "ChatLink" l ON l."beneficiaryId" = p."beneficiaryId" JOIN "ChatIdentity" ci ON ci.id = l."identityId"
        CROSS JOIN LATERAL (SELECT abs(hashtext(n."payoutId" || n.kind)) AS h) x
      WHERE p."periodId" = ${uid("nper", `${MONTHS - 1}`)} AND ci."consentAt" IS NOT NULL AND ci.reachable`);
  });

  await step("staff, a broadcast, requests and tickets", async () => {
    await db.query(`
      INSERT INTO "StaffUser" (id, username, "fullName", "passwordHash", role)
      VALUES ('nat-officer', 'canbo.quocgia', 'Cán Bộ Bộ', '-', 'ADMIN')`);
    await db.query(`
      INSERT INTO "Broadcast" (id, title, template, audience, status, "createdById", recipients, "createdAt", "materialisedAt", "finishedAt")
      VALUES ('nat-bc-month', 'Thông báo đầu tháng', '{"vi":"Thông báo đầu tháng"}'::jsonb, '{}'::jsonb, 'DONE', 'nat-officer', ${Math.floor(n / 25)},
        DATE '${o.lastMonth}' + interval '2 hours', DATE '${o.lastMonth}' + interval '3 hours', DATE '${o.lastMonth}' + interval '5 hours')`);
    await db.query(`
      INSERT INTO "BroadcastDelivery" (id, "broadcastId", "beneficiaryId", status, reason, channel, "updatedAt")
      SELECT ${uid("nbd", "i")}, 'nat-bc-month', ${uid("nb", "i")},
        CASE WHEN h < 5 THEN 'FAILED'::"DeliveryStatus" WHEN h < 16 THEN 'SKIPPED'::"DeliveryStatus" ELSE 'SENT'::"DeliveryStatus" END,
        CASE WHEN h < 5 THEN 'blocked' WHEN h < 16 THEN 'unreachable' END, CASE WHEN h >= 16 THEN 'ZALO' END, now()
      FROM generate_series(25, ${n}, 25) AS i CROSS JOIN LATERAL (SELECT abs(hashtext('nbd' || i)) % 100 AS h) x`);
    await db.query(`
      INSERT INTO "ChangeRequest" (id, kind, "beneficiaryId", data, status, "createdAt", "updatedAt")
      SELECT ${uid("nq", "i")}, (ARRAY['AUTHORISATION', 'ACCOUNT', 'CHANGE_METHOD', 'UPDATE_INFO'])[i % 4 + 1]::"RequestKind", ${uid("nb", "i")}, '{}'::jsonb,
        CASE WHEN i % 3 = 0 THEN 'PENDING'::"RequestStatus" WHEN i % 3 = 1 THEN 'APPROVED'::"RequestStatus" ELSE 'REJECTED'::"RequestStatus" END,
        now() - make_interval(days => i % 60), now()
      FROM generate_series(1, ${n}) AS i WHERE (i::bigint * 4093) % 1000 < 10`);
    await db.query(`
      INSERT INTO "HotlineTicket" (id, "beneficiaryId", "communeId", topic, status, "firstResponseDueAt", "createdAt", "updatedAt")
      SELECT ${uid("nt", "i")}, ${uid("nb", "i")}, ${uid("nc", communeOfSql("i"))}, 'payout',
        CASE WHEN i % 4 = 0 THEN 'NEW'::"TicketStatus" ELSE 'RESOLVED'::"TicketStatus" END,
        now() + make_interval(mins => (i % 7) * 20 - 60), now() - make_interval(days => i % 30), now()
      FROM generate_series(1, ${n}) AS i WHERE (i::bigint * 2203) % 1000 < 5`);
  });
}

/**
 * Rows 1..n whose value is not null, in batches: [row numbers, sealed values, keyed hashes, last
 * four digits], sealed with the service's cipher as its own writes seal them.
 */
async function sealedBatches(
  cipher: FieldCipher,
  purpose: HashPurpose,
  n: number,
  valueOf: (i: number) => string | null,
  insert: (batch: [number[], string[], string[], string[]]) => Promise<unknown>,
): Promise<void> {
  for (let from = 1; from <= n; from += BATCH) {
    const batch: [number[], string[], string[], string[]] = [[], [], [], []];
    for (let i = from; i <= Math.min(n, from + BATCH - 1); i++) {
      const value = valueOf(i);
      if (value === null) continue;
      batch[0].push(i);
      batch[1].push(cipher.encrypt(value));
      batch[2].push(cipher.hash(purpose, value));
      batch[3].push(value.slice(-4));
    }
    await insert(batch);
  }
}

// Born 1930–1989: most beneficiaries are old; people with meritorious services and disabilities younger.
const BIRTH_YEAR_SQL = (i: string) => `(1930 + (${i}::bigint * 37) % 60)::int`;

/** A 12-digit personal ID with the structure the service checks (province, sex and century, year). */
export function personalId(i: number): string {
  const province = PROVINCES[provinceOfCommune(communeOf(i))]!.code;
  const year = 1930 + ((i * 37) % 60);
  // 0: a man born in the 1900s, 1: a woman (person i is a man when i is even).
  const sexCentury = i % 2 === 0 ? "0" : "1";
  return `${province}${sexCentury}${String(year % 100).padStart(2, "0")}${String(i - 1).padStart(6, "0")}`;
}
