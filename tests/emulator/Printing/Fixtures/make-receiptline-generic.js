const receiptline = require('receiptline');
const fs = require('fs');
const doc = `^^^RECEIPT
Sample Store | 2026-11-22 10:15
-
{width:*,4,10}
Coffee | 2 | 7.00
Bagel | 1 | 3.50
-
^TOTAL | | ^10.50
"Paid by card" | | _thank you_
\`INVERTED\`
{border:line; width:16,*}
Ref | 123456789012
{border:space; width:*}
-
{code:20261122-0001; option:code128,2,72,hri}
{code:4901234567894; option:ean,2,72,hri}
{code:https://example.com/r/0001; option:qrcode,4,m}
`;
const out = receiptline.transform(doc, { command: 'generic', cpl: 32, encoding: 'cp437', spacing: false, cutting: true });
fs.writeFileSync('receiptline-generic.bin', Buffer.from(out, 'binary'));
console.log(out.length);
