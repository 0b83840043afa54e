// Who may send to whom: an officer targets only their own communes (the server refuses others, not
// only the page), never sees another area's broadcasts, and a large send waits for a second
// officer whose area covers it; the creator cannot approve their own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignedIn } from "../helpers/app.ts";
import { createdId, getPage, postForm, startBroadcastHarness, type BroadcastHarness } from "./harness.ts";

describe("broadcast access and approval", () => {
  let h: BroadcastHarness;
  let hoa: SignedIn;
  let dong: SignedIn;
  let tinh: SignedIn;
  let agent: SignedIn;
  beforeAll(async () => {
    h = await startBroadcastHarness({ BROADCAST_APPROVAL_THRESHOLD: "2" });
    hoa = await h.signIn("canbo.hoa");
    dong = await h.signIn("canbo.dong");
    tinh = await h.signIn("canbo.tinh");
    agent = await h.signIn("tongdai.an");
  });
  afterAll(async () => {
    await h?.close();
  });

  const form = (communeIds: string[], action: "preview" | "create", title = "Thông báo họp"): [string, string][] => [
    ["title", title],
    ...communeIds.map((id): [string, string] => ["communeIds", id]),
    ["textVi", "Kính mời bác {ho_ten} dự họp tại nhà văn hóa."],
    ["when", "now"],
    ["action", action],
  ];

  it("refuses a commune outside the officer's area, for the preview and for the send", async () => {
    for (const action of ["preview", "create"] as const) {
      const res = await postForm(h.app.url, dong, "/console/broadcasts", form([h.world.communes.a], action));
      expect(res.status).toBe(403);
      // Mixed with their own commune: still refused.
      expect(
        (await postForm(h.app.url, dong, "/console/broadcasts", form([h.world.communes.b, h.world.communes.a], action)))
          .status,
      ).toBe(403);
    }
    // A province officer cannot reach into another province either.
    expect((await postForm(h.app.url, tinh, "/console/broadcasts", form([h.world.communes.c], "create"))).status).toBe(
      403,
    );
    expect(await h.app.prisma.broadcast.count()).toBe(0);
    // Hotline agents do not send broadcasts.
    expect((await getPage(h.app.url, agent, "/console/broadcasts")).status).toBe(403);
    expect((await postForm(h.app.url, agent, "/console/broadcasts", form([h.world.communes.a], "create"))).status).toBe(
      403,
    );
  });

  it("holds a send above the threshold until a second officer approves it", async () => {
    const preview = await postForm(h.app.url, hoa, "/console/broadcasts", form([h.world.communes.a], "preview"));
    expect(preview.status).toBe(200);
    const page = await preview.text();
    expect(page).toContain('id="preview-count">6<');
    expect(page).toContain("cần một cán bộ khác duyệt");

    const created = await postForm(h.app.url, hoa, "/console/broadcasts", form([h.world.communes.a], "create"));
    expect(created.status).toBe(303);
    const id = createdId(created);
    const status = async () => (await h.app.prisma.broadcast.findUniqueOrThrow({ where: { id } })).status;
    expect(await status()).toBe("AWAITING_APPROVAL");
    await h.fire(new Date(h.app.clock.now().getTime() + 60_000));
    expect(await h.app.prisma.broadcastDelivery.count({ where: { broadcastId: id } })).toBe(0);
    expect(h.telegram.sentMessages(h.world.chatIds.ann)).toHaveLength(0);

    // The creator's page says someone else must approve; the province officer's offers the button.
    const own = await (await getPage(h.app.url, hoa, `/console/broadcasts/${id}`)).text();
    expect(own).toContain("không tự duyệt được");
    expect(own).not.toContain('id="approve-button"');
    expect(await (await getPage(h.app.url, tinh, `/console/broadcasts/${id}`)).text()).toContain('id="approve-button"');
    // The creator cannot approve; an officer of another commune does not even see it.
    expect((await postForm(h.app.url, hoa, `/console/broadcasts/${id}/approve`, [])).status).toBe(403);
    for (const path of ["", "/export", "/events"])
      expect((await getPage(h.app.url, dong, `/console/broadcasts/${id}${path}`)).status).toBe(404);
    expect((await postForm(h.app.url, dong, `/console/broadcasts/${id}/approve`, [])).status).toBe(404);
    expect((await postForm(h.app.url, dong, `/console/broadcasts/${id}/cancel`, [])).status).toBe(404);
    expect(await (await getPage(h.app.url, dong, "/console/broadcasts")).text()).not.toContain("Thông báo họp");
    expect(await status()).toBe("AWAITING_APPROVAL");

    // The province officer covers Hòa An: their approval sends it at once.
    const approved = await postForm(h.app.url, tinh, `/console/broadcasts/${id}/approve`, []);
    expect(approved.status).toBe(303);
    const sent = await h.telegram.waitForMessages(h.world.chatIds.ann, 1, 10_000);
    expect(sent[0]?.text).toBe("Kính mời bác Nguyễn Thị Ánh dự họp tại nhà văn hóa.");
    const b = await h.app.prisma.broadcast.findUniqueOrThrow({ where: { id } });
    expect(b.approvedById).toBe(h.staff.tinh);
    expect((await postForm(h.app.url, tinh, `/console/broadcasts/${id}/approve`, [])).status).toBe(409);
    const audit = await h.app.prisma.auditLog.findMany({ where: { entityId: id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["broadcast.create", "canbo.hoa"],
      ["broadcast.approve", "canbo.tinh"],
    ]);
  });

  it("sends a small broadcast without approval", async () => {
    const created = await postForm(
      h.app.url,
      dong,
      "/console/broadcasts",
      form([h.world.communes.b], "create", "Tin cho Đông Ba"),
    );
    expect(created.status).toBe(303);
    const id = createdId(created);
    await h.telegram.waitForMessages(h.world.chatIds.khoa, 1, 10_000);
    expect((await h.app.prisma.broadcast.findUniqueOrThrow({ where: { id } })).approvedById).toBeNull();
    // Hòa An's officer does not see Đông Ba's broadcast.
    expect((await getPage(h.app.url, hoa, `/console/broadcasts/${id}`)).status).toBe(404);
    expect((await getPage(h.app.url, tinh, `/console/broadcasts/${id}`)).status).toBe(200);
  });
});
