// Compiles a Typst file to PDF with Typst's compiler as an npm package (test tooling only), as a
// whole process so that bench/peers/run times it like the folio and fop commands.
//   node bench/peers/typst.js IN.typ OUT.pdf
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const [input, output] = process.argv.slice(2);
const compiler = NodeCompiler.create({
  workspace: path.dirname(path.resolve(input)),
  fontArgs: [{ fontPaths: ['/usr/share/fonts/truetype/dejavu'] }],
});
const pdf = compiler.pdf({ mainFilePath: path.resolve(input) });
fs.writeFileSync(output, pdf);
