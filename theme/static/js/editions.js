// "Show only what is new": hides the points already in the previous briefing, and the topics
// left with none. The button is shown only where scripts run; without them the "New since"
// list above still says what is new.
(function () {
  "use strict";
  const button = document.querySelector(".only-new-toggle");
  const root = document.getElementById("briefing-points");
  if (!button || !root) return;
  const status = document.querySelector(".only-new-status");
  button.parentElement.hidden = false;
  button.addEventListener("click", function () {
    const on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", String(on));
    root.classList.toggle("only-new", on);
    let shown = 0;
    for (const section of root.querySelectorAll("section.topic")) {
      const fresh = section.querySelectorAll(".key-point.status-new, .key-point.status-developing").length;
      section.hidden = on && fresh === 0;
      shown += fresh;
    }
    status.textContent = on
      ? "Showing only the " + shown + " new or developing point" + (shown === 1 ? "" : "s") + "."
      : "Showing all points.";
  });
})();
