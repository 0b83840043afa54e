// A stand-in for the two ways to reach a phone, over real HTTP:
// - Zalo ZNS: POST /message/template with header access_token and
//   {"phone","template_id","template_data","tracking_id"}. Answers as zalo.cloud's ZNS guide shows
//   them, numbers as strings: {"error":0,"message":"Success","data":{"msg_id":"…",
//   "sent_time":"1759983921893","sending_mode":"1","quota":{"dailyQuota":"500","remainingQuota":"499"}}}
//   or {"error":<negative>,"message":…}: -108 invalid phone, -118 no Zalo account, -114 user
//   inactive or rejecting, -141 user refused ZNS from this OA, -144 daily quota used, -124 wrong
//   token. On request it answers a 2xx whose body cannot be read (the message was still sent).
// - An SMS gateway: POST /sms with Authorization: Bearer <token> and {"to","text","sender","reference"};
//   answers 200 {"id"}; 400 for a number it cannot serve; injected 429/5xx. For two-way SMS it also
//   plays the gateway posting what people send (postInboundSms).
import { createHmac } from "node:crypto";
import { createServer } from "node:http";

export interface PhoneMessage {
  via: "ZNS" | "SMS";
  phone: string;
  /** ZNS: template id and data; SMS: the text. */
  templateId?: string;
  data?: Record<string, string>;
  text?: string;
  reference?: string;
  at: number;
}

export interface FakePhoneGateway {
  url: string;
  /** ZNS_API_ROOT */
  znsRoot: string;
  /** SMS_GATEWAY_URL */
  smsUrl: string;
  smsToken: string;
  accessToken: string;
  delivered: PhoneMessage[];
  /** Every request with the HTTP status and ZNS error it got. */
  calls: { via: "ZNS" | "SMS"; phone: string; status: number; error?: number }[];
  /** Phones (84…) that have no Zalo account (-118). */
  notOnZalo(phone: string): void;
  /** Phones (84…) whose owner refuses ZNS: -114 (inactive or rejecting) or -141 (refused this OA). */
  refusesZns(phone: string, code: -114 | -141 | -108): void;
  /** The next `times` ZNS requests are carried out but answered 200 with a body cut short. */
  garbleZnsAnswers(times?: number): void;
  setZnsQuota(perDay: number): void;
  /** The next `times` SMS requests get this HTTP status. */
  failSms(status: number, times?: number): void;
  close(): Promise<void>;
}

export async function startFakePhoneGateway(): Promise<FakePhoneGateway> {
  const accessToken = "zalo-access-token-for-the-fake";
  const smsToken = "sms-gateway-token-for-the-fake";
  const delivered: PhoneMessage[] = [];
  const calls: FakePhoneGateway["calls"] = [];
  const noZalo = new Set<string>();
  const refusing = new Map<string, number>();
  let garbled = 0;
  let quota = Number.POSITIVE_INFINITY;
  let znsSent = 0;
  const smsFailures: number[] = [];
  let ids = 0;

  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      const answer = (status: number, body: unknown, via: "ZNS" | "SMS", phone: string, error?: number) => {
        calls.push({ via, phone, status, ...(error !== undefined ? { error } : {}) });
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (req.url === "/message/template") {
        const phone = String(body.phone ?? "");
        if (req.headers.access_token !== accessToken)
          return answer(200, { error: -124, message: "Access token is invalid" }, "ZNS", phone, -124);
        if (noZalo.has(phone))
          return answer(200, { error: -118, message: "Zalo account is not existed" }, "ZNS", phone, -118);
        const refusal = refusing.get(phone);
        if (refusal !== undefined) {
          const why: Record<number, string> = {
            [-114]: "User is inactive or rejects the message",
            [-141]: "User refused to receive ZNS from this OA",
            [-108]: "Phone number is invalid",
          };
          return answer(200, { error: refusal, message: why[refusal] ?? "Refused" }, "ZNS", phone, refusal);
        }
        if (znsSent >= quota)
          return answer(200, { error: -144, message: "OA has exceeded the daily quota" }, "ZNS", phone, -144);
        znsSent++;
        delivered.push({
          via: "ZNS",
          phone,
          templateId: String(body.template_id),
          data: body.template_data as Record<string, string>,
          reference: String(body.tracking_id),
          at: Date.now(),
        });
        if (garbled > 0) {
          garbled--;
          calls.push({ via: "ZNS", phone, status: 200, error: 0 });
          res.writeHead(200, { "content-type": "application/json" });
          return void res.end('{"error":0,"message":"Succ');
        }
        // Zalo writes every number in `data` as a string.
        const quotaInfo = {
          quota: {
            dailyQuota: String(Number.isFinite(quota) ? quota : 500),
            remainingQuota: String(Number.isFinite(quota) ? Math.max(0, quota - znsSent) : 500 - znsSent),
          },
        };
        const data = { msg_id: `zns${++ids}a8f3`, sent_time: String(Date.now()), sending_mode: "1", ...quotaInfo };
        return answer(200, { error: 0, message: "Success", data }, "ZNS", phone, 0);
      }
      if (req.url === "/sms") {
        const phone = String(body.to ?? "");
        if (req.headers.authorization !== `Bearer ${smsToken}`)
          return answer(401, { error: "unauthorised" }, "SMS", phone);
        const injected = smsFailures.shift();
        if (injected) return answer(injected, { error: "injected" }, "SMS", phone);
        if (!/^84\d{9}$/.test(phone)) return answer(400, { error: "invalid number" }, "SMS", phone);
        delivered.push({
          via: "SMS",
          phone,
          text: String(body.text),
          reference: String(body.reference),
          at: Date.now(),
        });
        return answer(200, { id: `sms-${++ids}` }, "SMS", phone);
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    url,
    znsRoot: url,
    smsUrl: `${url}/sms`,
    smsToken,
    accessToken,
    delivered,
    calls,
    notOnZalo: (phone) => noZalo.add(phone),
    refusesZns: (phone, code) => void refusing.set(phone, code),
    garbleZnsAnswers: (times = 1) => {
      garbled += times;
    },
    setZnsQuota: (perDay) => {
      quota = perDay;
    },
    failSms: (status, times = 1) => {
      for (let i = 0; i < times; i++) smsFailures.push(status);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * What the SMS gateway posts to the service when a person sends an SMS: the fields as JSON (or as a
 * form), signed with HMAC-SHA256 of the raw body under the shared secret in `x-signature`. Resolves
 * with the HTTP status the service answered.
 */
export async function postInboundSms(
  url: string,
  secret: string,
  fields: Record<string, string | number>,
  options: { form?: boolean; signature?: string | null; rawBody?: string } = {},
): Promise<number> {
  const body =
    options.rawBody ??
    (options.form
      ? new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString()
      : JSON.stringify(fields));
  const signature =
    options.signature === undefined ? createHmac("sha256", secret).update(body).digest("hex") : options.signature;
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": options.form ? "application/x-www-form-urlencoded" : "application/json",
      ...(signature === null ? {} : { "x-signature": signature }),
    },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}
