// A notice as a Zalo transaction message, for a follower outside the free reply window. The shape
// is the one the official SDKs build for POST /v3.0/oa/message/transaction (PHP SDK
// MessageBuilder MSG_TYPE_TRANSACTION, .NET sendTransactionMessagetoUserId): an attachment of type
// "template" whose payload has template_type, language, elements (header, text, table) and
// buttons; buttons are allowed here, unlike on consultation text. The header and table rows come
// from ZALO_TRANSACTION_TEMPLATES, the text is the notice as the person would read it.
import type { TransactionTemplates } from "../../config.ts";
import type { RenderedReply } from "../../core/renderReply.ts";
import type { TextRef } from "../../core/reply.ts";
import { BUTTON_PREFIX } from "./mapZaloEvent.ts";
import { truncate } from "./zaloMessages.ts";

type Template = TransactionTemplates[string];

// PHP SDK withButton: "Only support 4 buttons"; element and button texts kept short.
const MAX_BUTTONS = 4;
const MAX_TEXT = 1000;
const MAX_TITLE = 100;

export function transactionMessage(
  userId: string,
  template: Template,
  first: TextRef,
  rendered: RenderedReply,
  param: (value: NonNullable<TextRef["params"]>[string]) => string,
): unknown {
  const table = Object.entries(template.table ?? {}).map(([key, ours]) => {
    const value = first.params?.[ours];
    return { key, value: value === undefined ? "" : truncate(param(value), MAX_TITLE) };
  });
  const elements = [
    { type: "header", content: truncate(template.header, MAX_TITLE), align: "left" },
    { type: "text", content: truncate(rendered.text, MAX_TEXT), align: "left" },
    ...(table.length > 0 ? [{ type: "table", content: table }] : []),
  ];
  const buttons = rendered.buttons
    .flat()
    .slice(0, MAX_BUTTONS)
    .map((b) => ({
      title: truncate(b.label, MAX_TITLE),
      image_icon: "",
      type: "oa.query.hide",
      payload: `${BUTTON_PREFIX}${b.data}`,
    }));
  return {
    recipient: { user_id: userId },
    message: {
      attachment: {
        type: "template",
        payload: { template_type: template.templateType, language: "VI", elements, buttons },
      },
    },
  };
}
