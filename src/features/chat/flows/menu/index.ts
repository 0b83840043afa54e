// The menu and the words that work anywhere, whatever the bot was asking: people press "menu" or
// type "hủy" when lost, and must never be stuck in a question. "hủy" ends a walkthrough for good
// (its saved draft goes too); "menu" only leaves it, and the draft waits for another day.
import { say } from "../../../../core/reply.ts";
import { decision, defineFlow } from "../../../../conversation/flow.ts";
import { BUTTON, LINK_PREFIX } from "../../commands.ts";
import { BACK_ROW } from "../../kit.ts";
import { smsHelp } from "../../smsKeywords.ts";
import { help, menu, moreMenu, welcome } from "./replies.ts";

type Command = "menu" | "more" | "help" | "cancel" | "resume" | "restart" | "welcome" | "thanks" | { link: string };

export const menuFlow = defineFlow<never, Command>({
  name: "menu",
  opens: {
    buttons: {
      [BUTTON.menu]: "menu",
      [BUTTON.more]: "more",
      [BUTTON.help]: "help",
      [BUTTON.cancel]: "cancel",
      [BUTTON.resume]: "resume",
      [BUTTON.restart]: "restart",
    },
    words: {
      menu: "menu",
      "bat dau": "menu",
      "quay lai": "menu",
      "main menu": "menu",
      khac: "more",
      more: "more",
      help: "help",
      "tro giup": "help",
      "huong dan": "help",
      huy: "cancel",
      "huy bo": "cancel",
      "thoi khong lam nua": "cancel",
      cancel: "cancel",
      stop: "cancel",
      thoi: "cancel",
      "dung lai": "cancel",
    },
    prefixes: [{ prefix: LINK_PREFIX, read: (path) => (path.startsWith("/") ? { link: path } : null) }],
    // Any start that nothing more specific claimed (a printed code is linkByCode's): the greeting.
    start: () => "welcome",
    intents: { greeting: "welcome", thanks: "thanks" },
  },
  start(command, ctx, at) {
    const active = at.active;
    if (typeof command === "object") {
      // A link button pressed where links cannot open: the address again, as text.
      const base = ctx.settings.publicUrl?.replace(/\/+$/, "");
      return decision(active?.state ?? null, [
        {
          text: [base ? say("chat:link.address", { url: `${base}${command.link}` }) : say("chat:link.noAddress")],
          buttons: [BACK_ROW],
        },
      ]);
    }
    switch (command) {
      case "menu":
        return decision(null, [menu(ctx)]);
      case "more":
        return decision(null, [moreMenu(ctx)]);
      case "help":
        // A feature phone has no buttons to look at: its help is the list of keywords.
        return decision(active?.state ?? null, [ctx.channel === "SMS" ? smsHelp() : help(ctx, active !== null)]);
      case "cancel":
        return decision(
          null,
          active ? [{ ...menu(ctx), text: [say("chat:cancelled"), ...menu(ctx).text] }] : [menu(ctx)],
          active?.cancel(ctx) ?? [],
        );
      case "resume":
        return active ? decision(active.state, [active.prompt(ctx)]) : decision(null, [menu(ctx)]);
      case "restart":
        return active ? active.restart(ctx) : decision(null, [menu(ctx)]);
      case "welcome":
        return decision(null, welcome(ctx));
      case "thanks":
        return decision(null, [{ ...menu(ctx), text: [say("chat:thanks")] }]);
    }
  },
});
