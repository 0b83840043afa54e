/* global document, window, fetch */
// A file being checked: asks how far the check is every two seconds and shows it; when the job is
// done the page loads again with the report. The page's security policy allows no inline script.
const panel = document.getElementById("job-progress");
if (panel && panel.dataset.status) {
  const text = document.getElementById("job-progress-text");
  const bar = panel.querySelector("progress");
  const tick = async () => {
    let data;
    try {
      const res = await fetch(panel.dataset.status, {
        headers: { accept: "application/json" },
        credentials: "same-origin",
      });
      data = await res.json();
    } catch {
      window.setTimeout(tick, 4000);
      return;
    }
    if (data.done) {
      window.location.reload();
      return;
    }
    if (text && data.text) text.textContent = data.text;
    if (bar && typeof data.rows === "number") bar.removeAttribute("value");
    window.setTimeout(tick, 2000);
  };
  window.setTimeout(tick, 1000);
}
