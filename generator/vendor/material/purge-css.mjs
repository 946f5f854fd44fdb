// Material's stylesheet reduced to the rules the site uses: PurgeCSS keeps every rule whose selectors name only
// classes, ids, elements and attributes that occur in the built site's pages (every language) or in the scripts
// that make markup at run time (Material's bundle and search worker, our own scripts), and drops the rest.
// A development step (`make css`); the result is committed as generator/assets/material.css, so building the site
// needs no Node. tests/test_material_css.py fails when the committed file no longer matches Material's installed
// stylesheet or the site uses a class it dropped.
//
//   node generator/vendor/material/purge-css.mjs <Material's main.css> <site/> <output.css> <our stylesheets...>
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PurgeCSS } from "purgecss";

const [material, site, output, ...ours] = process.argv.slice(2);
if (!material || !site || !output) {
  console.error("usage: purge-css.mjs <main.css> <site/> <output.css> [our stylesheets…]");
  process.exit(2);
}

function* files(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "offline" && entry.name !== "data") yield* files(path);
    } else if (/\.html$/.test(entry.name) || /\/javascripts\/(workers\/search|bundle)\.[^/]*\.js$/.test(path) ||
               /\/assets\/[^/]+\.js$/.test(path)) {
      yield path;
    }
  }
}

// What the pages use: every element and attribute name, the value words of the attributes Material's selectors test
// (class, id, for, type, role, dir, align, data-…, aria-… but not labels), and the words of their inline scripts. Not
// their prose, links or labels: "note" or "example" in a sentence or an address keeps no rule.
const TAG = /<([A-Za-z][A-Za-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
const SELECTED = /^(class|id|for|type|role|dir|align|name|rel|open|hidden|lang|data-.*|aria-(?!label|description).*)$/i;
const INLINE = /<script(?![^>]*\stype=["']?application\/(?:ld\+)?json)(?:\s[^>]*)?>([\s\S]*?)<\/script>/gi;
// Features of Material this site does not turn on (mkdocs.yml; tests/test_material_css.py checks that it still does
// not): their words are in Material's scripts, which handle their markup, but that markup is never on a page here
// (versions, code annotations and copy buttons, tooltips, the repository link, and the Markdown extensions
// tabbed, highlight, footnotes, keys, critic, arithmatex, emoji, mermaid; a page that uses one names its classes).
const UNUSED =
  /^(md-version|md-annotation|md-tooltip|md-clipboard|md-code__|md-source|tabbed|highlight|footnote|keys|critic|arithmatex|twemoji|emojione|mermaid|inline)/;
// The types of admonition are classes only Markdown gives (`!!! warning`): a script's word "success" keeps no rule.
const ADMONITIONS = new Set(("note abstract summary tldr info todo tip hint important success check done question " +
  "help faq warning caution attention failure fail missing danger error bug example quote cite").split(" "));
const words = new Set();
// Custom properties that our stylesheets, the pages or the scripts read or set stay, whatever Material does with them.
const properties = new Set();
const names = (text) => { for (const name of text.match(/--md-[A-Za-z0-9_-]+/g) || []) properties.add(name); };
ours.forEach((path) => names(readFileSync(path, "utf8")));
const add = (text) => { for (const word of text.match(/[A-Za-z0-9_-]+/g) || []) words.add(word); };
for (const path of files(site)) {
  const text = readFileSync(path, "utf8");
  names(text);
  if (!path.endsWith(".html")) {
    for (const word of text.match(/[A-Za-z0-9_-]+/g) || []) if (!UNUSED.test(word) && !ADMONITIONS.has(word)) words.add(word);
    continue;
  }
  for (const [, name, attributes] of text.matchAll(TAG)) {
    words.add(name.toLowerCase());
    for (const [, key, value] of attributes.matchAll(ATTRIBUTE)) {
      add(key);
      if (value && SELECTED.test(key)) add(value.replace(/^["']|["']$/g, ""));
    }
  }
  for (const [, script] of text.matchAll(INLINE)) add(script);
}
const source = readFileSync(material, "utf8");
const [result] = await new PurgeCSS().purge({
  content: [{ raw: [...words].sort().join("\n"), extension: "html" }],
  css: [{ raw: source }],
  variables: true,
  keyframes: true,
  fontFace: true,
  safelist: { variables: [...properties].sort() },
});
const digest = createHash("sha256").update(source).digest("hex");
const header =
  "/*! Material for MkDocs (https://github.com/squidfunk/mkdocs-material), main stylesheet, reduced to the rules\n" +
  "   this site uses by generator/vendor/material/purge-css.mjs (`make css`).\n" +
  `   From: ${material.split("/").pop()} sha256:${digest}\n` +
  "   Copyright (c) 2016-2025 Martin Donath <martin.donath@squidfunk.com>; MIT License, see\n" +
  "   generator/vendor/material/LICENSE. */\n";
// @charset must stay the file's first bytes
writeFileSync(output, '@charset "UTF-8";\n' + header + result.css.replace(/^@charset "UTF-8";/, "") + "\n");
console.log(`${output}: ${source.length} → ${result.css.length} bytes`);
