// A Vite app embedding the milestone engine and <milestone-board>. The .wasm and the board's
// stylesheet go through the bundler (`?url`): hashed, cached, served from the app's own assets.
import { loadEngine } from "milestone-engine";
import { MilestoneBoardElement } from "milestone-engine/element";
import wasmUrl from "milestone-engine/milestones-core.wasm?url";
import boardCss from "milestone-engine/board.css?url";

// Set before the first board starts (this module runs before any board does).
MilestoneBoardElement.engineOptions = { wasmUrl };
MilestoneBoardElement.styles = boardCss;

// The engine on its own, as any other code in the app would use it.
const engine = await loadEngine({ wasmUrl });
const contract = engine.createContract();
const created = contract.dispatch({
  type: "create_contract", actor: "client", at: Date.now(),
  contract: {
    title: "Check", accountType: "standard", client: "Acme", freelancer: "Jo",
    milestones: [{ title: "One", amount: 12345, dueDate: "2030-01-01" }],
  },
});
document.getElementById("engine-check").textContent = created.ok
  ? `Engine ready: a contract of ${contract.state().totals.budget} cents was checked.`
  : `Engine refused: ${created.error.message}`;
contract.dispose();

// The board tells the app what happened in it.
document.getElementById("board").addEventListener("command-accepted", (e) => {
  console.info(`milestones: ${e.detail.command.type} accepted`, e.detail.events);
});
