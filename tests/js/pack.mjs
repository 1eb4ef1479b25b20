// Packs web/ (the npm package) with `npm pack` and installs the tarball into a fresh project,
// offline, as a user's project would get it.
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const webDir = new URL("../../web/", import.meta.url).pathname;

/** `npm pack` of web/ into a temporary folder: {tarball, files: [{path, size}], size, unpackedSize}. */
export async function pack() {
  const dir = await mkdtemp(join(tmpdir(), "milestones-pack-"));
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", dir], { cwd: webDir });
  const [info] = JSON.parse(stdout);
  return { tarball: join(dir, info.filename), files: info.files, size: info.size, unpackedSize: info.unpackedSize };
}

/**
 * A new project in a temporary folder with the tarball installed, offline and with an empty
 * npm cache (so nothing can come from the network or from this machine's cache).
 */
export async function installInto(tarball, packageJson = {}) {
  const dir = await mkdtemp(join(tmpdir(), "milestones-app-"));
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", ...packageJson }, null, 2));
  await run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--cache", join(dir, ".npm-cache"), tarball], { cwd: dir });
  return dir;
}

export { run };
