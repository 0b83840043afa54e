// Runs what the chat flows asked for, inside the transaction of the message being answered.
import type { ChatContext, Tx } from "../../conversation/brain.ts";
import type { Policy } from "../policy/policySchema.ts";
import { explainFor, funeralSupport, guide } from "./entitlementEffects.ts";
import { loadPayoutOverview } from "../payouts/repository.ts";
import type { PayoutOverview } from "../payouts/types.ts";
import { checkAuthorisation, checkLimit, findCode, lookupId, verifyIdentity } from "./identityChecks.ts";
import { link, profile, select, unlink } from "./linkWrites.ts";
import { setNotifications } from "../notifications/setNotifications.ts";
import type { ChatEffect, ChatResult } from "./protocol.ts";
import { performRequestEffect } from "./requestEffects.ts";
import { performHotlineEffect } from "../hotline/chatEffects.ts";

export interface EffectDeps {
  /** The policy in force (from the database, reloaded when its version moves). */
  policy(tx: Tx): Promise<Policy>;
}

export async function performEffect(tx: Tx, effect: ChatEffect, ctx: ChatContext, deps: EffectDeps): Promise<ChatResult | null> {
  switch (effect.kind) {
    case "checkLimit":
      return checkLimit(tx, ctx);
    case "findCode":
      return findCode(tx, ctx, effect.raw);
    case "lookupId":
      return lookupId(tx, effect.personalId);
    case "verifyIdentity":
      return verifyIdentity(tx, ctx, effect);
    case "checkAuthorisation":
      return checkAuthorisation(tx, ctx, effect.beneficiaryId, effect.relativePersonalId);
    case "link":
      return link(tx, ctx, effect.request);
    case "unlink":
      return unlink(tx, ctx, effect.beneficiaryIds);
    case "select":
      await select(tx, ctx, effect.beneficiaryId);
      return null;
    case "setLocale":
      await tx.chatIdentity.update({ where: { id: ctx.identityId }, data: { locale: effect.locale } });
      return null;
    case "loadProfile":
      return profile(tx, ctx, effect.beneficiaryId);
    case "loadPayouts":
      return { kind: "payouts", topic: effect.topic, overview: await visibleOverview(tx, ctx, effect.beneficiaryId) };
    case "explainMonth":
      return explainFor(tx, ctx, await deps.policy(tx), effect.beneficiaryId, effect.month);
    case "assessEligibility":
      return guide(await deps.policy(tx), effect.answers, ctx.today);
    case "funeralSupport":
      return { ...(await funeralSupport(tx, ctx, await deps.policy(tx))), ...(effect.ticket ? { ticket: true } : {}) };
    case "setNotifications":
      await setNotifications(tx, ctx, effect.off);
      return null;
    case "saveDraft":
    case "loadDraft":
    case "discardDraft":
    case "submitRequest":
    case "listAuthorisations":
    case "revokeAuthorisation":
    case "linkFromRequest":
      return performRequestEffect(tx, effect, ctx);
    case "escalate":
    case "addToTicket":
    case "rateTicket":
      return performHotlineEffect(tx, effect, ctx);
  }
}

/** Payouts only of someone this chat is linked to (a button may outlive its link). */
async function visibleOverview(tx: Tx, ctx: ChatContext, beneficiaryId: string): Promise<PayoutOverview | null> {
  if (!ctx.links.some((l) => l.beneficiaryId === beneficiaryId)) return null;
  return loadPayoutOverview(tx, beneficiaryId, ctx.today);
}
