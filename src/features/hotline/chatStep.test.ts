import { describe, expect, it } from "vitest";
import { decide } from "../chat/decide.ts";
import { DAO, replyKeys, testContext } from "../chat/testContext.ts";
import { ticketPriority } from "./priority.ts";

const withTicket = testContext({ links: [DAO], openTicket: { id: "t-1", number: 42 } });
const text = (t: string) => ({ kind: "text" as const, text: t });

describe("the hotline in the chat's decisions", () => {
  it("sends free text to the open ticket instead of guessing", () => {
    const d = decide(null, text("giá vàng hôm nay"), withTicket);
    expect(replyKeys(d)).toEqual([["hotline:chat.added"]]);
    expect(d.effects).toEqual([{ kind: "addToTicket", ticketId: "t-1", text: "giá vàng hôm nay" }]);
  });

  it("keeps commands working while a ticket is open", () => {
    const d = decide(null, text("menu"), withTicket);
    expect(d.effects).toEqual([]);
    expect(replyKeys(d)[0]?.[0]).toMatch(/^chat:menu\./);
  });

  it("files an answer typed in a walkthrough with any personal ID masked", () => {
    const d = decide({ flow: "linkById", step: "askId" }, text("001140123456"), withTicket);
    expect(d.effects.at(-1)).toEqual({ kind: "addToTicket", ticketId: "t-1", text: "••••••••3456" });
  });

  it("ignores a rating button with a made-up score", () => {
    const d = decide(null, { kind: "button", data: "hl:rate:42:9" }, withTicket);
    expect(d.effects.some((e) => e.kind === "rateTicket")).toBe(false);
  });

  it("puts missing money and fraud first, then older people", () => {
    const old = { dateOfBirth: new Date("1940-05-09"), categories: [] };
    const young = { dateOfBirth: new Date("1990-05-09"), categories: [] };
    const disabled = { dateOfBirth: new Date("1990-05-09"), categories: [{ category: { code: "BTXH_SEVERE_DISABILITY_ADULT" } }] };
    expect(ticketPriority("payout_missing", young, "2026-07-15")).toBe("URGENT");
    expect(ticketPriority("fraud", null, "2026-07-15")).toBe("URGENT");
    expect(ticketPriority("talk_to_human", old, "2026-07-15")).toBe("HIGH");
    expect(ticketPriority("talk_to_human", disabled, "2026-07-15")).toBe("HIGH");
    expect(ticketPriority("talk_to_human", young, "2026-07-15")).toBe("NORMAL");
  });
});
