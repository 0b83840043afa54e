// The people this chat may see: switching between them (a relative may collect for several) and
// what the bot knows about the one selected. Payout details are shown elsewhere.
import { type z } from "zod";
import { btn, say } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { decision, defineFlow, type Decision } from "../../../../conversation/flow.ts";
import { notificationsState } from "../../../notifications/notificationsChoice.ts";
import { activePerson, fullNameParams } from "../../address.ts";
import { BUTTON, SELECT_PREFIX } from "../../commands.ts";
import { BACK_ROW } from "../../kit.ts";
import { menu } from "../menu/replies.ts";
import { loadProfile, selectEffect, type Profile } from "./effects.ts";

const NAME = "people";

type Open = "switch" | "profile" | { select: string };

function choose(ctx: ChatContext): Decision {
  if (ctx.links.length < 2) return decision(null, [menu(ctx)]);
  const rows = ctx.links.map((l) => [
    btn("chat:button.person", `${SELECT_PREFIX}${l.beneficiaryId}`, fullNameParams(l)),
  ]);
  return decision(null, [{ text: [say("chat:switch.choose")], buttons: [...rows, BACK_ROW] }]);
}

function select(beneficiaryId: string, ctx: ChatContext): Decision {
  // A button from an old list, for someone no longer linked: show what is possible now.
  if (!ctx.links.some((l) => l.beneficiaryId === beneficiaryId))
    return decision(null, [{ ...menu(ctx), text: [say("chat:staleButton")] }]);
  return decision(
    null,
    [menu({ ...ctx, activeBeneficiaryId: beneficiaryId })],
    [selectEffect.ask(NAME, { beneficiaryId })],
  );
}

function showProfile(p: Profile | null, ctx: ChatContext): Decision {
  if (!p) return decision(null, [menu(ctx)]);
  const notices = notificationsState(ctx.notificationsOff);
  const more = [
    p.dateOfBirth ? say("chat:profile.dateOfBirth", { date: { date: p.dateOfBirth } }) : null,
    p.maskedPhone ? say("chat:profile.phone", { phone: p.maskedPhone }) : null,
    p.address ? say("chat:profile.address", { address: p.address }) : null,
    p.account === undefined
      ? null
      : p.account
        ? say("chat:profile.account", { account: p.account })
        : say("chat:profile.cash"),
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
      buttons: [[btn("requests:button.change", BUTTON.change)], [btn("chat:button.unlink", BUTTON.unlink)], BACK_ROW],
    },
  ]);
}

export const peopleFlow = defineFlow<never, Open, z.infer<typeof loadProfile.result>>({
  name: NAME,
  effects: [selectEffect, loadProfile],
  opens: {
    buttons: { [BUTTON.switch]: "switch", [BUTTON.profile]: "profile" },
    prefixes: [{ prefix: SELECT_PREFIX, read: (id) => (id ? { select: id } : null) }],
    words: { "thong tin cua toi": "profile", "doi nguoi": "switch" },
  },
  start(open, ctx) {
    if (open === "switch") return choose(ctx);
    if (typeof open === "object") return select(open.select, ctx);
    const active = activePerson(ctx);
    return active
      ? decision(null, [], [loadProfile.ask(NAME, { beneficiaryId: active.beneficiaryId })])
      : decision(null, [menu(ctx)]);
  },
  results: loadProfile.result,
  onResult: (_state, result, ctx) => showProfile(result.value, ctx),
});
