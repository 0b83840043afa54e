// Console tests drive a real Chromium. Debian's package is the browser (test tools cannot download
// their own here); install it when missing and we are allowed to.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

const BROWSER = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (existsSync(BROWSER)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `Chromium is needed for the console tests: install it with 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH).`,
  );
  process.exit(1);
}
console.log("Installing Debian's chromium for the console tests…");
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [
  ["update", "-qq"],
  ["install", "-y", "-qq", "chromium"],
]) {
  const r = spawnSync("apt-get", args, { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
