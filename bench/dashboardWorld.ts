// A province for the dashboard benchmark, written with set-based INSERT … SELECT statements:
// ~50 communes whose account shares range from a few percent to nearly all, 12 monthly periods
// of payouts, chats (own and relatives'), payout notices with their messages, officers'
// broadcasts with their report lines (one a month to 1 person in 25, and a campaign's send still
// going out this month to 1 in 10), change requests and hotline tickets. Ids are readable ("b42", "p3_42") so the figures can be checked by hand.
export interface DashboardWorldOptions {
  beneficiaries: number;
  communes: number;
  /** The month of the newest period, "YYYY-MM-01"; eleven earlier periods are written too. */
  lastMonth: string;
}

export const BENCH_PROVINCE = { id: "bench-prov", code: "980" };
export const BENCH_PERIODS = 12;

type Exec = (sql: string) => Promise<number>;

export async function seedDashboardWorld(exec: Exec, o: DashboardWorldOptions): Promise<void> {
  const n = o.beneficiaries;
  const k = o.communes;
  await exec(
    `INSERT INTO "Province" (id, code, name) VALUES ('${BENCH_PROVINCE.id}', '${BENCH_PROVINCE.code}', 'Tỉnh Bảng Số Liệu')`,
  );
  await exec(`INSERT INTO "Province" (id, code, name) VALUES ('bench-other', '981', 'Tỉnh Bên Cạnh')`);
  await exec(`
    INSERT INTO "Commune" (id, code, name, "provinceId")
    SELECT 'c' || c, (98000 + c)::text, 'Xã Số ' || c, '${BENCH_PROVINCE.id}' FROM generate_series(1, ${k}) AS c`);
  await exec(
    `INSERT INTO "Commune" (id, code, name, "provinceId") VALUES ('c-other', '98199', 'Xã Bên Cạnh', 'bench-other')`,
  );
  // Person i lives in commune (i % k) + 1; r(i) in [0, 1000) decides what they have.
  await exec(`
    INSERT INTO "Beneficiary" (id, "personalId", "personalIdLast4", "fullName", "fullNameAscii", "dateOfBirth", sex, phone, address,
      "communeId", programme, status, "updatedAt")
    SELECT 'b' || i, '0981' || lpad(i::text, 8, '0'), lpad((i % 10000)::text, 4, '0'), 'Người Số ' || i, 'nguoi so ' || i,
      DATE '1945-01-01' + (i % 9000), CASE WHEN i % 2 = 0 THEN 'FEMALE'::"Sex" ELSE 'MALE'::"Sex" END,
      CASE WHEN (i::bigint * 7919) % 1000 < 600 THEN '09' || lpad((i % 100000000)::text, 8, '0') END,
      'Thôn ' || (i % 12 + 1), 'c' || (i % ${k} + 1), CASE WHEN i % 3 = 0 THEN 'NCC'::"Programme" ELSE 'BTXH'::"Programme" END,
      CASE WHEN i % 50 = 0 THEN 'DECEASED'::"BeneficiaryStatus" WHEN i % 37 = 0 THEN 'SUSPENDED'::"BeneficiaryStatus" ELSE 'ACTIVE'::"BeneficiaryStatus" END,
      now()
    FROM generate_series(1, ${n}) AS i`);
  // Commune c pays a share of about 3% + 94% × (c - 1) / (k - 1) through accounts.
  await exec(`
    INSERT INTO "PayoutAccount" (id, "beneficiaryId", method, provider, "accountNumber", "accountLast4", "holderName", status)
    SELECT 'a' || i, 'b' || i, (ARRAY['BANK', 'EWALLET', 'MOBILE_MONEY'])[i % 3 + 1]::"PayoutMethod", 'Ngân hàng', '1900' || i, lpad((i % 10000)::text, 4, '0'),
      'Người Số ' || i, 'VERIFIED'
    FROM generate_series(1, ${n}) AS i
    WHERE (i::bigint * 104729) % 1000 < 30 + 940 * (i % ${k}) / GREATEST(${k} - 1, 1)`);
  await exec(`
    INSERT INTO "PayoutPeriod" (id, month, status)
    SELECT 'per' || j, (DATE '${o.lastMonth}' - make_interval(months => ${BENCH_PERIODS} - j))::date,
      CASE WHEN j = ${BENCH_PERIODS} THEN 'SCHEDULED'::"PeriodStatus" ELSE 'CLOSED'::"PeriodStatus" END
    FROM generate_series(1, ${BENCH_PERIODS}) AS j`);
  // Accounts opened over the year: in month j a person with an account is paid into it when
  // r(i) falls under j/12 of their commune's final share, else in cash.
  for (let j = 1; j <= BENCH_PERIODS; j++) {
    await exec(`
      INSERT INTO "Payout" (id, "periodId", "beneficiaryId", amount, method, "accountId", status, "paidAt", "updatedAt")
      SELECT 'p${j}_' || i, 'per${j}', 'b' || i, 500000 + (i % 5) * 250000,
        CASE WHEN a.id IS NOT NULL AND (i::bigint * 31) % ${BENCH_PERIODS} < ${j} + 2 THEN a.method
             WHEN i % 9 = 0 THEN 'CASH_HOME'::"PayoutMethod" ELSE 'CASH_POINT'::"PayoutMethod" END,
        CASE WHEN a.id IS NOT NULL AND (i::bigint * 31) % ${BENCH_PERIODS} < ${j} + 2 THEN a.id END,
        CASE WHEN ${j} = ${BENCH_PERIODS} AND i % 4 <> 0 THEN 'SCHEDULED'::"PayoutStatus"
             WHEN (i::bigint * 13 + ${j}) % 100 < 4 THEN 'UNCOLLECTED'::"PayoutStatus"
             WHEN (i::bigint * 17 + ${j}) % 100 < 1 THEN 'FAILED'::"PayoutStatus" ELSE 'PAID'::"PayoutStatus" END,
        now(), now()
      FROM generate_series(1, ${n}) AS i LEFT JOIN "PayoutAccount" a ON a.id = 'a' || i
      WHERE i % 50 <> 0 OR ${j} < ${BENCH_PERIODS}`);
  }
  // About 35% chat themselves, 15% through a relative's chat (a few of those without consent).
  await exec(`
    INSERT INTO "ChatIdentity" (id, channel, "platformUserId", "beneficiaryId", "linkedAt", "consentAt", reachable)
    SELECT 'i' || i, CASE WHEN i % 4 = 0 THEN 'ZALO'::"Channel" ELSE 'TELEGRAM'::"Channel" END, (500000000 + i)::text, 'b' || i, now(),
      CASE WHEN i % 41 <> 0 THEN now() END, i % 53 <> 0
    FROM generate_series(1, ${n}) AS i WHERE (i::bigint * 6007) % 1000 < 350`);
  await exec(`
    INSERT INTO "ChatLink" (id, "identityId", "beneficiaryId", role, via)
    SELECT 'l' || i, 'i' || i, 'b' || i, 'SELF', 'LINK_CODE' FROM generate_series(1, ${n}) AS i WHERE (i::bigint * 6007) % 1000 < 350`);
  await exec(`
    INSERT INTO "Relative" (id, "beneficiaryId", "fullName", relation, phone)
    SELECT 'r' || i, 'b' || i, 'Con Người Số ' || i, 'con', '08' || lpad((i % 100000000)::text, 8, '0')
    FROM generate_series(1, ${n}) AS i WHERE (i::bigint * 6007) % 1000 BETWEEN 350 AND 549`);
  await exec(`
    INSERT INTO "ChatIdentity" (id, channel, "platformUserId", "relativeId", "beneficiaryId", "linkedAt", "consentAt")
    SELECT 'ir' || i, 'ZALO', (700000000 + i)::text, 'r' || i, 'b' || i, now(), now()
    FROM generate_series(1, ${n}) AS i WHERE (i::bigint * 6007) % 1000 BETWEEN 350 AND 499`);
  await exec(`
    INSERT INTO "ChatLink" (id, "identityId", "beneficiaryId", role, via)
    SELECT 'lr' || i, 'ir' || i, 'b' || i, 'REPRESENTATIVE', 'LINK_CODE'
    FROM generate_series(1, ${n}) AS i WHERE (i::bigint * 6007) % 1000 BETWEEN 350 AND 499`);
  // Each payout of a person with a chat got a SCHEDULED and a PAID (or UNCOLLECTED) notice.
  for (let j = 1; j <= BENCH_PERIODS; j++) {
    await exec(`
      INSERT INTO "PayoutNotice" ("payoutId", kind, recipients)
      SELECT p.id, k.kind, 1
      FROM "Payout" p
        CROSS JOIN LATERAL (VALUES ('SCHEDULED'::"NoticeKind"),
          (CASE p.status WHEN 'PAID' THEN 'PAID'::"NoticeKind" WHEN 'UNCOLLECTED' THEN 'UNCOLLECTED'::"NoticeKind" WHEN 'FAILED' THEN 'FAILED'::"NoticeKind" END)) AS k(kind)
      WHERE p."periodId" = 'per${j}' AND k.kind IS NOT NULL
        AND EXISTS (SELECT 1 FROM "ChatIdentity" ci WHERE ci."beneficiaryId" = p."beneficiaryId")`);
    await exec(`
      INSERT INTO "OutboundMessage" (id, channel, "identityId", kind, "dedupeKey", "noticeKey", "beneficiaryId", reply, status, "sentAt", "failureReason", "createdAt")
      SELECT 'm' || n.kind || ':' || n."payoutId" || ':' || ci.id, ci.channel, ci.id, 'NOTIFICATION', 'notice:' || n.kind || ':' || n."payoutId" || ':' || ci.id,
        'notice:' || n.kind || ':' || n."payoutId", p."beneficiaryId", '{"text":[{"key":"notices:paid"}]}'::jsonb,
        CASE WHEN h % 100 < 3 THEN 'FAILED'::"DeliveryStatus" WHEN h % 100 < 5 THEN 'SKIPPED'::"DeliveryStatus"
             WHEN ${j} = ${BENCH_PERIODS} AND h % 100 < 8 THEN 'QUEUED'::"DeliveryStatus" ELSE 'SENT'::"DeliveryStatus" END,
        CASE WHEN h % 100 >= 5 THEN now() END, CASE WHEN h % 100 < 3 THEN 'blocked' END, now()
      FROM "PayoutNotice" n JOIN "Payout" p ON p.id = n."payoutId"
        JOIN "ChatIdentity" ci ON ci."beneficiaryId" = p."beneficiaryId"
        CROSS JOIN LATERAL (SELECT abs(hashtext(n."payoutId" || n.kind)) AS h) x
      WHERE p."periodId" = 'per${j}'`);
  }
  await exec(`
    INSERT INTO "StaffUser" (id, username, "fullName", "passwordHash", role)
    VALUES ('bench-officer', 'canbo.bench', 'Cán Bộ Bảng Số Liệu', '-', 'PROVINCE_OFFICER')`);
  for (let j = 1; j <= BENCH_PERIODS; j++) {
    const month = `(DATE '${o.lastMonth}' - make_interval(months => ${BENCH_PERIODS - j}))`;
    const sends = [{ id: `bc${j}`, every: 25, day: 4, title: `Thông báo tháng ${j}` }];
    if (j === BENCH_PERIODS) sends.push({ id: `bc${j}_campaign`, every: 10, day: 0, title: "Nhắc lịch nhận tiền" });
    for (const b of sends) {
      const last = j === BENCH_PERIODS && b.day === 0;
      await exec(`
        INSERT INTO "Broadcast" (id, title, template, audience, status, "createdById", recipients, "createdAt", "materialisedAt")
        VALUES ('${b.id}', '${b.title}', '{"vi":"${b.title}"}'::jsonb, '{}'::jsonb, '${last ? "SENDING" : "DONE"}', 'bench-officer', ${Math.floor(n / b.every)},
          ${month} + interval '${b.day} days 2 hours', ${month} + interval '${b.day} days 3 hours')`);
      // Outcomes as a province sees them: mostly delivered, some failed, unreachable or opted out;
      // the send still going out has some lines waiting.
      await exec(`
        INSERT INTO "BroadcastDelivery" (id, "broadcastId", "beneficiaryId", status, reason, channel, "createdAt", "updatedAt")
        SELECT '${b.id}:' || i, '${b.id}', 'b' || i,
          CASE WHEN h < 5 THEN 'FAILED'::"DeliveryStatus" WHEN h < 16 THEN 'SKIPPED'::"DeliveryStatus"
               WHEN ${last} AND h < 30 THEN 'QUEUED'::"DeliveryStatus" ELSE 'SENT'::"DeliveryStatus" END,
          CASE WHEN h < 5 THEN 'blocked' WHEN h < 13 THEN 'unreachable' WHEN h < 16 THEN 'opted_out' END,
          CASE WHEN h >= 5 AND h < 16 THEN NULL WHEN i % 4 = 0 THEN 'ZALO' ELSE 'TELEGRAM' END, now(), now()
        FROM generate_series(${b.every}, ${n}, ${b.every}) AS i CROSS JOIN LATERAL (SELECT abs(hashtext('${b.id}' || i)) % 100 AS h) x`);
    }
  }
  await exec(`
    INSERT INTO "ChangeRequest" (id, kind, "beneficiaryId", data, status, "createdAt", "updatedAt")
    SELECT 'q' || i, (ARRAY['AUTHORISATION', 'ACCOUNT', 'CHANGE_METHOD', 'UPDATE_INFO'])[i % 4 + 1]::"RequestKind", 'b' || i, '{}'::jsonb,
      CASE WHEN i % 3 = 0 THEN 'PENDING'::"RequestStatus" WHEN i % 3 = 1 THEN 'APPROVED'::"RequestStatus" ELSE 'REJECTED'::"RequestStatus" END,
      now() - make_interval(days => i % 60), now()
    FROM generate_series(1, ${n}) AS i WHERE (i::bigint * 4093) % 1000 < 40`);
  await exec(`
    INSERT INTO "HotlineTicket" (id, "beneficiaryId", "communeId", topic, status, "firstResponseDueAt", "firstRespondedAt", reassignments, "createdAt", "updatedAt")
    SELECT 't' || i, 'b' || i, 'c' || (i % ${k} + 1), 'payout',
      CASE WHEN i % 4 = 0 THEN 'NEW'::"TicketStatus" WHEN i % 4 = 1 THEN 'ASSIGNED'::"TicketStatus" ELSE 'RESOLVED'::"TicketStatus" END,
      now() + make_interval(mins => (i % 7) * 20 - 60), CASE WHEN i % 4 = 1 THEN now() END, CASE WHEN i % 11 = 0 THEN 1 ELSE 0 END,
      now() - make_interval(days => i % 30), now()
    FROM generate_series(1, ${n}) AS i WHERE (i::bigint * 2203) % 1000 < 15`);
}
