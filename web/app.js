// The board page's composition root: loads the engine and the banner config, wires the store and
// the clock, and starts the board. Everything else lives in board/.
import { loadEngine } from "./milestones.js";
import { MilestoneBoard } from "./board/board.js";
import { Store } from "./board/store.js";
import { Clock } from "./board/clock.js";

function viewerCountry() {
  try {
    return new Intl.Locale(navigator.language).maximize().region ?? "US";
  } catch {
    return "US";
  }
}

async function bannerConfig() {
  try {
    const response = await fetch(new URL("./banner.json", import.meta.url));
    return response.ok ? await response.json() : null;
  } catch {
    return null;  // no banner is better than no board
  }
}

const root = document.getElementById("app");
try {
  const [engine, config] = await Promise.all([loadEngine(), bannerConfig()]);
  const store = new Store();
  const clock = new Clock({ offset: store.setting("clock", 0), save: (offset) => store.setSetting("clock", offset) });
  const board = new MilestoneBoard(root, { engine, store, clock, bannerConfig: config, country: viewerCountry() });
  board.start();
  root.dataset.ready = "true";
  performance.mark("milestone-board:interactive");
} catch (e) {
  root.textContent = `The milestone engine could not start: ${e.message}`;
  root.setAttribute("role", "alert");
}
