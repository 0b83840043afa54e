import { describe, expect, it } from "vitest";
import { decide } from "./decide.ts";
import { BA, buttonData, DAO, lastReply, replyKeys, testContext } from "./testContext.ts";

const one = testContext({ links: [DAO] });
const two = testContext({ links: [DAO, BA], activeBeneficiaryId: "b-ba" });
const DAO_REF = { beneficiaryId: "b-dao", fullName: "Nguyễn Thị Đào", sex: "FEMALE" as const };
const BA_REF = { beneficiaryId: "b-ba", fullName: "Trần Văn Ba", sex: "MALE" as const };

describe("unlinking", () => {
  it("asks to confirm when one person is linked, then unlinks them", () => {
    const d = decide(null, { kind: "text", text: "xóa liên kết" }, one);
    expect(d.state).toEqual({ flow: "unlink", step: "confirm", person: DAO_REF });
    expect(replyKeys(d)).toEqual([["chat:unlink.confirm", "chat:unlink.after"]]);
    expect(buttonData(lastReply(d))).toEqual(["ul:yes", "ul:no"]);
    expect(decide(d.state, { kind: "button", data: "ul:yes" }, one).effects).toEqual([{ kind: "unlink", beneficiaryIds: ["b-dao"] }]);
    expect(decide(d.state, { kind: "text", text: "có" }, one).effects).toEqual([{ kind: "unlink", beneficiaryIds: ["b-dao"] }]);
  });

  it("asks whether to unlink this person or everyone when several are linked", () => {
    const d = decide(null, { kind: "button", data: "unlink" }, two);
    expect(d.state).toEqual({ flow: "unlink", step: "chooseScope", person: BA_REF });
    expect(buttonData(lastReply(d))).toEqual(["ul:one", "ul:all", "ul:no"]);
    expect(decide(d.state, { kind: "button", data: "ul:one" }, two).effects).toEqual([{ kind: "unlink", beneficiaryIds: ["b-ba"] }]);
    expect(decide(d.state, { kind: "button", data: "ul:all" }, two).effects).toEqual([{ kind: "unlink", beneficiaryIds: "all" }]);
  });

  it("keeps everything on a no", () => {
    const state = decide(null, { kind: "button", data: "unlink" }, one).state;
    const d = decide(state, { kind: "button", data: "ul:no" }, one);
    expect(d.effects).toEqual([]);
    expect(replyKeys(d)[0]).toEqual(["chat:unlink.kept"]);
  });

  it("does not act on an old confirmation button outside the question", () => {
    const d = decide(null, { kind: "button", data: "ul:yes" }, one);
    expect(d.effects).toEqual([]);
  });

  it("says the consent is withdrawn and linking again is possible when nothing is left", () => {
    const state = decide(null, { kind: "button", data: "unlink" }, one).state;
    const d = decide(state, { kind: "result", result: { kind: "unlinked", removed: 1, remaining: 0 } }, testContext());
    expect(d.state).toBeNull();
    expect(replyKeys(d)).toEqual([["chat:unlink.doneAll", "chat:unlink.relink"], ["chat:menu.unlinked"]]);
  });

  it("says there is nothing to unlink for a chat without links", () => {
    expect(replyKeys(decide(null, { kind: "text", text: "unlink" }, testContext()))).toEqual([["chat:unlink.nothing"], ["chat:menu.unlinked"]]);
  });
});
