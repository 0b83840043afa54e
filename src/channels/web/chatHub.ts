// The open chat pages of this process, by chat id, so a reply reaches them the moment it is sent.
import type { ChatItem } from "./chatItem.ts";

export interface ChatSubscriber {
  push(item: ChatItem): void;
  close(): void;
}

export interface ChatHub {
  subscribe(chatId: string, subscriber: ChatSubscriber): () => void;
  /** Returns how many open pages got the item. */
  publish(chatId: string, item: ChatItem): number;
  count(chatId: string): number;
  closeAll(): void;
}

export function createChatHub(): ChatHub {
  const byChat = new Map<string, Set<ChatSubscriber>>();
  return {
    subscribe(chatId, subscriber) {
      const set = byChat.get(chatId) ?? new Set<ChatSubscriber>();
      set.add(subscriber);
      byChat.set(chatId, set);
      return () => {
        set.delete(subscriber);
        if (set.size === 0 && byChat.get(chatId) === set) byChat.delete(chatId);
      };
    },
    publish(chatId, item) {
      const set = byChat.get(chatId);
      if (!set) return 0;
      for (const s of set) s.push(item);
      return set.size;
    },
    count: (chatId) => byChat.get(chatId)?.size ?? 0,
    closeAll() {
      for (const set of [...byChat.values()]) for (const s of [...set]) s.close();
      byChat.clear();
    },
  };
}
