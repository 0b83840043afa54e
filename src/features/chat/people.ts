// The people this chat may see: switching between them (a relative may collect for several) and
// what the bot knows about the one selected. Payout details are shown elsewhere.
import { btn, say } from "../../core/reply.ts";
import type { ChatContext } from "../../conversation/brain.ts";
import { BUTTON, SELECT_PREFIX } from "./commands.ts";
import { decision, type ChatDecision } from "./decision.ts";
import { activePerson, menu, title } from "./menu.ts";
import type { ChatResult } from "./protocol.ts";
import { notificationsState } from "../notifications/notificationsChoice.ts";

export function choosePerson(ctx: ChatContext): ChatDecision {
  if (ctx.links.length < 2) return decision(null, [menu(ctx)]);
  const rows = ctx.links.map((l) => [btn("chat:button.person", `${SELECT_PREFIX}${l.beneficiaryId}`, { title: title(l.sex), name: l.fullName })]);
  return decision(null, [{ text: [say("chat:switch.choose")], buttons: [...rows, [btn("chat:button.menu", BUTTON.menu)]] }]);
}

export function selectPerson(beneficiaryId: string, ctx: ChatContext): ChatDecision {
  const link = ctx.links.find((l) => l.beneficiaryId === beneficiaryId);
  // A button from an old list, for someone no longer linked: show what is possible now.
  if (!link) return decision(null, [{ text: [say("chat:staleButton")] }, menu(ctx)]);
  const selected = { ...ctx, activeBeneficiaryId: beneficiaryId };
  return decision(null, [menu(selected)], [{ kind: "select", beneficiaryId }]);
}

export function showProfile(ctx: ChatContext): ChatDecision {
  const active = activePerson(ctx);
  if (!active) return decision(null, [menu(ctx)]);
  return decision(null, [], [{ kind: "loadProfile", beneficiaryId: active.beneficiaryId }]);
}

export function onProfile(result: Extract<ChatResult, { kind: "profile" }>, ctx: ChatContext): ChatDecision {
  const p = result.profile;
  if (!p) return decision(null, [menu(ctx)]);
  const notices = notificationsState(ctx.notificationsOff);
  const more = [
    p.dateOfBirth ? say("chat:profile.dateOfBirth", { date: { date: p.dateOfBirth } }) : null,
    p.maskedPhone ? say("chat:profile.phone", { phone: p.maskedPhone }) : null,
    p.address ? say("chat:profile.address", { address: p.address }) : null,
    p.account === undefined ? null : p.account ? say("chat:profile.account", { account: p.account }) : say("chat:profile.cash"),
    p.receiver ? say("chat:profile.receiver", { name: p.receiver.name, date: { date: p.receiver.until } }) : null,
    p.chats ? say("chat:profile.chats", { count: p.chats }) : null,
  ].filter((line) => line !== null);
  return decision(null, [
    {
      text: [
        say("chat:profile.name", { name: p.fullName }),
        say("chat:profile.commune", { commune: p.communeName }),
        say("chat:profile.programme", { programme: { key: `chat:programme.${p.programme}` } }),
        say("chat:profile.status", { status: { key: `chat:status.${p.status}` } }),
        say("chat:profile.personalId", { id: p.maskedPersonalId }),
        ...more,
        notices.text,
      ],
      buttons: [[notices.button]],
    },
    // What the person can do about it: correct it, stop, or ask the commune for a copy or erasure.
    {
      text: [say("chat:profile.rights")],
      buttons: [[btn("requests:button.change", BUTTON.change)], [btn("chat:button.unlink", BUTTON.unlink)], [btn("chat:button.menu", BUTTON.menu)]],
    },
  ]);
}
