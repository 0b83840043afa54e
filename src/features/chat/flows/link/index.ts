// The ways to link: the first link for a new chat, or one more person for a chat already linked
// ("Liên kết thêm một người": someone else this chat may follow, not someone to collect money).
import { say } from "../../../../core/reply.ts";
import { decision, defineFlow } from "../../../../conversation/flow.ts";
import { activePerson } from "../../address.ts";
import { BUTTON } from "../../commands.ts";
import { BACK_ROW, LINK_ROWS } from "../../kit.ts";

export const linkFlow = defineFlow<never, "choices">({
  name: "link",
  opens: {
    buttons: { [BUTTON.add]: "choices" },
    words: { "lien ket": "choices", "dang ky": "choices" },
    intents: { link_identity: "choices" },
  },
  start: (_open, ctx) =>
    decision(null, [
      { text: [say(activePerson(ctx) ? "chat:add.how" : "chat:link.how")], buttons: [...LINK_ROWS, BACK_ROW] },
    ]),
});
