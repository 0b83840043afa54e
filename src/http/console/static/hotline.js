/* global document, window, fetch */
// Hotline console: refreshes the queue or the conversation when the server reports a change
// (Server-Sent Events), and fills the reply box with a canned answer. The page's security policy
// allows no inline script, hence this file.
const live = document.getElementById("live");
if (live && window.EventSource) {
  let busy = false;
  let again = false;
  const refresh = async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const res = await fetch(live.dataset.fragment, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (res.ok) live.innerHTML = await res.text();
    } catch {
      // The next change or the stream's reconnect tries again.
    }
    busy = false;
    if (again) {
      again = false;
      void refresh();
    }
  };
  new window.EventSource(live.dataset.events).addEventListener("change", () => void refresh());
}
for (const select of document.querySelectorAll("select[data-fills]")) {
  select.addEventListener("change", () => {
    const target = document.getElementById(select.dataset.fills);
    if (target && select.value) target.value = select.value;
  });
}
