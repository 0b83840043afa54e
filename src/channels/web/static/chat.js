/* global document, window, location, history, fetch, EventSource, crypto, setTimeout, clearTimeout, URLSearchParams, URL */
// The web chat page: shows the conversation, sends what the person types or taps, and receives
// replies as they are sent (Server-Sent Events). Every message the page posts carries its own
// UUID and is re-posted with the same UUID until the server has it, so nothing is lost on a bad
// connection and nothing is answered twice.
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("chat-config").textContent);
  const T = config.texts;
  const log = document.getElementById("log");
  const tail = document.getElementById("tail");
  const typing = document.getElementById("typing");
  const banner = document.getElementById("banner");
  const form = document.getElementById("composer");
  const input = document.getElementById("text");

  const shown = new Set();
  let cursor = 0; // the newest message time seen, for catching up after a reconnect
  let chips = null;
  let typingTimer = null;
  let source = null;
  let streamRetry = 0;
  const problems = new Set();

  const timeFormat = new Intl.DateTimeFormat(config.lang === "en" ? "en-GB" : "vi-VN", {
    hour: "2-digit",
    minute: "2-digit",
  });
  const dayFormat = new Intl.DateTimeFormat(config.lang === "en" ? "en-GB" : "vi-VN", {
    day: "2-digit",
    month: "2-digit",
  });

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    // Plain-http pages (a phone on the office network) have no randomUUID; getRandomValues works.
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function when(date) {
    const today = new Date();
    const sameDay = date.toDateString() === today.toDateString();
    return sameDay ? timeFormat.format(date) : `${dayFormat.format(date)} ${timeFormat.format(date)}`;
  }

  function nearBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 160;
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
    // Again after the next layout, when late changes (a status line, fonts) have settled.
    window.requestAnimationFrame(() => {
      log.scrollTop = log.scrollHeight;
    });
  }

  // ── banner: one friendly line for whatever is wrong right now ──
  function setProblem(name, on) {
    if (on) problems.add(name);
    else problems.delete(name);
    const current = ["offline", "slowDown", "reload"].find((p) => problems.has(p));
    // The banner takes room from the message list; keep the newest message in view.
    const stick = nearBottom();
    banner.hidden = !current;
    if (current) banner.textContent = T[current];
    if (stick) scrollDown();
  }

  // ── messages ──
  function addMessage(item) {
    if (shown.has(item.id)) return null;
    shown.add(item.id);
    const at = new Date(item.at);
    // Only the server's times move the cursor: the phone's clock may be off.
    if (!item.local && at.getTime() > cursor) cursor = at.getTime();
    const stick = item.from === "me" || nearBottom();

    const row = el("div", `msg ${item.from}`);
    row.dataset.id = item.id;
    const bubble = el("div", "bubble");
    bubble.append(el("span", "sr", `${item.from === "bot" ? T.botName : T.you}: `), document.createTextNode(item.text));
    const meta = el("time", "meta", when(at));
    meta.dateTime = item.at;
    row.append(bubble, meta);
    log.insertBefore(row, tail);

    if (item.from === "bot") {
      hideTyping();
      // A notice arriving mid-conversation keeps its buttons under itself: the buttons of the
      // question the person is answering stay where they are.
      if (item.standalone && item.buttons && item.buttons.length) row.append(buttonRows(item.buttons, "inline"));
      else if (item.buttons && item.buttons.length) showChips(item.buttons);
    }
    if (stick) scrollDown();
    return row;
  }

  // Quick replies belong to the newest bot message that offers them, until the person answers.
  function showChips(rows) {
    clearChips();
    chips = buttonRows(rows, "chips");
    tail.insertBefore(chips, typing);
  }

  // A link button opens the address (a path is on this site: the page's own origin); any other
  // button sends its data as the person's answer.
  function buttonRows(rows, className) {
    const group = el("div", className);
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", T.quickReplies);
    for (const buttons of rows) {
      const line = el("div", "row");
      for (const b of buttons) {
        if (b.url) {
          const link = el("a", "chip link", b.label);
          link.href = new URL(b.url, location.origin).href;
          link.target = "_blank";
          link.rel = "noopener";
          line.append(link);
          continue;
        }
        const button = el("button", "chip", b.label);
        button.type = "button";
        button.addEventListener("click", () => send({ kind: "button", data: b.data }, b.label));
        line.append(button);
      }
      group.append(line);
    }
    return group;
  }

  function clearChips() {
    if (chips) chips.remove();
    chips = null;
  }

  function showTyping() {
    typing.hidden = false;
    clearTimeout(typingTimer);
    // A reply normally comes within a second; stop pretending after a while.
    typingTimer = setTimeout(hideTyping, 20000);
    scrollDown();
  }

  function hideTyping() {
    typing.hidden = true;
    clearTimeout(typingTimer);
  }

  // ── sending ──
  function send(body, label) {
    const clientMessageId = uuid();
    clearChips();
    let row = null;
    if (label) {
      row = addMessage({
        id: `c:${clientMessageId}`,
        from: "me",
        text: label,
        at: new Date().toISOString(),
        local: true,
      });
    }
    showTyping();
    post({ ...body, clientMessageId }, row, 0);
  }

  // Longer than one message may be: said kindly, and the text goes back into the box to shorten.
  function tooLong(payload, row) {
    hideTyping();
    markRow(row, "failed");
    if (payload.kind === "text" && !input.value) {
      input.value = payload.text;
      resizeInput();
    }
    addMessage({
      id: `local:${payload.clientMessageId}`,
      from: "bot",
      text: T.tooLong,
      buttons: [],
      at: new Date().toISOString(),
      local: true,
    });
  }

  function markRow(row, state) {
    if (!row) return;
    row.classList.toggle("failed", state === "failed");
    const meta = row.querySelector(".meta");
    if (state === "sent") meta.textContent = when(new Date(meta.dateTime));
    else meta.textContent = T[state];
  }

  async function post(payload, row, attempt) {
    let status = 0;
    try {
      const res = await fetch("/chat/api/messages", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", accept: "application/json", "x-requested-with": "asb-chat" },
        body: JSON.stringify(payload),
      });
      status = res.status;
    } catch {
      status = 0;
    }
    if (status === 202) {
      markRow(row, "sent");
      setProblem("offline", false);
      setProblem("slowDown", false);
      return;
    }
    if (status === 0 || status === 429 || status >= 500) {
      // The same clientMessageId again: the server stores it once however often it arrives.
      setProblem(status === 429 ? "slowDown" : "offline", true);
      markRow(row, "retrying");
      const delay = status === 429 ? 5000 : Math.min(15000, 1000 * 2 ** attempt);
      setTimeout(() => post(payload, row, attempt + 1), delay);
      return;
    }
    if (status === 413) {
      tooLong(payload, row);
      return;
    }
    hideTyping();
    markRow(row, "failed");
    setProblem("reload", true);
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) {
      input.focus();
      return;
    }
    input.value = "";
    resizeInput();
    send({ kind: "text", text }, text);
    input.focus();
  });

  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      form.requestSubmit();
    }
  });

  function resizeInput() {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight + 4, 160)}px`;
  }
  input.addEventListener("input", resizeInput);

  // ── receiving ──
  function connect() {
    if (source) source.close();
    source = new EventSource(`/chat/api/events?after=${cursor}`);
    let lostTimer = null;
    source.onopen = () => {
      streamRetry = 0;
      clearTimeout(lostTimer);
      setProblem("offline", false);
    };
    source.onmessage = (e) => {
      addMessage(JSON.parse(e.data));
    };
    source.onerror = () => {
      // The browser reconnects by itself (sending the last event id); a short blip needs no banner.
      clearTimeout(lostTimer);
      lostTimer = setTimeout(() => {
        if (source.readyState !== EventSource.OPEN) setProblem("offline", true);
      }, 2000);
      if (source.readyState === EventSource.CLOSED) {
        // Refused outright (e.g. the server restarting): start a new stream from where we were.
        streamRetry++;
        setTimeout(connect, Math.min(15000, 1000 * 2 ** streamRetry));
      }
    };
  }

  async function loadHistory() {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch("/chat/api/history", {
          credentials: "same-origin",
          headers: { accept: "application/json" },
        });
        if (res.ok) {
          setProblem("offline", false);
          return await res.json();
        }
      } catch {
        // offline: try again below
      }
      setProblem("offline", true);
      await new Promise((resolve) => setTimeout(resolve, Math.min(15000, 1000 * 2 ** attempt)));
    }
  }

  async function start() {
    const params = new URLSearchParams(location.search);
    const code = params.get("code");
    if (code !== null) {
      // A printed QR code is used once: a reload must not send it again.
      params.delete("code");
      const rest = params.toString();
      history.replaceState(null, "", location.pathname + (rest ? `?${rest}` : ""));
    }
    const past = await loadHistory();
    for (const item of past.items) addMessage(item);
    cursor = Math.max(cursor, Date.parse(past.now) - 1000);
    scrollDown();
    connect();
    if (code && code.trim()) send({ kind: "start", payload: code.trim().slice(0, 64), lang: config.lang }, null);
    else if (past.items.length === 0) send({ kind: "start", lang: config.lang }, null);
  }

  window.addEventListener("offline", () => setProblem("offline", true));
  window.addEventListener("online", () => {
    if (!source || source.readyState !== EventSource.OPEN) connect();
  });
  start();
})();
