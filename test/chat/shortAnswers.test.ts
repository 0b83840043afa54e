// Short answers to the right person: the answer first in one bubble, the rule and the legal basis
// behind "Vì sao?", a menu small enough to read, a person always one tap away, a relative spoken to
// as the relative, and links that open.
import { describe, expect, it } from "vitest";
import { askToCollect, familyTestbed, linkedChat, MORNING_OF_DELIVERY } from "./familyWorld.ts";
import { createHarness, SETTINGS } from "./harness.ts";
import { seen } from "./seen.ts";

const TALK = /Gặp người thật|Talk to a person/;

describe.each(["vi", "en"] as const)("short answers, in %s", (locale) => {
  const t = familyTestbed(MORNING_OF_DELIVERY);

  it("answers the payout day in one bubble that starts with it, and speaks to a son as the son", async () => {
    const nam = await linkedChat(
      t.db.prisma,
      t.h,
      t.world,
      t.world.phuong,
      `web-short-nam-${locale}`,
      "relative",
      locale,
    );
    const bubbles = seen(await nam.press("pay:next"), locale);
    expect(bubbles).toHaveLength(1);
    const first = bubbles[0]?.text ?? "";
    expect(first.split("\n")[0]).toContain("15/07/2026");
    // His mother by her honorific and name; he is not told "you receive".
    if (locale === "vi") {
      expect(first).toContain("bác Phượng");
      expect(first).not.toMatch(/Bác nhận|nhà Bác|của Bác/);
    } else {
      expect(first).toContain("Ms Phượng");
      expect(first).not.toMatch(/\byou receive|your home\b/i);
    }
    expect(bubbles[0]?.buttons.map((b) => b.label).join(" ")).toMatch(TALK);
  });

  it("gives the amount in one bubble and keeps the rule, the numbers and the legal basis behind 'Vì sao?'", async () => {
    const phuong = await linkedChat(
      t.db.prisma,
      t.h,
      t.world,
      t.world.phuong,
      `web-short-amount-${locale}`,
      "self",
      locale,
    );
    const bubbles = seen(await phuong.press("pay:amount"), locale);
    expect(bubbles).toHaveLength(1);
    expect(bubbles[0]?.text).toMatch(/1[.,]080[.,]000/);
    expect(bubbles[0]?.text).not.toMatch(/Nghị định|Decree/);
    const why = bubbles[0]?.buttons.find((b) => /Vì sao|Why/.test(b.label));
    expect(why).toBeDefined();
    const explained = seen(await phuong.press(why?.data ?? ""), locale)
      .map((b) => b.text)
      .join("\n");
    expect(explained).toMatch(/Nghị định|Decree/);
    expect(explained).toMatch(/540[.,]000/);
  });

  it("shows a main menu of at most six buttons plus 'Khác', with a person among them", async () => {
    const nam = await linkedChat(
      t.db.prisma,
      t.h,
      t.world,
      t.world.phuong,
      `web-short-menu-${locale}`,
      "relative",
      locale,
    );
    const menu = seen(await nam.press("menu"), locale).at(-1);
    const names = menu?.buttons.map((b) => b.label) ?? [];
    expect(names.length).toBeLessThanOrEqual(7);
    expect(names.join(" | ")).toMatch(TALK);
    expect(names.join(" | ")).toMatch(/Khác|More/);
    expect(names.join(" | ")).not.toMatch(/Thêm người nhận thay/);
  });

  it("keeps a person one tap away after answers and inside a walkthrough", async () => {
    const nam = await linkedChat(
      t.db.prisma,
      t.h,
      t.world,
      t.world.phuong,
      `web-short-talk-${locale}`,
      "relative",
      locale,
    );
    for (const step of ["docs", "scam", "pay:history", "rq:auth"]) {
      const last = seen(await nam.press(step), locale).at(-1);
      expect(last?.buttons.map((b) => b.label).join(" "), step).toMatch(TALK);
    }
  });

  it("sends the printable authorisation as a link that opens, with the service's address, and as a button", async () => {
    const withUrl = createHarness(t.db.prisma, MORNING_OF_DELIVERY, {
      ...SETTINGS,
      publicUrl: "https://ansinh.example.vn",
    });
    const nam = await linkedChat(
      t.db.prisma,
      withUrl,
      t.world,
      t.world.phuong,
      `web-short-form-${locale}`,
      "relative",
      locale,
    );
    const bubbles = seen(await askToCollect(nam), locale);
    const link = bubbles.flatMap((b) => b.buttons).find((b) => b.url);
    expect(link?.url).toMatch(/^https:\/\/ansinh\.example\.vn\/forms\/authorisation\//);
    // No bare path anywhere a person could not open it.
    for (const b of bubbles) expect(b.text).not.toMatch(/(^|\s)\/forms\//);
  });
});
