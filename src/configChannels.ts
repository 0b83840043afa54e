// Checks of channel settings that need more than a pattern, made once at start so a mistake is
// reported in words instead of as a platform refusal later. config.ts reads the environment and
// calls these.
import { z } from "zod";
import { paramsOf, TEMPLATE_NAMES } from "./delivery/templateNames.ts";

/** Where Telegram's own servers are; a local Bot API server (another root) has other rules. */
const TELEGRAM_CLOUD = "https://api.telegram.org";
// Bot API, setWebhook: "Ports currently supported for webhooks: 443, 80, 88, 8443", HTTPS only.
const WEBHOOK_PORTS = new Set(["443", "80", "88", "8443"]);

/**
 * Why setWebhook would refuse PUBLIC_URL, or null. Telegram's cloud Bot API takes only an HTTPS
 * address on port 443, 80, 88 or 8443; a local Bot API server (TELEGRAM_API_ROOT pointing
 * elsewhere) takes any address and port ("Using a Local Bot API Server" in the Bot API docs).
 */
export function webhookUrlProblem(publicUrl: string, apiRoot: string): string | null {
  if (apiRoot.replace(/\/+$/, "") !== TELEGRAM_CLOUD) return null;
  const url = new URL(publicUrl);
  if (url.protocol !== "https:") {
    return `PUBLIC_URL: Telegram sends webhooks only to an https:// address (got ${url.protocol}//); use HTTPS, or TELEGRAM_MODE=polling`;
  }
  const port = url.port || "443";
  if (!WEBHOOK_PORTS.has(port)) {
    return `PUBLIC_URL: Telegram sends webhooks only to ports 443, 80, 88 or 8443 (got ${port}); put the service behind one of them`;
  }
  return null;
}

/** ZNS_TEMPLATES: notice name → the approved ZNS template and its parameters (ZNS name → ours). */
export const znsTemplates = z.record(
  z.string().min(1),
  z.object({ templateId: z.string().min(1), params: z.record(z.string().min(1), z.string().min(1)) }),
);
export type ZnsTemplates = z.infer<typeof znsTemplates>;

// The transaction template types of OA API v3 (official PHP SDK, Common/TransactionTemplateType).
const TRANSACTION_TYPES = [
  "transaction_billing",
  "transaction_order",
  "transaction_reward",
  "transaction_contract",
  "transaction_booking",
  "transaction_membership",
  "transaction_event",
  "transaction_transaction",
  "transaction_account",
  "transaction_internal",
  "transaction_partnership",
  "transaction_education",
  "transaction_rating",
] as const;

/**
 * ZALO_TRANSACTION_TEMPLATES: notice name → how it is laid out as a Zalo transaction message
 * (sent to a follower outside the free reply window): the template type, a header, and optional
 * table rows (label → the notice's parameter).
 */
export const transactionTemplates = z.record(
  z.string().min(1),
  z.object({
    templateType: z.enum(TRANSACTION_TYPES),
    header: z.string().min(1).max(100),
    table: z.record(z.string().min(1).max(100), z.string().min(1)).optional(),
  }),
);
export type TransactionTemplates = z.infer<typeof transactionTemplates>;

/**
 * Parses one of the template settings (JSON); throws ConfigError-ready messages naming an unknown
 * notice name or parameter, so an operator's typo never silently sends everything by SMS.
 */
export function parseTemplateSetting<
  T extends Record<string, { params?: Record<string, string>; table?: Record<string, string> }>,
>(variable: string, text: string, schema: z.ZodType<T>, example: string): { value: T } | { problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problems: [`${variable}: not valid JSON`] };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { problems: [`${variable}: must look like ${example}`] };
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(parsed.data)) {
    if (!TEMPLATE_NAMES.includes(name)) {
      problems.push(
        `${variable}: "${name}" is not a notice name; use one of ${TEMPLATE_NAMES.join(", ")} (docs/channels.md)`,
      );
      continue;
    }
    const ours = Object.values({ ...entry.params, ...entry.table });
    const allowed = paramsOf(name);
    for (const p of ours.filter((v) => !allowed.includes(v))) {
      problems.push(`${variable}: "${name}" has no parameter "${p}"; it carries ${allowed.join(", ")}`);
    }
  }
  return problems.length > 0 ? { problems } : { value: parsed.data };
}
