// @ts-check
// <milestone-board>: the whole board as a framework-agnostic custom element in a shadow root.
// Importing this module defines the element; board-element.js has the class without defining it.
import { MilestoneBoardElement } from "./board-element.js";

if (!customElements.get("milestone-board")) customElements.define("milestone-board", MilestoneBoardElement);

export { MilestoneBoardElement };
