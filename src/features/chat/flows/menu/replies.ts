// The main menu: at most six buttons plus "Khác" (more), so it fits a small phone without
// scrolling; everything else sits one tap further under "Khác". A person is always on it.
import { btn, message, say, type Button, type Reply } from "../../../../core/reply.ts";
import type { ChatContext } from "../../../../conversation/brain.ts";
import { activePerson, contact, elderParams } from "../../address.ts";
import { BUTTON } from "../../commands.ts";
import { BACK_ROW, LINK_ROWS, talkButton } from "../../kit.ts";

export function menu(ctx: ChatContext): Reply {
  const active = activePerson(ctx);
  if (!active) {
    return {
      text: [say("chat:menu.unlinked")],
      buttons: [
        ...LINK_ROWS,
        [btn("chat:button.eligibility", BUTTON.eligibility)],
        // A relative can ask to collect for someone before their chat is linked to them.
        [btn("requests:button.authorise", BUTTON.authorise)],
        [talkButton()],
        [language(ctx), btn("chat:button.more", BUTTON.more)],
      ],
    };
  }
  const greeting =
    active.role === "SELF"
      ? say("chat:menu.greetSelf", elderParams(active))
      : say("chat:menu.greetRepresentative", elderParams(active));
  return {
    text: [greeting],
    buttons: [
      [btn("chat:button.nextPayout", BUTTON.nextPayout), btn("chat:button.amount", BUTTON.amount)],
      [btn("chat:button.missing", BUTTON.missing)],
      [btn("requests:button.requests", BUTTON.requests)],
      [talkButton()],
      [language(ctx), btn("chat:button.more", BUTTON.more)],
    ],
  };
}

/** "Khác": the rest, one button each. */
export function moreMenu(ctx: ChatContext): Reply {
  const active = activePerson(ctx);
  const rows: Button[][] = [];
  if (active) {
    rows.push(
      [btn("chat:button.history", BUTTON.history)],
      [btn(active.role === "SELF" ? "chat:button.profileSelf" : "chat:button.profileOther", BUTTON.profile)],
    );
    if (ctx.links.length > 1) rows.push([btn("chat:button.switch", BUTTON.switch)]);
    rows.push([btn("chat:button.add", BUTTON.add)]);
  }
  rows.push([btn("chat:button.documents", BUTTON.documents), btn("chat:button.scam", BUTTON.scam)]);
  if (active)
    rows.push([btn("chat:button.eligibility", BUTTON.eligibility)], [btn("chat:button.unlink", BUTTON.unlink)]);
  rows.push([btn("chat:button.help", BUTTON.help)], BACK_ROW);
  return { text: [say("chat:menu.more")], buttons: rows };
}

/** The other language, always on the first screen: a person who pressed it by mistake gets back at once. */
function language(ctx: ChatContext): Button {
  return ctx.locale === "vi"
    ? btn("chat:button.english", BUTTON.english)
    : btn("chat:button.vietnamese", BUTTON.vietnamese);
}

export function welcome(ctx: ChatContext): Reply[] {
  return [message("chat:welcome"), menu(ctx)];
}

/** What the bot does, who to call, and the one safety rule worth repeating every time. */
export function help(ctx: ChatContext, canResume: boolean): Reply {
  const buttons: Button[][] = [];
  if (canResume) buttons.push([btn("chat:button.resume", BUTTON.resume)]);
  buttons.push(BACK_ROW);
  return { text: [say("chat:help.what"), say("chat:help.how"), contact(ctx), say("chat:help.safety")], buttons };
}

/**
 * Too many wrong codes or identity checks in the window: no more tries for now, and where else to
 * turn (the hotline, the commune office, a printed code from the commune officer).
 */
export function tooManyTries(ctx: ChatContext): Reply {
  return {
    text: [
      say("chat:limit.tooMany", { hours: ctx.settings.identityWindowHours }),
      say("chat:limit.whatNow"),
      contact(ctx),
    ],
    buttons: [[talkButton()], BACK_ROW],
  };
}

/** "Xin lỗi, tôi chưa hiểu…" with the menu, for anything the bot cannot read yet. */
export function notUnderstood(ctx: ChatContext): Reply[] {
  return [{ ...menu(ctx), text: [say("chat:notUnderstood")] }];
}
