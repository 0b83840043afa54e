// What a person who just typed `npm start` needs on one screen: where to click, how to sign in,
// where the data lives and how to stop. Printed in development only; production logs a JSON line.

export interface BannerFacts {
  url: string;
  database: { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };
  channels: string[];
  logins: { username: string; password: string; role: string }[];
}

const ROLE_NAMES: Record<string, string> = {
  ADMIN: "administrator, everything",
  PROVINCE_OFFICER: "province officer, the whole demo province",
  COMMUNE_OFFICER: "commune officer, one commune",
  HOTLINE_AGENT: "hotline agent",
};

export function startupBanner(facts: BannerFacts): string {
  const rows: [string, string][] = [
    ["Web chat", `${facts.url}/chat`],
    ["Console", `${facts.url}/console`],
  ];
  const width = Math.max(...facts.logins.map((l) => `${l.username} / ${l.password}`.length), 0);
  facts.logins.forEach((l, i) => {
    rows.push([
      i === 0 ? "Sign in as" : "",
      `${`${l.username} / ${l.password}`.padEnd(width)}   ${ROLE_NAMES[l.role] ?? l.role}`,
    ]);
  });
  rows.push(["Chats", channelLine(facts.channels)]);
  rows.push([
    "Data",
    facts.database.kind === "pglite"
      ? `${facts.database.dataDir} (embedded PostgreSQL; delete it to start again)`
      : `PostgreSQL ${hidePassword(facts.database.url)}`,
  ]);
  const lines = rows.map(([label, value]) => `  ${label.padEnd(11)}${value}`);
  return ["", "An Sinh Bot is running.", "", ...lines, "", "Stop it with Ctrl+C. Log lines follow below.", ""].join(
    "\n",
  );
}

function channelLine(given: string[]): string {
  const channels = given.map((c) => c.toLowerCase());
  const names = channels.map((c) =>
    c === "web" ? "web chat" : c === "telegram" ? "Telegram" : c === "zalo" ? "Zalo" : c,
  );
  const off = ["telegram", "zalo"].filter((c) => !channels.includes(c));
  const hint = off.length
    ? ` (${off.map((c) => (c === "telegram" ? "Telegram: set TELEGRAM_BOT_TOKEN" : "Zalo: set ZALO_APP_ID and ZALO_OA_SECRET_KEY")).join("; ")})`
    : "";
  return names.join(", ") + hint;
}

function hidePassword(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@]*@/, "$1:•••@");
}
