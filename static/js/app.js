// IIN fields validate as the user types through GET /api/v1/iin/<iin>/.
document.addEventListener("input", async (event) => {
  const field = event.target;
  if (!field.matches("input[data-iin]")) return;
  const out = document.getElementById(field.id + "-feedback");
  if (!out) return;
  const value = field.value.trim();
  if (value.length < 12) { out.textContent = ""; field.classList.remove("is-valid", "is-invalid"); return; }
  const response = await fetch(`/api/v1/iin/${encodeURIComponent(value)}/`, {credentials: "same-origin"});
  if (!response.ok) return;
  const data = await response.json();
  field.classList.toggle("is-valid", data.valid);
  field.classList.toggle("is-invalid", !data.valid);
  out.textContent = data.valid ? `${data.birth_date} · ${data.sex}` : data.error;
  out.className = "iin-feedback " + (data.valid ? "valid-feedback d-block" : "invalid-feedback d-block");
});
