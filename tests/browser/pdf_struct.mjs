// The text of a tagged PDF as Mozilla's pdf.js reads it by following the structure tree:
// getStructTree() of each page, and each marked-content id's text from getTextContent() with
// marked content. Prints one line per marked-content sequence, in structure order, page by page;
// the content under Reference, TOC and Lbl (text folio generates: cross-references, contents,
// list numbers) is left out. tests/tools/struct_text_compare.py compares it with pdfinfo.
//
// usage: node pdf_struct.mjs FILE.pdf
import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const SKIP = new Set(["Reference", "TOC", "Lbl"]);

const data = new Uint8Array(readFileSync(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
const out = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent({ includeMarkedContent: true });
  const texts = new Map();
  const open = [];
  for (const item of content.items) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
      open.push(item.id ?? null);
      if (item.id && !texts.has(item.id)) texts.set(item.id, "");
    } else if (item.type === "endMarkedContent") {
      open.pop();
    } else if (typeof item.str === "string") {
      const id = [...open].reverse().find((x) => x);
      if (id) texts.set(id, texts.get(id) + item.str);
    }
  }
  const tree = await page.getStructTree();
  const walk = (node) => {
    if (!node) return;
    if (node.type === "content") {
      out.push(texts.get(node.id) ?? "");
      return;
    }
    if (SKIP.has(node.role)) return;
    for (const child of node.children ?? []) walk(child);
  };
  walk(tree);
}
process.stdout.write(out.join("\n") + "\n");
