// Rows of a form (Django formsets), shared by the filing screens (quota app.1/app.6, residence app.2): "add"
// copies the <template> of an empty row with the next index, "remove" marks the row for deletion (its DELETE
// box) and hides it. Without the script the page posts the rows it shows and the DELETE boxes remove rows.
document.querySelectorAll("[data-rows]").forEach((box) => {
  box.classList.add("js-rows");
  const total = box.querySelector('input[name$="-TOTAL_FORMS"]');
  const max = parseInt(box.querySelector('input[name$="-MAX_NUM_FORMS"]').value, 10);
  const list = box.querySelector("[data-rows-list]");
  const template = box.querySelector("template[data-rows-empty]");
  const add = box.querySelector("[data-rows-add]");
  const refresh = () => { add.disabled = parseInt(total.value, 10) >= max; };
  add.addEventListener("click", () => {
    const index = parseInt(total.value, 10);
    list.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(index)));
    total.value = String(index + 1);
    refresh();
    const first = list.lastElementChild.querySelector("input:not([type=hidden]), select");
    if (first) first.focus();
  });
  box.addEventListener("click", (event) => {
    const button = event.target.closest("[data-rows-remove]");
    if (!button) return;
    const row = button.closest("[data-row]");
    const mark = row.querySelector('input[name$="-DELETE"]');
    if (mark) mark.checked = true;
    row.hidden = true;
    add.focus();
  });
  refresh();
});
