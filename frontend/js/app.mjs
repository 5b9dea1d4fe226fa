// Progressive enhancement only: every journey works without this file.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// htmx drops every error response. A status region marked data-autosave-status shows the
// refusal instead (409: the record changed elsewhere or can no longer change; 422: what was
// typed cannot be saved), so a failed autosave is never silent. Only its text changes: the
// region stays in the page, so screen readers announce it.
document.body.addEventListener("htmx:beforeSwap", (event) => {
  const { xhr, target } = event.detail;
  if ([409, 422].includes(xhr.status) && target.matches("[data-autosave-status]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
