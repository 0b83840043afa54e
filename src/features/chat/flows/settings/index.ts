// The chat's own settings: its language, and whether payout notices and broadcasts come here. Both
// can be changed in the middle of a question, which is then asked again in the new setting.
import { z } from "zod";
import { say } from "../../../../core/reply.ts";
import { isLocale, LOCALES, type Locale } from "../../../../core/i18n.ts";
import { defineEffect } from "../../../../conversation/effect.ts";
import { decision, defineFlow } from "../../../../conversation/flow.ts";
import { notificationsChoice } from "../../../notifications/notificationsChoice.ts";
import { setNotifications as writeNotifications } from "../../../notifications/setNotifications.ts";
import { BUTTON } from "../../commands.ts";
import { menu } from "../menu/replies.ts";

const NAME = "settings";

const setLocale = defineEffect({
  kind: "setLocale",
  payload: { locale: z.enum(LOCALES) },
  output: z.null(),
  async perform(tx, { locale }, ctx) {
    await tx.chatIdentity.update({ where: { id: ctx.identityId }, data: { locale } });
    return null;
  },
});

const setNotifications = defineEffect({
  kind: "setNotifications",
  payload: { off: z.boolean() },
  output: z.null(),
  async perform(tx, { off }, ctx) {
    await writeNotifications(tx, ctx, off);
    return null;
  },
});

type Setting = { locale: Locale } | { noticesOff: boolean };

export const settingsFlow = defineFlow<never, Setting>({
  name: NAME,
  effects: [setLocale, setNotifications],
  opens: {
    buttons: {
      [BUTTON.english]: { locale: "en" },
      [BUTTON.vietnamese]: { locale: "vi" },
      [BUTTON.notificationsOff]: { noticesOff: true },
      [BUTTON.notificationsOn]: { noticesOff: false },
    },
    words: {
      english: { locale: "en" },
      "tieng anh": { locale: "en" },
      "tieng viet": { locale: "vi" },
      vietnamese: { locale: "vi" },
      "tat thong bao": { noticesOff: true },
      "tat bao": { noticesOff: true },
      "ngung thong bao": { noticesOff: true },
      "bat thong bao": { noticesOff: false },
      "bat lai thong bao": { noticesOff: false },
      "turn off notices": { noticesOff: true },
      "turn on notices": { noticesOff: false },
    },
  },
  start(setting, ctx, at) {
    const active = at.active;
    if ("locale" in setting) {
      const switched = { ...ctx, locale: isLocale(setting.locale) ? setting.locale : ctx.locale };
      // The confirmation and what follows are read in the new language.
      return decision(
        active?.state ?? null,
        [{ text: [say("chat:language.switched")] }, active ? active.prompt(switched) : menu(switched)],
        [setLocale.ask(NAME, { locale: setting.locale })],
      );
    }
    return decision(
      active?.state ?? null,
      [notificationsChoice(setting.noticesOff), ...(active ? [active.prompt(ctx)] : [])],
      [setNotifications.ask(NAME, { off: setting.noticesOff })],
    );
  },
});
