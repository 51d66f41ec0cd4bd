// Writes the ESC/POS streams that four npm printing libraries make, as committed test fixtures.
// Run from a folder where the pinned versions are installed (see README.md in this folder):
//   npm install receiptline@4.0.4 @node-escpos/core@0.6.0 escpos@2.5.2 escpos-buffer@4.1.0 ndarray@1.0.19
//   node /path/to/repo/tests/emulator/Printing/Fixtures/make-npm-fixtures.js /path/to/repo/tests/emulator/Printing/Fixtures
const fs = require('fs');
const path = require('path');
// Modules resolve from the working folder (where they were installed), not from this file's folder.
const need = m => require(require.resolve(m, { paths: [process.cwd()] }));
const ndarray = need('ndarray');

const outDir = process.argv[2] || '.';
const write = (name, bytes) => {
  fs.writeFileSync(path.join(outDir, name), bytes);
  console.log(`${name}: ${bytes.length} bytes`);
};

// A 64x48 logo: a frame, a diagonal and a filled block, as RGBA pixels (ndarray [width, height, 4]).
function logoPixels() {
  const w = 64, h = 48;
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dark = x < 2 || x >= w - 2 || y < 2 || y >= h - 2 || Math.abs(x - Math.floor(y * 4 / 3)) < 2 || (x > 40 && x < 56 && y > 8 && y < 24);
      const i = (y * w + x) * 4;
      const v = dark ? 0 : 255;
      data[i] = v; data[i + 1] = v; data[i + 2] = v; data[i + 3] = 255;
    }
  }
  // get-pixels keeps its data row by row with shape [width, height, channels] and stride [4, 4*width, 1].
  return ndarray(data, [w, h, 4], [4, 4 * w, 1], 0);
}

const chinese = [
  '商户名称：测试便利店',
  '交易类型：消费 (SALE)',
  '金额：RMB 12.50  €3.20',
  '繁體：臺灣 謝謝光臨',
  'Latin-1: café ñ ü ß £ ¥',
];

// receiptline 4.0.4: the Epson command set with GB18030 text, and its multilingual mode (ESC t per character).
function receiptlineStreams() {
  const receiptline = need('receiptline');
  const doc = `^^^收据 RECEIPT
${chinese.join('\n')}
-
{width:*,4,10}
咖啡 Coffee | 2 | 7.00
面包 Bagel | 1 | 3.50
-
^合计 TOTAL | | ^10.50
\`反白 INVERTED\`
{border:line; width:16,*}
参考号 Ref | 123456789012
{border:space; width:*}
-
{code:CODE39-12; option:code39,2,64,hri}
{code:1234567890; option:itf,2,64,hri}
{code:A40156B; option:nw7,2,64,hri}
{code:CODE93 TEST; option:code93,2,64,hri}
{code:20261122-0001; option:code128,2,64,hri}
{code:01234565; option:upc,2,64,hri}
{code:036000291452; option:upc,2,64,hri}
{code:4901234567894; option:ean,2,64,hri}
{code:https://example.com/r/0001; option:qrcode,4,m}
`;
  const gb = receiptline.transform(doc, { command: 'escpos', cpl: 32, encoding: 'gb18030', spacing: false, cutting: true });
  write('receiptline-escpos-gb18030.bin', Buffer.from(gb, 'binary'));
  const multi = `Multilingual: café, Ελλάδα, Łódź, Москва, €5
{code:https://example.com/m; option:qrcode,3,l}
`;
  const ml = receiptline.transform(multi, { command: 'escpos', cpl: 32, encoding: 'multilingual', spacing: true, cutting: false });
  write('receiptline-escpos-multilingual.bin', Buffer.from(ml, 'binary'));
}

// @node-escpos/core 0.6.0 and escpos 2.5.2 share an API: GB18030 text by default, every GS k type, ESC Z QR.
async function nodeEscposFamily(name, Printer, Image, imageIsAsync) {
  const adapter = { write() {}, open() {}, close() {} };
  const p = new Printer(adapter, { encoding: 'GB18030' });
  p.align('ct').style('b').size(2, 2).text('收据').size(1, 1).style('normal');
  p.align('lt');
  for (const line of chinese) p.text(line);
  p.style('u').text('下划线 underline').style('normal');
  p.align('ct');
  const codes = [
    ['UPC_A', '03600029145'], ['UPC_E', '0123456'], ['EAN13', '490123456789'], ['EAN8', '9638507'],
    // CODE93 and CODE128 data of 16 to 255 bytes: the libraries write GS k's length byte from the length's hex
    // digits, which comes out empty for an odd digit count (lengths under 16), leaving a stream no printer reads right.
    ['CODE39', 'ABC-123'], ['ITF', '12345678'], ['NW7', '40156'], ['CODE93', 'CODE93-TEST-1234'], ['CODE128', '{BNo.1234567890A'],
  ];
  for (const [type, code] of codes) {
    p.barcode(code, type, { width: 1, height: 50, position: 'blw', font: 'a' }); // width 1 = GS w 2: module 3 would be wider than 58 mm paper for CODE39 and CODE128
    p.newLine ? p.newLine() : p.feed(1);
  }
  p.qrcode('https://example.com/qr?shop=1', 3, 'M', 4);
  p.feed(1);
  const img = new Image(logoPixels());
  if (imageIsAsync) { await p.image(img, 's8'); await p.image(img, 'd24'); } else { p.image(img, 's8'); p.image(img, 'd24'); }
  p.raster(img, 'dw');
  p.feed(2);
  p.cut();
  write(name, p.buffer.flush());
}

// escpos-buffer 4.1.0: an Epson TM-T20 profile, single-byte code pages (CP850 by default, then CP1252 and CP858).
async function escposBuffer() {
  const { Printer, Model, InMemory, Align, Style } = need('escpos-buffer');
  const connection = new InMemory();
  const printer = await Printer.CONNECT('TM-T20', connection);
  await printer.setAlignment(Align.Center);
  await printer.writeln('Café Ñandú', Style.Bold | Style.DoubleWidth);
  await printer.setAlignment(Align.Left);
  await printer.writeln('CP850: àéîõü ÄÖÜ ß ¿¡ ½ ±');
  await printer.writeln('Italic + underline', Style.Italic | Style.Underline);
  await printer.writeln('Condensed text', Style.Condensed);
  await printer.setCodepage('cp1252');
  await printer.writeln('CP1252: € 12,50 – “quoted” Œuvre');
  await printer.setCodepage('cp858');
  await printer.writeln('CP858: € 3,20 ÿ Ø');
  await printer.setCodepage('cp437');
  await printer.writeln('CP437: ñ ü é £ ¥');
  await printer.qrcode('https://example.com/escpos-buffer', 4);
  await printer.feed(2);
  await printer.cutter();
  write('escpos-buffer-tm-t20.bin', connection.buffer());
}

(async () => {
  receiptlineStreams();
  const core = need('@node-escpos/core');
  await nodeEscposFamily('node-escpos-core-gb18030.bin', core.Printer, core.Image, true);
  const escpos = need('escpos');
  escpos.Image = need('escpos/image');
  await nodeEscposFamily('escpos-gb18030.bin', need('escpos/printer'), escpos.Image, true);
  await escposBuffer();
})();
