// Sends Telegram webhook updates at a fixed arrival rate, in a process of its own so that the
// load does not share the service's event loop. Open loop: a request is sent when its time comes,
// whether or not earlier ones were answered, so a slow service shows as latency, not as a lower
// rate. Started with fork(); receives one step at a time and answers with its latencies.
import { Agent } from "node:http";
import { postUpdate } from "../test/fakes/webhookPost.ts";

export interface LoadStep {
  webhook: string;
  secret: string;
  perSecond: number;
  seconds: number;
  /** The first chat id of this step; each message comes from its own chat. */
  firstChat: number;
  firstUpdate: number;
}

export interface StepResult {
  sent: number;
  ok: number;
  /** Non-200 answers and network errors, by status ("network" for no answer). */
  errors: Record<string, number>;
  /** POST → HTTP answer, ms, in sending order. */
  latencies: number[];
  /** Seconds from the first request to the last answer. */
  seconds: number;
}

const TEXTS = [
  "xin chào",
  "/start",
  "bao giờ nhận tiền tháng này",
  "sao tháng này ít tiền vậy",
  "có người gọi xin mã OTP",
  "mẹ tôi 81 tuổi được hưởng gì",
  "cần mang giấy tờ gì",
  "ko hiểu",
  "cho gặp cán bộ",
  "menu",
];

const agent = new Agent({ keepAlive: true, maxSockets: 512 });

async function runStep(step: LoadStep): Promise<StepResult> {
  const total = Math.round(step.perSecond * step.seconds);
  const latencies: number[] = new Array<number>(total).fill(Number.NaN);
  const errors: Record<string, number> = {};
  let ok = 0;
  const start = performance.now();
  let lastAnswer = start;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / step.perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const chat = step.firstChat + i;
    const body = JSON.stringify({
      update_id: step.firstUpdate + i,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chat, type: "private", first_name: "Bác" },
        from: { id: chat, is_bot: false, first_name: "Bác", language_code: "vi" },
        text: TEXTS[i % TEXTS.length],
      },
    });
    const sentAt = performance.now();
    inFlight.push(
      postUpdate(agent, step.webhook, step.secret, body)
        .then((status) => {
          const now = performance.now();
          latencies[i] = now - sentAt;
          lastAnswer = Math.max(lastAnswer, now);
          if (status === 200) ok++;
          else errors[String(status)] = (errors[String(status)] ?? 0) + 1;
        })
        .catch(() => {
          errors.network = (errors.network ?? 0) + 1;
        }),
    );
  }
  await Promise.all(inFlight);
  return {
    sent: total,
    ok,
    errors,
    latencies: latencies.filter((l) => !Number.isNaN(l)),
    seconds: (lastAnswer - start) / 1000,
  };
}

process.on("message", (msg: unknown) => {
  if (msg === "close") {
    agent.destroy();
    process.exit(0);
    return;
  }
  void runStep(msg as LoadStep).then((result) => process.send?.(result));
});
process.send?.({ ready: true });
