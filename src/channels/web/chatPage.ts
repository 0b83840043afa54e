// The chat page's HTML. Scripts and styles are files (the security policy allows no inline ones);
// the texts the script needs travel in a JSON block, which the browser never executes.
import type { TFunction } from "i18next";
import { html, raw, type SafeHtml } from "../../lib/html.ts";

export interface ChatPageInput {
  t: TFunction;
  locale: string;
  /** Query strings that change when the files change, so phones never run a stale script. */
  assets: { css: string; js: string };
}

const SCRIPT_TEXTS = [
  "botName",
  "you",
  "typing",
  "sending",
  "retrying",
  "failed",
  "offline",
  "slowDown",
  "reload",
  "quickReplies",
  "tooLong",
] as const;

export function chatPage({ t, locale, assets }: ChatPageInput): SafeHtml {
  const texts = Object.fromEntries(SCRIPT_TEXTS.map((k) => [k, t(`webchat:${k}`)]));
  // "<" escaped so no text can close the block early.
  const config = JSON.stringify({ lang: locale, texts }).replace(/</g, "\\u003c");
  return html`<!doctype html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta
          name="viewport"
          content="width=device-width, initial-scale=1, viewport-fit=cover, interactive-widget=resizes-content"
        />
        <meta name="theme-color" content="#0a58ca" />
        <meta name="referrer" content="same-origin" />
        <title>${t("webchat:title")}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/chat/static/chat.css?v=${assets.css}" />
        <script src="/chat/static/chat.js?v=${assets.js}" defer></script>
      </head>
      <body>
        <div class="app">
          <header class="bar">
            <span class="avatar" aria-hidden="true">${raw(AVATAR)}</span>
            <div class="who">
              <h1>${t("webchat:title")}</h1>
              <p>${t("webchat:subtitle")}</p>
            </div>
          </header>
          <div class="banner" id="banner" role="status" hidden></div>
          <main class="log" id="log" role="log" aria-live="polite" aria-label="${t("webchat:logLabel")}">
            <p class="note">${t("webchat:safetyNote")}</p>
            <noscript><p class="note warn">${t("webchat:noScript")}</p></noscript>
            <div class="tail" id="tail">
              <div class="typing" id="typing" hidden>
                <span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>
                <span class="sr">${t("webchat:typing")}</span>
              </div>
            </div>
          </main>
          <form class="composer" id="composer" autocomplete="off">
            <label class="sr" for="text">${t("webchat:inputLabel")}</label>
            <textarea
              id="text"
              name="text"
              rows="1"
              maxlength="20000"
              placeholder="${t("webchat:placeholder")}"
              enterkeyhint="send"
            ></textarea>
            <button type="submit" class="send" id="send" aria-label="${t("webchat:send")}">${raw(SEND_ICON)}</button>
          </form>
        </div>
        <script type="application/json" id="chat-config">
          ${raw(config)}
        </script>
      </body>
    </html>`;
}

const AVATAR =
  '<svg viewBox="0 0 24 24" width="26" height="26" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M12 3 4 7v5c0 4.4 3.4 8.2 8 9 4.6-.8 8-4.6 8-9V7l-8-4Z"/><path d="m8.5 12 2.5 2.5 4.5-5"/></svg>';
const SEND_ICON =
  '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false"><path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6l-.01 6.53L15 12 3.39 13.87z"/></svg>';
