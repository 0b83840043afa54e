// Small pieces every chat flow uses: the rows of buttons that come back everywhere, and the way a
// flow names itself when it asks for an effect.
import { btn, type Button } from "../../core/reply.ts";
import { BUTTON } from "./commands.ts";

/** "Quay lại": back to the main menu. */
export const BACK_ROW: Button[] = [btn("chat:button.menu", BUTTON.menu)];
/** "Hủy": ends the question in progress (and forgets what a walkthrough saved). */
export const CANCEL_ROW: Button[] = [btn("chat:button.cancel", BUTTON.cancel)];

/** "Gặp người thật": one tap from a person, under every answer. */
export function talkButton(): Button {
  return btn("chat:button.talk", BUTTON.hotline);
}

export const LINK_ROWS: Button[][] = [
  [btn("chat:button.linkByCode", BUTTON.linkByCode)],
  [btn("chat:button.linkById", BUTTON.linkById)],
];
