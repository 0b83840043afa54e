// Long loops over a province's rows give the event loop a turn now and then, so chats and health
// checks are answered while a file is compared with the database.

const EVERY = 1000;

/** Resolves at once, except every EVERY-th call, after the event loop has run once. */
export function yieldEvery(i: number): Promise<void> | undefined {
  return i > 0 && i % EVERY === 0 ? new Promise((resolve) => setImmediate(resolve)) : undefined;
}
