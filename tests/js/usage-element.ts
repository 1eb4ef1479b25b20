// Compiled with `tsc --noEmit` by scripts/test: the element's typings as a host page uses them.
import { MilestoneBoardElement, type BoardDispatchResult } from "../../web/element.js";

const board = document.createElement("milestone-board");
const same: MilestoneBoardElement = board;
board.storagePrefix = "acme";
board.actingAs = "freelancer";
board.clock = "demo";
board.contractId = "c-42";
board.addEventListener("before-command", (e) => {
  if (e.detail.command.type === "end_contract") e.preventDefault();
});
board.addEventListener("command-accepted", (e) => console.log(e.detail.contractId, e.detail.events.length));
board.addEventListener("command-rejected", (e) => console.log(e.detail.error.code, e.detail.error.message));
document.body.append(same);

async function host(): Promise<void> {
  await board.ready;
  const result: BoardDispatchResult = board.dispatch({ type: "activate_milestone", actor: "client", milestoneId: "m1" });
  if (!result.ok) console.log(result.error.code === "NOT_READY");
  console.log(board.contract?.state()?.milestones.length);
  // @ts-expect-error the role is client or freelancer
  board.actingAs = "system";
  // @ts-expect-error commands are checked: activate_milestone needs a milestoneId
  board.dispatch({ type: "activate_milestone", actor: "client" });
}
void host;
