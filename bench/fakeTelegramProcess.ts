// The fake Bot API in a process of its own, so that it does not share the sender's CPU.
// Started with fork(); answers {type:"stats"} messages with what it received.
import { startFakeTelegramApi } from "../test/fakes/telegramApi.ts";

const perSecond = Number(process.env.FAKE_RATE_PER_SECOND);
// Keeps no message log: a long run would otherwise spend its time collecting garbage, and the
// pauses would bunch arrivals the way no real server does.
const fake = await startFakeTelegramApi({ keep: false });
if (perSecond > 0) fake.rateLimit({ perSecond });
let accepted = 0;
let refused = 0;
let firstAt = 0;
let lastAt = 0;
let first429Index = -1;
const perSecondCounts = new Map<number, number>();
fake.onCall((call) => {
  if (call.method !== "sendMessage") return;
  if (call.status === 200) {
    accepted++;
    const second = Math.floor(call.at / 1000);
    perSecondCounts.set(second, (perSecondCounts.get(second) ?? 0) + 1);
    if (!firstAt) firstAt = call.at;
    lastAt = call.at;
  } else if (call.status === 429) {
    refused++;
    if (first429Index < 0) first429Index = accepted;
  }
});
process.on("message", (msg: unknown) => {
  if (msg === "stats")
    process.send?.({ accepted, refused, firstAt, lastAt, first429Index, perSecond: [...perSecondCounts.values()] });
  if (msg === "close") void fake.close().then(() => process.exit(0));
});
process.send?.({ ready: true, apiRoot: fake.apiRoot, token: fake.token });
