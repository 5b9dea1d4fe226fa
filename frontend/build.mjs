// Builds the front-end assets into frontend/dist (served as /static/). Run by `make assets`.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const out = "frontend/dist";
mkdirSync(`${out}/css`, { recursive: true });
mkdirSync(`${out}/js`, { recursive: true });

const result = sass.compile("frontend/scss/app.scss", {
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "slash-div"],
  importers: [new sass.NodePackageImporter()],
});
writeFileSync(`${out}/css/app.css`, result.css);

const govuk = "node_modules/govuk-frontend/dist/govuk";
cpSync(`${govuk}/govuk-frontend.min.js`, `${out}/js/govuk-frontend.min.js`);
cpSync(`${govuk}/assets`, `${out}/assets`, { recursive: true });
cpSync("node_modules/htmx.org/dist/htmx.min.js", `${out}/js/htmx.min.js`);
cpSync("frontend/js/app.mjs", `${out}/js/app.mjs`);
console.log(`Built ${out}: css/app.css (${result.css.length} bytes), js/, assets/`);
