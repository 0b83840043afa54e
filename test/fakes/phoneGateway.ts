// A stand-in for the two ways to reach a phone, over real HTTP:
// - Zalo ZNS: POST /message/template with header access_token and
//   {"phone","template_id","template_data","tracking_id"}; answers {"error":0,"data":{"msg_id","quota":{…}}}
//   or {"error":<negative>,"message":…}: -118 for a phone with no Zalo account, -144 once the daily
//   quota is used, -124 for a wrong token.
// - An SMS gateway: POST /sms with Authorization: Bearer <token> and {"to","text","sender","reference"};
//   answers 200 {"id"}; 400 for a number it cannot serve; injected 429/5xx.
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
  /** Phones (84…) that have no Zalo account. */
  notOnZalo(phone: string): void;
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
        if (req.headers.access_token !== accessToken) return answer(200, { error: -124, message: "Access token is invalid" }, "ZNS", phone, -124);
        if (noZalo.has(phone)) return answer(200, { error: -118, message: "Zalo account is not existed" }, "ZNS", phone, -118);
        if (znsSent >= quota) return answer(200, { error: -144, message: "OA has exceeded the daily quota" }, "ZNS", phone, -144);
        znsSent++;
        delivered.push({
          via: "ZNS",
          phone,
          templateId: String(body.template_id),
          data: body.template_data as Record<string, string>,
          reference: String(body.tracking_id),
          at: Date.now(),
        });
        const quotaInfo = Number.isFinite(quota) ? { quota: { dailyQuota: quota, remainingQuota: Math.max(0, quota - znsSent) } } : {};
        return answer(200, { error: 0, message: "Success", data: { msg_id: `zns-${++ids}`, ...quotaInfo } }, "ZNS", phone, 0);
      }
      if (req.url === "/sms") {
        const phone = String(body.to ?? "");
        if (req.headers.authorization !== `Bearer ${smsToken}`) return answer(401, { error: "unauthorised" }, "SMS", phone);
        const injected = smsFailures.shift();
        if (injected) return answer(injected, { error: "injected" }, "SMS", phone);
        if (!/^84\d{9}$/.test(phone)) return answer(400, { error: "invalid number" }, "SMS", phone);
        delivered.push({ via: "SMS", phone, text: String(body.text), reference: String(body.reference), at: Date.now() });
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
    setZnsQuota: (perDay) => {
      quota = perDay;
    },
    failSms: (status, times = 1) => {
      for (let i = 0; i < times; i++) smsFailures.push(status);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
