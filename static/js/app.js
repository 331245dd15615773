// IIN fields validate as the user types through GET /api/v1/iin/<iin>/.
document.addEventListener("input", async (event) => {
  const field = event.target;
  if (!field.matches("input[data-iin]")) return;
  let out = document.getElementById(field.id + "-feedback");
  if (!out) {
    out = document.createElement("div");
    out.id = field.id + "-feedback";
    out.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", out);
  }
  const value = field.value.trim();
  if (value.length < 12) { out.textContent = ""; field.classList.remove("is-valid", "is-invalid"); return; }
  const response = await fetch(`/api/v1/iin/${encodeURIComponent(value)}/`, {credentials: "same-origin"});
  if (!response.ok) return;
  const data = await response.json();
  field.classList.toggle("is-valid", data.valid);
  field.classList.toggle("is-invalid", !data.valid);
  // The API's birth_date is ISO; the screen shows dd.mm.yyyy and the sex in words (birth_date_display, sex_display).
  out.textContent = data.valid ? `${data.birth_date_display} · ${data.sex_display}` : data.error;
  out.className = "iin-feedback " + (data.valid ? "valid-feedback d-block" : "invalid-feedback d-block");
});

// A table wider than its box scrolls inside its .table-responsive box; such a box takes the keyboard
// focus (tabindex=0) so that it can be scrolled without a mouse (axe: scrollable-region-focusable).
function markScrollableTables() {
  document.querySelectorAll(".table-responsive").forEach((box) => {
    if (box.scrollWidth > box.clientWidth) box.setAttribute("tabindex", "0");
    else if (box.getAttribute("tabindex") === "0") box.removeAttribute("tabindex");
  });
}
document.addEventListener("DOMContentLoaded", markScrollableTables);
window.addEventListener("resize", markScrollableTables);
document.addEventListener("htmx:afterSwap", markScrollableTables);
