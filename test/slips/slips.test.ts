// Payout slips for the envelopes the post office hands over at home: an officer prints them for a
// commune and month; every slip says what the chat says about that person's money (national and
// provincial amounts, back pay, what changed), and its QR code opens the chat linked to that person.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSlipsCli } from "../../src/cli/slips.ts";
import { createI18n, type I18n } from "../../src/core/i18n.ts";
import { renderReply } from "../../src/core/renderReply.ts";
import { linkQrSvg } from "../../src/features/linking/linkTarget.ts";
import { policyIn } from "../../src/features/policy/policyStore.ts";
import { seedShippedPolicy } from "../../src/features/policy/seedPolicy.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import type { PayoutLineKind, PayoutMethod } from "../../src/generated/prisma/enums.ts";
import { foldVietnamese } from "../../src/lib/text.ts";
import { createHarness } from "../chat/harness.ts";
import { launchBrowser } from "../console/browser.ts";
import { createStaff, signIn, startTestApp, type SignedIn, type TestApp } from "../helpers/app.ts";

const PW = "mat-khau-dung-1";
const MONTH = "2026-11";
const d = (s: string) => new Date(`${s}T00:00:00.000Z`);

interface Line {
  kind: PayoutLineKind;
  amount: number;
  label?: string;
  categoryCode?: string;
}

let serial = 0;

async function person(
  prisma: PrismaClient,
  communeId: string,
  fullName: string,
  programme: "BTXH" | "NCC",
  categoryCode: string,
): Promise<string> {
  serial += 1;
  const personalId = `0011401${String(serial).padStart(5, "0")}`;
  const category = await prisma.benefitCategory.findUniqueOrThrow({ where: { code: categoryCode } });
  const row = await prisma.beneficiary.create({
    data: {
      personalId,
      personalIdLast4: personalId.slice(-4),
      fullName,
      fullNameAscii: foldVietnamese(fullName),
      dateOfBirth: d("1940-01-01"),
      sex: "FEMALE",
      communeId,
      programme,
      address: "Thôn Đông",
      categories: { create: [{ categoryId: category.id, since: d("2020-01-01") }] },
    },
  });
  return row.id;
}

async function payout(
  prisma: PrismaClient,
  beneficiaryId: string,
  month: string,
  lines: Line[],
  method: PayoutMethod = "CASH_HOME",
): Promise<void> {
  const period = await prisma.payoutPeriod.upsert({
    where: { month: d(`${month}-01`) },
    create: { month: d(`${month}-01`), status: "CLOSED" },
    update: {},
  });
  await prisma.payout.create({
    data: {
      periodId: period.id,
      beneficiaryId,
      amount: lines.reduce((s, l) => s + l.amount, 0),
      method,
      status: month === MONTH ? "SCHEDULED" : "PAID",
      lines: {
        create: lines.map((l, i) => ({
          kind: l.kind,
          label: l.label ?? "Trợ cấp hằng tháng",
          amount: l.amount,
          position: i,
        })),
      },
    },
  });
}

/** What the page shows for each slip, read in the browser as a person reads it. */
interface SlipSeen {
  beneficiaryId: string;
  name: string;
  amount: string;
  months: string;
  /** One entry per block of the explanation, the block's paragraphs joined by blank lines. */
  blocks: string[];
  footer: string;
}

function readSlips(page: Page): Promise<SlipSeen[]> {
  return page.$$eval("section.slip", (sections) =>
    sections.map((s) => {
      const text = (sel: string) => (s.querySelector(sel) as HTMLElement | null)?.innerText.trim() ?? "";
      return {
        beneficiaryId: s.getAttribute("data-beneficiary") ?? "",
        name: text(".person"),
        amount: text(".amount strong"),
        months: text(".months"),
        blocks: Array.from(s.querySelectorAll(".part")).map((part) =>
          Array.from(part.querySelectorAll("p"))
            .map((p) => p.innerText.trim())
            .join("\n\n"),
        ),
        footer: text(".slip-foot"),
      };
    }),
  );
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

describe("payout slips for home delivery", () => {
  let app: TestApp;
  let officer: SignedIn;
  let browser: Browser;
  let i18n: I18n;
  const communes: Record<string, string> = {};
  const who: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp({ env: { HOTLINE_PHONE: "1900 1234", HOTLINE_HOURS: "7:30–17:00 thứ Hai đến thứ Sáu" } });
    const p = app.prisma;
    // The fictional demo province has a resolution of its own: it is seeded once the province exists.
    const province = await p.province.create({ data: { code: "A01", name: "Tỉnh An Hòa" } });
    communes.a = (await p.commune.create({ data: { code: "A0101", name: "Xã Hòa An", provinceId: province.id } })).id;
    communes.b = (
      await p.commune.create({ data: { code: "A0102", name: "Xã Bình Minh", provinceId: province.id } })
    ).id;
    await seedShippedPolicy(p);

    // A martyr's mother paid at home, with a gift this month.
    who.martyr = await person(p, communes.a, "Nguyễn Thị Mẹ", "NCC", "NCC_MARTYR_RELATIVE_1");
    await payout(p, who.martyr, "2026-10", [{ kind: "MONTHLY", amount: 3_012_000 }]);
    await payout(p, who.martyr, MONTH, [
      { kind: "MONTHLY", amount: 3_012_000 },
      { kind: "GIFT", amount: 300_000, label: "Quà nhân ngày Thương binh liệt sĩ" },
    ]);
    // A social pension at the province's own amount (600,000 instead of the national 540,000).
    who.pension = await person(p, communes.a, "Trần Văn Hưu", "BTXH", "SOCIAL_PENSION");
    await payout(p, who.pension, "2026-10", [{ kind: "MONTHLY", amount: 600_000 }]);
    await payout(p, who.pension, MONTH, [{ kind: "MONTHLY", amount: 600_000 }]);
    // Back pay for July–October after the base level rose from July.
    who.backPay = await person(p, communes.a, "Lê Thị Tám", "BTXH", "BTXH_SEVERE_DISABILITY_ADULT");
    for (const m of ["2026-07", "2026-08", "2026-09", "2026-10"])
      await payout(p, who.backPay, m, [{ kind: "MONTHLY", amount: 750_000 }]);
    await payout(p, who.backPay, MONTH, [
      { kind: "MONTHLY", amount: 810_000 },
      { kind: "BACK_PAY", amount: 240_000, label: "Truy lĩnh 07-10/2026" },
    ]);
    // Paid at a cash point: no envelope, no slip.
    who.point = await person(p, communes.a, "Phạm Văn Điểm", "BTXH", "SOCIAL_PENSION");
    await payout(p, who.point, MONTH, [{ kind: "MONTHLY", amount: 600_000 }], "CASH_POINT");
    // Another commune's person paid at home.
    who.other = await person(p, communes.b, "Đỗ Thị Khác", "BTXH", "SOCIAL_PENSION");
    await payout(p, who.other, MONTH, [{ kind: "MONTHLY", amount: 600_000 }]);

    await createStaff(p, {
      username: "xa.hoaan",
      password: PW,
      role: "COMMUNE_OFFICER",
      communeCodes: ["A0101"],
      fullName: "Lê Văn Tâm",
    });
    await createStaff(p, { username: "xa.binhminh", password: PW, role: "COMMUNE_OFFICER", communeCodes: ["A0102"] });
    await createStaff(p, { username: "tongdai", password: PW, role: "HOTLINE_AGENT", provinceCodes: ["A01"] });
    officer = await signIn(app.url, "xa.hoaan", PW);
    browser = await launchBrowser();
    i18n = await createI18n();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const post = (who: SignedIn, fields: Record<string, string>) =>
    fetch(`${app.url}/console/slips`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: new URLSearchParams({ _csrf: who.csrfToken, ...fields }),
    });

  it("the officer chooses a month in the console and prints several slips per A4 page, with cut lines and no toolbar", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/console/login`);
      await page.getByLabel("Tên đăng nhập").fill("xa.hoaan");
      await page.getByLabel("Mật khẩu").fill(PW);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await page.getByRole("link", { name: "Phiếu chi trả" }).click();
      expect(await page.locator("h1").textContent()).toBe("Phiếu chi trả tại nhà");
      await page.getByLabel("Tháng chi trả").fill(MONTH);
      await page.getByRole("button", { name: "Tạo phiếu và mở trang in" }).click();

      expect(await page.locator("h1").textContent()).toBe("Phiếu chi trả tại nhà — Xã Hòa An — tháng 11/2026");
      const slips = await readSlips(page);
      expect(slips.map((s) => s.name)).toEqual(["Lê Thị Tám", "Nguyễn Thị Mẹ", "Trần Văn Hưu"]);
      const byId = new Map(slips.map((s) => [s.beneficiaryId, s]));
      expect(byId.get(who.martyr ?? "")?.amount).toBe("3.312.000 đ");
      expect(byId.get(who.backPay ?? "")?.amount).toBe("1.050.000 đ");
      expect(byId.get(who.backPay ?? "")?.months).toBe(
        "Tiền tháng 11/2026\nKèm tiền truy lĩnh của các tháng 07/2026, 08/2026, 09/2026, 10/2026",
      );
      for (const s of slips) {
        expect(s.footer).toContain("Cần hỏi thêm, Bác gọi tổng đài 1900 1234 (7:30–17:00 thứ Hai đến thứ Sáu).");
        expect(s.footer).toContain("không bao giờ hỏi mã OTP hay mật khẩu");
      }
      expect(await page.content()).not.toMatch(/0011401\d{5}/);
      expect(await page.locator("section.slip .pid").first().textContent()).toMatch(/^•+\d{4}$/);
      expect(await page.locator("section.slip .qr svg").count()).toBe(3);
      await page.screenshot({ path: "test-results/slips-screen.png", fullPage: true });

      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".toolbar").isVisible()).toBe(false);
      const cut = await page
        .locator("section.slip")
        .first()
        .evaluate((el) => getComputedStyle(el).borderBottomStyle);
      expect(cut).toBe("dashed");
      const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
      await import("node:fs/promises").then((fs) => fs.writeFile("test-results/slips-a4.pdf", pdf));
      const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
      // Three slips, fewer pages: slips share a page. (Each print also issues codes and is audited: three in this file.)
      expect(pages.length).toBeGreaterThanOrEqual(1);
      expect(pages.length).toBeLessThan(3);

      // On A5 each slip starts its own page, without cut lines.
      await page.emulateMedia({ media: "screen" });
      await page.goto(`${app.url}/console/slips`);
      await page.getByLabel("Tháng chi trả").fill(MONTH);
      await page.getByLabel("A5, mỗi phiếu một trang").check();
      await page.getByRole("button", { name: "Tạo phiếu và mở trang in" }).click();
      await page.emulateMedia({ media: "print" });
      expect(await page.locator("section.slip").count()).toBe(3);
      const a5cut = await page
        .locator("section.slip")
        .first()
        .evaluate((el) => getComputedStyle(el).borderBottomStyle);
      expect(a5cut).toBe("none");
      const a5 = await page.pdf({ format: "A5", preferCSSPageSize: true, printBackground: true });
      await import("node:fs/promises").then((fs) => fs.writeFile("test-results/slips-a5.pdf", a5));
      expect((a5.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length).toBeGreaterThanOrEqual(3);
    } finally {
      await context.close();
    }
  });

  it("each slip says exactly what the chat answers that person, and its QR code links the chat to that person", async () => {
    const res = await post(officer, { communeId: communes.a ?? "", month: MONTH, layout: "a5" });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();

    const context = await browser.newContext({ locale: "vi-VN" });
    try {
      const page = await context.newPage();
      await page.setContent(html);
      const slips = await readSlips(page);
      expect(slips).toHaveLength(3);
      const t = i18n.t("vi");
      const chat = createHarness(app.prisma, app.clock.now());
      for (const [i, slip] of slips.entries()) {
        // The QR code on this slip is the web-chat address with this person's live code.
        const code = await app.prisma.linkCode.findFirstOrThrow({
          where: { beneficiaryId: slip.beneficiaryId, usedAt: null, expiresAt: { gt: app.clock.now() } },
        });
        const url = `${app.url}/chat?code=${code.code}`;
        const section = html
          .split('<section class="slip"')
          .find((s) => s.includes(`data-beneficiary="${slip.beneficiaryId}"`));
        expect(section).toContain(await linkQrSvg(url));

        // Scanning it opens the web chat, which starts with the code: the chat is linked to that person.
        const reader = chat.person(`slip-reader-${i}`);
        await reader.send({ kind: "start", payload: new URL(url).searchParams.get("code") ?? "" });
        await reader.press("role:self");
        await reader.press("consent:yes");
        const identity = await app.prisma.chatIdentity.findUniqueOrThrow({ where: { id: await reader.identityId() } });
        expect(identity.beneficiaryId).toBe(slip.beneficiaryId);

        // "Vì sao?" for the month: the chat's messages are the slip's blocks, word for word.
        const replies = await reader.press(`why:${MONTH}-01`);
        const said = replies.map((r) => squash(renderReply(t, "vi", r).text.replaceAll("\n\n", " ")));
        expect(said.length).toBeGreaterThanOrEqual(2);
        expect(slip.blocks.map((b) => squash(b))).toEqual(said);
      }
    } finally {
      await context.close();
    }

    // The slips carry the province's own amount, the back pay and the changes, as the chat does.
    expect(html).toContain("Nghị quyết 15/2025/NQ-HĐND");
    expect(html).toContain("Đó là phần chênh lệch của 4 tháng: 07/2026, 08/2026, 09/2026, 10/2026.");
    const used = await app.prisma.linkCode.count({ where: { communeId: communes.a, usedAt: { not: null } } });
    expect(used).toBe(3);
    const audit = await app.prisma.auditLog.findMany({ where: { action: { in: ["slips.print", "linkcode.issue"] } } });
    expect(audit.filter((a) => a.action === "slips.print" && a.actor === "xa.hoaan")).toHaveLength(3);
    expect(audit.filter((a) => a.action === "linkcode.issue" && a.actor === "xa.hoaan")).toHaveLength(3);
  });

  it("an officer of another commune cannot print them, nor can a hotline agent", async () => {
    const before = await app.prisma.linkCode.count();
    const other = await signIn(app.url, "xa.binhminh", PW);
    const form = await (await fetch(`${app.url}/console/slips`, { headers: { cookie: other.cookie } })).text();
    expect(form).toContain("Xã Bình Minh");
    expect(form).not.toContain("Xã Hòa An");
    const refused = await post(other, { communeId: communes.a ?? "", month: MONTH });
    expect(refused.status).toBe(403);
    const body = await refused.text();
    expect(body).not.toContain("Nguyễn Thị Mẹ");
    expect(body).not.toContain("3.312.000");

    const agent = await signIn(app.url, "tongdai", PW);
    expect((await fetch(`${app.url}/console/slips`, { headers: { cookie: agent.cookie } })).status).toBe(403);
    expect((await post(agent, { communeId: communes.a ?? "", month: MONTH })).status).toBe(403);
    expect(await app.prisma.linkCode.count()).toBe(before);
  });

  it("the command line writes a whole commune's slips as one page that prints on its own, and a PDF", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "slips-"));
    const out = path.join(dir, "slips.html");
    const pdf = path.join(dir, "slips.pdf");
    const lines: string[] = [];
    const io = {
      prisma: app.prisma,
      policy: (await policyIn(app.prisma)).policy,
      config: { ...app.deps.config, PUBLIC_URL: "https://ansinh.example.vn" },
      translator: (locale: string) => i18n.t(locale),
      now: app.clock.now(),
      print: (l: string) => lines.push(l),
    };
    const code = await runSlipsCli(["--commune", "A0102", "--month", MONTH, "--out", out, "--pdf", pdf], io);
    expect(lines).toEqual([`1 slip(s) for A0102, ${MONTH}: ${out}`, `PDF: ${pdf}`]);
    expect(code).toBe(0);
    const html = await readFile(out, "utf8");
    expect(html).toContain("Đỗ Thị Khác");
    expect(html).not.toContain('rel="stylesheet"');
    expect(html).toContain("@page");
    const issued = await app.prisma.linkCode.findFirstOrThrow({ where: { beneficiaryId: who.other } });
    expect(html).toContain(await linkQrSvg(`https://ansinh.example.vn/chat?code=${issued.code}`));
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe("%PDF-");
    const audit = await app.prisma.auditLog.findFirstOrThrow({
      where: { action: "slips.print", entityId: communes.b },
    });
    expect(audit.actor).toBe("system");

    expect(await runSlipsCli(["--commune", "A0102", "--month", "2026-13", "--out", out], io)).toBe(2);
    expect(await runSlipsCli(["--commune", "Z9999", "--month", MONTH, "--out", out], io)).toBe(1);
    const noUrl = { ...io, config: { ...app.deps.config, PUBLIC_URL: undefined, TELEGRAM_BOT_USERNAME: undefined } };
    expect(await runSlipsCli(["--commune", "A0102", "--month", MONTH, "--out", out], noUrl)).toBe(2);
  });
});
