// Two-way SMS for feature phones: the fourth way into the same conversation. People's messages come
// in through the gateway's signed webhook (smsWebhook.ts); the chat id is the phone number
// (0xxxxxxxxx), so the person is recognised by the number on record (flows/linkByPhone). Answers go
// out through the outbound SMS gateway. In the running service the SMS phone sender
// (delivery/phone/smsSender.ts) carries the conversation's rows, so the gateway has one queue and
// one pace for notices and answers alike; `send` here is the same text through the same gateway.
import type { Config } from "../../config.ts";
import { postSms } from "../../delivery/phone/smsSender.ts";
import type { ChannelAdapter, ChannelDeps } from "../channel.ts";
import { createSmsWebhookRouter } from "./smsWebhook.ts";
import { smsText } from "./smsText.ts";

type SmsConfig = NonNullable<Config["sms"]>;

export function createSmsChannel(
  deps: ChannelDeps & { sms: SmsConfig; inbound: NonNullable<SmsConfig["inbound"]> },
): ChannelAdapter {
  const router = createSmsWebhookRouter({
    engine: deps.engine,
    prisma: deps.prisma,
    log: deps.log.child({ channel: "SMS" }),
    clock: deps.clock,
    secret: deps.inbound.secret,
    signatureHeader: deps.inbound.signatureHeader,
    bodyLimit: "64kb",
  });
  return {
    name: "SMS",
    http: { path: "/channels/sms", router },
    async send(chat, rendered, context) {
      const locale = context?.locale ?? "vi";
      const reply = context?.reply ?? { text: [{ key: "channels:sms.plain", params: { text: rendered.text } }] };
      return postSms(deps.sms, chat.platformUserId, smsText(deps.i18n.t(locale), locale, reply), undefined);
    },
    async start() {},
    async stop() {},
  };
}
