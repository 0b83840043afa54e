import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

const TELEGRAM = { TELEGRAM_BOT_TOKEN: "123456:ABC-def", TELEGRAM_WEBHOOK_SECRET: "s3cret", TELEGRAM_MODE: "webhook" };
const ZALO = { ZALO_APP_ID: "app", ZALO_OA_SECRET_KEY: "secret" };

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  return "";
}

describe("PUBLIC_URL for Telegram's webhook", () => {
  it("is refused at start unless it is HTTPS, as setWebhook demands", () => {
    expect(problems({ ...TELEGRAM, PUBLIC_URL: "http://ansinh.example.vn" })).toMatch(
      /PUBLIC_URL: Telegram sends webhooks only to an https:\/\/ address/,
    );
  });

  it("is refused on a port setWebhook does not take, and accepted on 443, 80, 88 and 8443", () => {
    expect(problems({ ...TELEGRAM, PUBLIC_URL: "https://ansinh.example.vn:3000" })).toMatch(
      /only to ports 443, 80, 88 or 8443 \(got 3000\)/,
    );
    for (const port of ["", ":443", ":80", ":88", ":8443"])
      expect(problems({ ...TELEGRAM, PUBLIC_URL: `https://ansinh.example.vn${port}` })).toBe("");
  });

  it("may be any address with a local Bot API server, which has no such rule", () => {
    expect(
      problems({ ...TELEGRAM, PUBLIC_URL: "http://10.0.0.5:3104", TELEGRAM_API_ROOT: "http://127.0.0.1:8081" }),
    ).toBe("");
  });
});

describe("ZNS_TEMPLATES", () => {
  it("accepts the notice names listed in docs/channels.md with their parameters", () => {
    const c = loadConfig({
      ...ZALO,
      ZNS_TEMPLATES: JSON.stringify({
        "notices:reminder": { templateId: "301234", params: { customer_name: "name", amount: "amount" } },
      }),
    });
    expect(c.zns?.templates["notices:reminder"]?.templateId).toBe("301234");
  });

  it("refuses at start a name that is no notice, saying which names there are", () => {
    const message = problems({
      ...ZALO,
      ZNS_TEMPLATES: JSON.stringify({ "notices:reminderCash": { templateId: "1", params: { ten: "name" } } }),
    });
    expect(message).toMatch(
      /ZNS_TEMPLATES: "notices:reminderCash" is not a notice name; use one of .*notices:reminder,/,
    );
  });

  it("refuses a parameter the notice does not carry", () => {
    const message = problems({
      ...ZALO,
      ZNS_TEMPLATES: JSON.stringify({ "notices:paidCash": { templateId: "1", params: { so_tien: "money" } } }),
    });
    expect(message).toMatch(/"notices:paidCash" has no parameter "money"; it carries name, month, amount/);
  });
});

describe("ZALO_TRANSACTION_TEMPLATES", () => {
  it("takes a transaction template type and header per notice", () => {
    const c = loadConfig({
      ...ZALO,
      ZALO_TRANSACTION_TEMPLATES: JSON.stringify({
        "notices:reminder": {
          templateType: "transaction_event",
          header: "Nhắc lịch nhận tiền",
          table: { "Số tiền": "amount" },
        },
      }),
    });
    expect(c.zalo?.transactionTemplates["notices:reminder"]).toEqual({
      templateType: "transaction_event",
      header: "Nhắc lịch nhận tiền",
      table: { "Số tiền": "amount" },
    });
  });

  it("refuses an unknown notice name or template type", () => {
    expect(
      problems({
        ...ZALO,
        ZALO_TRANSACTION_TEMPLATES: JSON.stringify({
          "notices:soon": { templateType: "transaction_event", header: "x" },
        }),
      }),
    ).toMatch(/"notices:soon" is not a notice name/);
    expect(
      problems({
        ...ZALO,
        ZALO_TRANSACTION_TEMPLATES: JSON.stringify({ "notices:reminder": { templateType: "promotion", header: "x" } }),
      }),
    ).toMatch(/ZALO_TRANSACTION_TEMPLATES: must look like/);
  });
});
