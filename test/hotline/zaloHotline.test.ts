// The hotline for a Zalo user, end to end over HTTP: signed webhook events from the fake Zalo
// platform reach the real app, an agent answers through the console, the answer arrives at Zalo
// for that person, their next message lands in the ticket, and a reply Zalo refuses shows in the
// ticket as undelivered, with the reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaff, movableClock, signIn, startTestApp, type ChatTestApp, type SignedIn } from "../helpers/app.ts";
import { startFakeZaloApi, type FakeZaloApi, type SentZaloMessage } from "../fakes/zaloApi.ts";

const PW = "mat-khau-dai-12345";
const USER = "7002000000000000001";

describe("the hotline for a Zalo user", () => {
  let zalo: FakeZaloApi;
  let app: ChatTestApp;
  let webhook: string;
  let agent: SignedIn;

  beforeAll(async () => {
    // Real time: queued messages are due by the database's clock.
    const clock = movableClock();
    zalo = await startFakeZaloApi({ now: () => clock.now() });
    app = await startTestApp({ chat: true, env: zalo.env(), clock });
    webhook = `${app.url}/channels/zalo/webhook`;
    const province = await app.prisma.province.create({ data: { code: "941", name: "Tỉnh Zalo" } });
    await app.prisma.commune.create({ data: { code: "94101", name: "Xã Một", provinceId: province.id } });
    await createStaff(app.prisma, {
      username: "tongdai.lan",
      password: PW,
      role: "HOTLINE_AGENT",
      fullName: "Phạm Thị Lan",
      provinceCodes: ["941"],
    });
    agent = await signIn(app.url, "tongdai.lan", PW);
  });
  afterAll(async () => {
    await app?.close();
    await zalo?.close();
  });

  const vi = (key: string, params?: Record<string, unknown>) => app.deps.i18n.t("vi")(key, params);

  async function type(text: string): Promise<void> {
    expect((await zalo.deliver(webhook, zalo.events.text(USER, text))).status).toBe(200);
  }

  /** The first message to the person, from the `from`-th on, that says this. */
  async function received(text: string, from = 0): Promise<SentZaloMessage> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = zalo
        .messagesTo(USER)
        .slice(from)
        .find((m) => m.text.includes(text));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `Zalo never received "${text}"; got: ${zalo
            .messagesTo(USER)
            .map((m) => m.text)
            .join(" | ")}`,
        );
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async function ticket() {
    return app.prisma.hotlineTicket.findFirstOrThrow({
      where: { identity: { channel: "ZALO", platformUserId: USER } },
      include: { messages: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { outbound: true } } },
    });
  }

  /** The agent's action on a ticket, as the console's form posts it. */
  async function act(number: number, fields: Record<string, string>): Promise<Response> {
    return fetch(`${app.url}/console/hotline/${number}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: agent.cookie },
      body: new URLSearchParams({ ...fields, _csrf: agent.csrfToken }),
    });
  }

  /** The ticket's conversation as the console's live view loads it. */
  async function consoleMessages(number: number): Promise<string> {
    const res = await fetch(`${app.url}/console/hotline/${number}/messages`, { headers: { cookie: agent.cookie } });
    expect(res.status).toBe(200);
    return res.text();
  }

  it("turns a complaint into a ticket, and the agent's answer arrives at Zalo", async () => {
    expect((await zalo.deliver(webhook, zalo.events.follow(USER))).status).toBe(200);
    await received(vi("chat:welcome"));
    await type("Tôi muốn khiếu nại cán bộ xã");

    await received(vi("hotline:chat.why.complaint"));
    const t = await ticket();
    expect(t).toMatchObject({ topic: "complaint", priority: "HIGH", status: "NEW" });
    await received(vi("hotline:chat.opened", { number: t.number }));

    // The agent finds it under its topic in the queue.
    const queue = await (
      await fetch(`${app.url}/console/hotline/queue?topic=complaint`, { headers: { cookie: agent.cookie } })
    ).text();
    expect(queue).toContain(`#${t.number}`);
    expect(queue).toContain(vi("hotline:console.topic.complaint"));
    expect(queue).toContain(vi("console:channel.ZALO"));

    // A forged answer without the session's token is refused.
    const forged = await fetch(`${app.url}/console/hotline/${t.number}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: agent.cookie },
      body: new URLSearchParams({ action: "reply", text: "giả mạo" }),
    });
    expect(forged.status).toBe(403);

    const before = zalo.messagesTo(USER).length;
    expect((await act(t.number, { action: "claim" })).status).toBe(200);
    expect((await act(t.number, { action: "reply", text: "Chào Bác, Bác cho tôi biết cán bộ nào ạ?" })).status).toBe(
      200,
    );
    const answer = await received("Bác cho tôi biết cán bộ nào ạ?", before);
    expect(answer.text).toContain(`phiếu số ${t.number}`);
    expect(
      zalo
        .messagesTo(USER)
        .slice(before)
        .map((m) => m.text)
        .join("\n"),
    ).not.toContain("giả mạo");
    expect(await ticket()).toMatchObject({ status: "WAITING_FOR_PERSON" });
    await expect
      .poll(async () => (await ticket()).messages.find((m) => m.author === "STAFF")?.outbound?.status)
      .toBe("SENT");
  });

  it("puts the person's next message into the ticket, back with the agent", async () => {
    const { number } = await ticket();
    const before = zalo.messagesTo(USER).length;
    await type("Cán bộ thôn 3 ạ");
    await received(vi("hotline:chat.added", { number }), before);
    const t = await ticket();
    expect(t.status).toBe("ASSIGNED");
    expect(t.messages.filter((m) => m.author === "PERSON").map((m) => m.text)).toEqual([
      "Tôi muốn khiếu nại cán bộ xã",
      "Cán bộ thôn 3 ạ",
    ]);
    expect(await consoleMessages(number)).toContain("Cán bộ thôn 3 ạ");
  });

  it("shows a reply Zalo refuses (the person no longer follows the OA) as undelivered, with the reason", async () => {
    const { number } = await ticket();
    zalo.unfollow(USER);
    const before = zalo.messagesTo(USER).length;
    expect((await act(number, { action: "reply", text: "Tôi đã chuyển cho cán bộ xã ạ." })).status).toBe(200);
    await expect.poll(() => consoleMessages(number), { timeout: 15_000 }).toMatch(/Không gửi được: not_follower/);
    const refused = (await ticket()).messages.filter((m) => m.author === "STAFF").at(-1);
    expect(refused?.outbound).toMatchObject({ status: "FAILED", failureReason: "not_follower" });
    expect(zalo.calls.some((c) => c.endpoint === "send" && c.error === -213)).toBe(true);
    expect(zalo.messagesTo(USER).slice(before)).toEqual([]);
  });
});
