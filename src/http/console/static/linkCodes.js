/* global document, window */
// The print button of the link-code sheets (the page's security policy allows no inline script).
document.getElementById("print-button")?.addEventListener("click", () => window.print());
