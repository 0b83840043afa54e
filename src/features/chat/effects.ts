// Runs what the chat flows asked for, inside the transaction of the message being answered.
import type { ChatContext, Tx } from "../../conversation/brain.ts";
import { checkAuthorisation, checkLimit, findCode, lookupId, verifyIdentity } from "./identityChecks.ts";
import { link, profile, select, unlink } from "./linkWrites.ts";
import type { ChatEffect, ChatResult } from "./protocol.ts";

export async function performEffect(tx: Tx, effect: ChatEffect, ctx: ChatContext): Promise<ChatResult | null> {
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
  }
}
