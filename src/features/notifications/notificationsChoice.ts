// The answer to "tắt thông báo" / "bật thông báo": what changed, and how to change it back with
// one button (people press things by mistake, and must never be stuck without notices).
import { btn, say, type Button, type Reply, type TextRef } from "../../core/reply.ts";
import { BUTTON } from "../chat/commands.ts";

export function notificationsChoice(off: boolean): Reply {
  if (off) {
    return {
      text: [say("notices:optOut.off"), say("notices:optOut.howBack")],
      buttons: [[btn("notices:button.on", BUTTON.notificationsOn)], [btn("chat:button.menu", BUTTON.menu)]],
    };
  }
  return { text: [say("notices:optOut.on")], buttons: [[btn("chat:button.menu", BUTTON.menu)]] };
}

/** The line shown with the person's information: are notices on, and the button to change it. */
export function notificationsState(off: boolean): { text: TextRef; button: Button } {
  return off
    ? { text: say("notices:state.off"), button: btn("notices:button.on", BUTTON.notificationsOn) }
    : { text: say("notices:state.on"), button: btn("notices:button.off", BUTTON.notificationsOff) };
}
