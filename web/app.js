// The demo page's composition root: the page is one <milestone-board> (element.js); this marks
// when it is interactive, for the tests and the benchmark.
import "./element.js";

const board = document.getElementById("app");
try {
  await board.ready;
  board.dataset.ready = "true";
  performance.mark("milestone-board:interactive");
} catch {
  // The element shows the reason in its own alert.
}
