import { describe, expect, it } from "vitest";
import { decide } from "./decide.ts";
import { BA, buttonData, DAO, lastReply, replyKeys, testContext } from "./testContext.ts";

const two = testContext({ links: [DAO, BA] });

describe("switching person and showing their information", () => {
  it("lists the linked people as buttons", () => {
    const d = decide(null, { kind: "button", data: "switch" }, two);
    expect(replyKeys(d)).toEqual([["chat:switch.choose"]]);
    expect(buttonData(lastReply(d))).toEqual(["sw:b-dao", "sw:b-ba", "menu"]);
    expect(lastReply(d)?.buttons?.[1]?.[0]?.label).toEqual({ key: "chat:button.person", params: { title: { key: "chat:title.male" }, name: "Trần Văn Ba" } });
  });

  it("selects the chosen person and greets them in the menu", () => {
    const d = decide(null, { kind: "button", data: "sw:b-ba" }, two);
    expect(d.effects).toEqual([{ kind: "select", beneficiaryId: "b-ba" }]);
    expect(lastReply(d)?.text[0]?.key).toBe("chat:menu.greetRepresentative");
  });

  it("refuses a person button for someone no longer linked", () => {
    const d = decide(null, { kind: "button", data: "sw:b-gone" }, two);
    expect(d.effects).toEqual([]);
    expect(replyKeys(d)[0]).toEqual(["chat:staleButton"]);
  });

  it("just shows the menu when there is nobody to switch to", () => {
    expect(replyKeys(decide(null, { kind: "button", data: "switch" }, testContext({ links: [DAO] })))).toEqual([["chat:menu.greetSelf", "chat:menu.choose"]]);
  });

  it("shows name, commune, programme, status and the masked ID of the active person", () => {
    const asked = decide(null, { kind: "button", data: "me" }, two);
    expect(asked.effects).toEqual([{ kind: "loadProfile", beneficiaryId: "b-dao" }]);
    const profile = { fullName: "Nguyễn Thị Đào", communeName: "Xã Hòa An", programme: "BTXH" as const, status: "ACTIVE" as const, maskedPersonalId: "••••••••3456" };
    const d = decide(null, { kind: "result", result: { kind: "profile", profile } }, two);
    expect(d.replies[0]?.text).toEqual([
      { key: "chat:profile.name", params: { name: "Nguyễn Thị Đào" } },
      { key: "chat:profile.commune", params: { commune: "Xã Hòa An" } },
      { key: "chat:profile.programme", params: { programme: { key: "chat:programme.BTXH" } } },
      { key: "chat:profile.status", params: { status: { key: "chat:status.ACTIVE" } } },
      { key: "chat:profile.personalId", params: { id: "••••••••3456" } },
      { key: "notices:state.on" },
    ]);
    expect(d.replies[0]?.buttons?.[0]?.[0]?.data).toBe("notif:off");
    // Then what the person can do about it: correct, unlink, or ask the commune.
    expect(d.replies[1]?.text).toEqual([{ key: "chat:profile.rights" }]);
    expect(buttonData(d.replies[1])).toEqual(["rq:change", "unlink", "menu"]);
  });

  it("adds date of birth, phone, address, how the money comes, who collects and how many chats, when known", () => {
    const profile = {
      fullName: "Nguyễn Thị Đào", communeName: "Xã Hòa An", programme: "BTXH" as const, status: "ACTIVE" as const, maskedPersonalId: "••••••••3456",
      dateOfBirth: "1940-05-09", maskedPhone: "••••••5678", address: null, account: "Agribank ••••3456",
      receiver: { name: "Lê Thị Hoa", until: "2026-12-31" }, chats: 2,
    };
    const d = decide(null, { kind: "result", result: { kind: "profile", profile } }, two);
    const keys = d.replies[0]?.text.map((t) => t.key);
    expect(keys).toEqual([
      "chat:profile.name", "chat:profile.commune", "chat:profile.programme", "chat:profile.status", "chat:profile.personalId",
      "chat:profile.dateOfBirth", "chat:profile.phone", "chat:profile.account", "chat:profile.receiver", "chat:profile.chats", "notices:state.on",
    ]);
    const cash = decide(null, { kind: "result", result: { kind: "profile", profile: { ...profile, account: null, receiver: null } } }, two);
    expect(cash.replies[0]?.text.map((t) => t.key)).toContain("chat:profile.cash");
  });

  it("offers linking instead of information to a chat that is not linked", () => {
    const d = decide(null, { kind: "button", data: "me" }, testContext());
    expect(d.effects).toEqual([]);
    expect(replyKeys(d)).toEqual([["chat:menu.unlinked"]]);
  });
});
