// Host page for the element tests: records every event the boards fire and vetoes on request.
import "../../web/element.js";

window.__events = [];
window.__veto = new Set();  // command types the host refuses
for (const type of ["before-command", "command-accepted", "command-rejected", "contract-change", "board-ready"]) {
  document.addEventListener(type, (e) => {
    window.__events.push({ type, board: e.target.id, detail: JSON.parse(JSON.stringify(e.detail)), cancelable: e.cancelable, composed: e.composed });
    if (type === "before-command" && window.__veto.has(e.detail.command.type)) e.preventDefault();
  });
}
await Promise.all([...document.querySelectorAll("milestone-board")].map((b) => b.ready));
document.body.dataset.ready = "true";
