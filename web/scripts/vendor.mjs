// Copies the built files the page loads from node_modules into web/vendor/
// (searchd serves nothing outside web/, and node_modules is not served).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
mkdirSync(join(web, "vendor"), { recursive: true });
for (const [from, to] of [["node_modules/chart.js/dist/chart.umd.min.js", "vendor/chart.umd.min.js"]]) {
  copyFileSync(join(web, from), join(web, to));
  console.log(`vendor: ${to}`);
}
