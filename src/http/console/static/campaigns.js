/* global document */
// The campaign form: only the number of the chosen date rule can be typed in, and typing a number
// chooses its rule (the page's security policy allows no inline script).
const form = document.querySelector("form.campaign-form");
if (form) {
  const choices = [...form.querySelectorAll(".trigger-choice")];
  const sync = () => {
    for (const choice of choices) {
      const radio = choice.querySelector("input[type=radio]");
      const number = choice.querySelector("input[type=number]");
      if (radio && number) number.classList.toggle("idle", !radio.checked);
    }
  };
  for (const choice of choices) {
    const radio = choice.querySelector("input[type=radio]");
    const number = choice.querySelector("input[type=number]");
    radio?.addEventListener("change", () => {
      sync();
      number?.focus();
    });
    number?.addEventListener("focus", () => {
      if (radio && !radio.checked) {
        radio.checked = true;
        sync();
      }
    });
  }
  sync();
}
