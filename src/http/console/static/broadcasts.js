/* global document, window */
// Broadcasts: the live progress of a broadcast (Server-Sent Events carry the bar's value and the
// report part of the page), a confirmation before cancelling, and the send time shown only when
// "later" is chosen. The page's security policy allows no inline script, hence this file.
const live = document.getElementById("live");
if (live && live.dataset.events && window.EventSource) {
  const source = new window.EventSource(live.dataset.events);
  source.addEventListener("progress", (event) => {
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    live.innerHTML = data.html;
    const status = document.getElementById("status");
    const badge = live.querySelector(".live-status .badge");
    if (status && badge) status.innerHTML = badge.outerHTML;
    if (data.status === "DONE" || data.status === "CANCELLED") {
      const cancel = document.getElementById("cancel-form");
      if (cancel) cancel.remove();
    }
  });
}

const cancelButton = document.getElementById("cancel-button");
if (cancelButton) {
  cancelButton.addEventListener("click", (event) => {
    if (!window.confirm(cancelButton.dataset.confirm || "")) event.preventDefault();
  });
}

const form = document.getElementById("broadcast-form");
if (form) {
  const sendAt = document.getElementById("sendAt");
  const sync = () => {
    const later = form.querySelector('input[name="when"][value="later"]');
    if (sendAt && later) sendAt.hidden = !later.checked;
  };
  for (const radio of form.querySelectorAll('input[name="when"]')) radio.addEventListener("change", sync);
  sync();
  // Changing the recipients or the text after a preview: the preview no longer holds.
  const create = document.getElementById("create-button");
  if (create) {
    form.addEventListener("input", () => {
      create.disabled = true;
      create.title = create.dataset.stale || "";
    });
  }
}
