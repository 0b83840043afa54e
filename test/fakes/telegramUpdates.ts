// Realistic Telegram updates as the Bot API sends them (private chats, increasing update_id), for
// tests that POST them to the webhook or queue them for getUpdates.
export type TelegramUpdateJson = { update_id: number } & Record<string, unknown>;

export interface UserOptions {
  firstName?: string;
  lastName?: string;
  languageCode?: string;
}

export interface TelegramUpdates {
  text(chatId: number, text: string, from?: UserOptions): TelegramUpdateJson;
  /** A press on an inline button carrying `data`. */
  callback(chatId: number, data: string, from?: UserOptions): TelegramUpdateJson;
  /** "kicked": the person blocked the bot; "member": they unblocked it. */
  chatMember(chatId: number, status: "kicked" | "member", from?: UserOptions): TelegramUpdateJson;
  photo(chatId: number, from?: UserOptions): TelegramUpdateJson;
  nextUpdateId(): number;
  /**
   * Bot API, Update.update_id: "If there are no new updates for at least a week, then identifier
   * of the next update will be chosen randomly instead of sequentially." A new bot or server starts
   * again too. The next update_id is `from` (default: a low number, below those already used).
   */
  restartUpdateIds(from?: number): void;
}

export function createTelegramUpdates(bot: {
  id: number;
  is_bot: true;
  first_name: string;
  username: string;
}): TelegramUpdates {
  let updateId = 100_000;
  // Message identifiers are unique within a chat, not across chats (Bot API, Message.message_id).
  const messageIds = new Map<number, number>();
  const nextMessageId = (chatId: number) => {
    const id = (messageIds.get(chatId) ?? 0) + 1;
    messageIds.set(chatId, id);
    return id;
  };
  const now = () => Math.floor(Date.now() / 1000);

  const user = (chatId: number, from: UserOptions = {}) => ({
    id: chatId,
    is_bot: false,
    first_name: from.firstName ?? "Lan",
    ...(from.lastName ? { last_name: from.lastName } : {}),
    language_code: from.languageCode ?? "vi",
  });
  const chat = (chatId: number, from: UserOptions = {}) => ({
    id: chatId,
    type: "private",
    first_name: from.firstName ?? "Lan",
  });
  const message = (chatId: number, from: UserOptions | undefined, extra: Record<string, unknown>) => ({
    message_id: nextMessageId(chatId),
    date: now(),
    chat: chat(chatId, from),
    from: user(chatId, from),
    ...extra,
  });

  return {
    text(chatId, text, from) {
      const command = text.startsWith("/")
        ? { entities: [{ type: "bot_command", offset: 0, length: text.split(/\s/)[0]?.length ?? 1 }] }
        : {};
      return { update_id: ++updateId, message: message(chatId, from, { text, ...command }) };
    },
    callback(chatId, data, from) {
      return {
        update_id: ++updateId,
        callback_query: {
          id: `cb${updateId}`,
          from: user(chatId, from),
          chat_instance: `ci${chatId}`,
          data,
          message: { message_id: nextMessageId(chatId), date: now(), chat: chat(chatId, from), from: bot, text: "…" },
        },
      };
    },
    chatMember(chatId, status, from) {
      const blocked = { user: bot, status: "kicked", until_date: 0 };
      const member = { user: bot, status: "member" };
      return {
        update_id: ++updateId,
        my_chat_member: {
          chat: chat(chatId, from),
          from: user(chatId, from),
          date: now(),
          old_chat_member: status === "kicked" ? member : blocked,
          new_chat_member: status === "kicked" ? blocked : member,
        },
      };
    },
    photo(chatId, from) {
      return {
        update_id: ++updateId,
        message: message(chatId, from, { photo: [{ file_id: "AgAD", file_unique_id: "AQAD", width: 90, height: 90 }] }),
      };
    },
    nextUpdateId: () => ++updateId,
    restartUpdateIds(from = 1000 + Math.floor(Math.random() * 1000)) {
      updateId = from - 1;
    },
  };
}
