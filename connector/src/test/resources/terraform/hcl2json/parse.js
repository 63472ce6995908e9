// Parses each .tf file named on the command line with HashiCorp's HCL2 parser (hashicorp/hcl v2 compiled to
// WebAssembly, npm @cdktf/hcl2json) and prints {"<file>": <its body as JSON>}. A syntax error exits 1.
const { parse } = require("@cdktf/hcl2json");
const fs = require("fs");

(async () => {
  const parsed = {};
  for (const file of process.argv.slice(2)) {
    parsed[file] = await parse(file, fs.readFileSync(file, "utf8"));
  }
  process.stdout.write(JSON.stringify(parsed));
})().catch((error) => {
  console.error(String(error));
  process.exit(1);
});
