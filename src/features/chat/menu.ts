// The main menu and the short answers around it (welcome, help, hotline). Every choice is a button:
// many people cannot type comfortably on a small phone.
import { btn, message, say, type Button, type Reply, type TextRef } from "../../core/reply.ts";
import type { ChatContext, LinkedPerson } from "../../conversation/brain.ts";
import { BUTTON } from "./commands.ts";

export function menu(ctx: ChatContext): Reply {
  const active = activePerson(ctx);
  if (!active) {
    return {
      text: [say("chat:menu.unlinked")],
      buttons: [
        [btn("chat:button.linkByCode", BUTTON.linkByCode)],
        [btn("chat:button.linkById", BUTTON.linkById)],
        [btn("chat:button.eligibility", BUTTON.eligibility), btn("chat:button.scam", BUTTON.scam)],
        // A relative can ask to collect for someone before their chat is linked to them.
        [btn("requests:button.authorise", BUTTON.authorise)],
        helpRow(ctx),
      ],
    };
  }
  const rows: Button[][] = [
    [btn("chat:button.nextPayout", BUTTON.nextPayout), btn("chat:button.amount", BUTTON.amount)],
    [btn("chat:button.history", BUTTON.history), btn("chat:button.documents", BUTTON.documents)],
    [btn("chat:button.scam", BUTTON.scam), btn("requests:button.requests", BUTTON.requests)],
    [btn(active.role === "SELF" ? "chat:button.profileSelf" : "chat:button.profileOther", BUTTON.profile)],
  ];
  if (ctx.links.length > 1) rows.push([btn("chat:button.switch", BUTTON.switch)]);
  rows.push([btn("chat:button.add", BUTTON.add)], [btn("chat:button.unlink", BUTTON.unlink)], helpRow(ctx));
  const greeting =
    active.role === "SELF"
      ? say("chat:menu.greetSelf", { name: active.fullName })
      : say("chat:menu.greetRepresentative", { title: title(active.sex), name: active.fullName });
  return { text: [greeting, say("chat:menu.choose")], buttons: rows };
}

export function welcome(ctx: ChatContext): Reply[] {
  return [message("chat:welcome"), menu(ctx)];
}

/** What the bot does, who to call, and the one safety rule worth repeating every time. */
export function help(ctx: ChatContext, canResume: boolean): Reply {
  const buttons: Button[][] = [];
  if (canResume) buttons.push([btn("chat:button.resume", "resume")]);
  buttons.push([btn("chat:button.menu", BUTTON.menu)]);
  return {
    text: [say("chat:help.what"), say("chat:help.how"), contact(ctx), say("chat:help.safety")],
    buttons,
  };
}

/** Who to reach when the bot cannot help: the configured hotline, or else the commune office. */
export function contact(ctx: ChatContext): TextRef {
  const { hotlinePhone, hotlineHours } = ctx.settings;
  if (!hotlinePhone) return say("chat:contact.commune");
  return hotlineHours ? say("chat:contact.hotlineHours", { phone: hotlinePhone, hours: hotlineHours }) : say("chat:contact.hotline", { phone: hotlinePhone });
}

/**
 * Too many wrong codes or identity checks in the window: no more tries for now, and where else to
 * turn (the hotline, the commune office, a printed code from the commune officer).
 */
export function tooManyTries(ctx: ChatContext): Reply {
  return {
    text: [say("chat:limit.tooMany", { hours: ctx.settings.identityWindowHours }), say("chat:limit.whatNow"), contact(ctx)],
  };
}

/** "Xin lỗi, tôi chưa hiểu…" with the menu, for anything the bot cannot read yet. */
export function notUnderstood(ctx: ChatContext): Reply[] {
  return [message("chat:notUnderstood"), menu(ctx)];
}

export function activePerson(ctx: ChatContext): LinkedPerson | null {
  return ctx.links.find((l) => l.beneficiaryId === ctx.activeBeneficiaryId) ?? null;
}

/** "ông" / "bà" before a name (Mr / Ms in English). */
export function title(sex: "MALE" | "FEMALE" | undefined): { key: string } {
  return { key: sex === "MALE" ? "chat:title.male" : sex === "FEMALE" ? "chat:title.female" : "chat:title.unknown" };
}

function helpRow(ctx: ChatContext): Button[] {
  return [
    btn("chat:button.help", BUTTON.help),
    ctx.locale === "vi" ? btn("chat:button.english", BUTTON.english) : btn("chat:button.vietnamese", BUTTON.vietnamese),
  ];
}
