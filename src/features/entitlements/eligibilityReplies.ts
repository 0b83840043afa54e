// The eligibility guide in plain words: what MAY apply and how much, the "only the highest one"
// rule, the card and the funeral support that come with social assistance, that a province may pay
// more, who decides, and what to bring to the commune office. Never a promise: the commune decides
// after checking the papers; an amount the data lacks is left for the commune to confirm.
import { say, type Reply, type TextRef } from "../../core/reply.ts";
import type { MayApply } from "./eligibility.ts";

const NS = "entitlements:eligibility";

export function eligibilityReplies(result: MayApply[]): Reply[] {
  if (result.length === 0) {
    return [{ text: [say(`${NS}.nothing`), say(`${NS}.askCommune`)] }];
  }
  const replies: Reply[] = [{ text: [say(`${NS}.intro`), ...result.map(itemText)] }];
  const assistance = result.filter((r) => r.programme === "BTXH");
  const highest = assistance[0];
  if (assistance.length > 1 && highest && highest.monthly !== null) {
    const pension = assistance.some((r) => r.categoryCode === "SOCIAL_PENSION");
    replies.push({
      text: [
        say(`${NS}.${pension ? "pensionOrAssistance" : "highestOnly"}`, {
          label: highest.label,
          labelEn: highest.labelEn,
          amount: { vnd: highest.monthly },
        }),
      ],
    });
  }
  const funeral = assistance.find((r) => r.funeralSupport !== null)?.funeralSupport;
  if (assistance.length) {
    const extras: TextRef[] = [say(`${NS}.healthCard`)];
    if (funeral) extras.push(say(`${NS}.funeral`, { amount: { vnd: funeral } }));
    if (assistance.some((r) => r.categoryCode.startsWith("BTXH_ESPECIALLY_SEVERE")))
      extras.push(say(`${NS}.careAllowance`));
    replies.push({ text: extras });
  }
  const decides: TextRef[] = [];
  if (assistance.length) decides.push(say(`${NS}.decidesAssistance`));
  if (result.some((r) => r.programme === "NCC")) decides.push(say(`${NS}.decidesMeritorious`));
  decides.push(say(`${NS}.notADecision`));
  decides.push(say(`${NS}.provinceMayPayMore`));
  replies.push({ text: decides });
  replies.push({ text: [say(`${NS}.bring.intro`), ...bringList(result)] });
  return replies;
}

function itemText(r: MayApply): TextRef {
  if (r.monthly === null) return say(`${NS}.item.communeConfirms`, { label: r.label, labelEn: r.labelEn });
  const params = { label: r.label, labelEn: r.labelEn, amount: { vnd: r.monthly } };
  if (r.difference) return say(`${NS}.item.difference`, params);
  if (r.categoryCode === "NCC_WAR_INVALID") return say(`${NS}.item.warInvalid`, params);
  return say(`${NS}.item.${r.atLeast ? "atLeast" : "monthly"}`, params);
}

function bringList(result: MayApply[]): TextRef[] {
  const codes = result.map((r) => r.categoryCode);
  const list = [say(`${NS}.bring.id`), say(`${NS}.bring.form`)];
  if (codes.some((c) => c.includes("DISABILITY"))) list.push(say(`${NS}.bring.disability`));
  if (codes.some((c) => c.includes("POOR") || c === "BTXH_OLD_80")) list.push(say(`${NS}.bring.poorHousehold`));
  if (codes.some((c) => c.startsWith("BTXH_CHILD_NO_CARER"))) list.push(say(`${NS}.bring.orphan`));
  if (codes.includes("BTXH_SINGLE_PARENT_POOR")) list.push(say(`${NS}.bring.children`));
  if (codes.includes("SOCIAL_PENSION")) list.push(say(`${NS}.bring.noPension`));
  if (codes.some((c) => c.startsWith("NCC_"))) list.push(say(`${NS}.bring.meritorious`));
  return list;
}
