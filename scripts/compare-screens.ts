// Compares two folders of e2e screenshots (test-results/screens of two runs),
// pixel by pixel, so a change meant to leave the UI alone can show it did.
//
//   npm run compare-screens -- <before-dir> <after-dir>
//
// Prints a line per screen that differs (pixels changed and their bounding
// box; `specks` for at most 16 anti-aliasing pixels), the screens only one
// side has, then one JSON summary line. Screens that show a reference number
// or a QR code differ between any two runs; the bounding box says where, so a
// reader can tell those from a real change.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

interface Difference {
  name: string;
  pixels: number;
  box: { left: number; top: number; right: number; bottom: number } | undefined;
  sizeChanged: boolean;
}

function compare(name: string, before: PNG, after: PNG): Difference {
  if (before.width !== after.width || before.height !== after.height) {
    return {
      name,
      pixels: Math.max(before.width * before.height, after.width * after.height),
      box: undefined,
      sizeChanged: true,
    };
  }
  let pixels = 0;
  let box: Difference['box'];
  for (let y = 0; y < before.height; y += 1) {
    for (let x = 0; x < before.width; x += 1) {
      const i = (y * before.width + x) * 4;
      const same =
        before.data[i] === after.data[i] &&
        before.data[i + 1] === after.data[i + 1] &&
        before.data[i + 2] === after.data[i + 2] &&
        before.data[i + 3] === after.data[i + 3];
      if (same) continue;
      pixels += 1;
      box =
        box === undefined
          ? { left: x, top: y, right: x, bottom: y }
          : {
              left: Math.min(box.left, x),
              top: Math.min(box.top, y),
              right: Math.max(box.right, x),
              bottom: Math.max(box.bottom, y),
            };
    }
  }
  return { name, pixels, box, sizeChanged: false };
}

function pngsIn(dir: string): Set<string> {
  return new Set(readdirSync(dir).filter((file) => file.endsWith('.png')));
}

const [beforeDir, afterDir] = process.argv.slice(2);
if (beforeDir === undefined || afterDir === undefined) {
  console.error('usage: npm run compare-screens -- <before-dir> <after-dir>');
  process.exit(2);
}
const before = pngsIn(beforeDir);
const after = pngsIn(afterDir);
const differences: Difference[] = [];
let identical = 0;
for (const name of [...before].sort()) {
  if (!after.has(name)) continue;
  const difference = compare(
    name,
    PNG.sync.read(readFileSync(join(beforeDir, name))),
    PNG.sync.read(readFileSync(join(afterDir, name))),
  );
  if (difference.pixels === 0) identical += 1;
  else differences.push(difference);
}
// A handful of pixels on the edge of a rounded corner or a glyph differ
// between any two renders of the same page; they are listed apart so that
// what is left to look at is what a person could see.
const SPECKS = 16;
const specks = differences.filter((d) => !d.sizeChanged && d.pixels <= SPECKS);
for (const d of differences) {
  const where = d.sizeChanged
    ? 'size changed'
    : `box x ${d.box?.left}–${d.box?.right}, y ${d.box?.top}–${d.box?.bottom}`;
  console.log(`${d.pixels <= SPECKS && !d.sizeChanged ? 'specks ' : 'differs'}  ${d.name}: ${d.pixels} px, ${where}`);
}
const onlyBefore = [...before].filter((name) => !after.has(name)).sort();
const onlyAfter = [...after].filter((name) => !before.has(name)).sort();
for (const name of onlyBefore) console.log(`only before  ${name}`);
for (const name of onlyAfter) console.log(`only after   ${name}`);
console.log(
  JSON.stringify({
    compared: identical + differences.length,
    identical,
    differing: differences.length - specks.length,
    specks: specks.length,
    onlyBefore: onlyBefore.length,
    onlyAfter: onlyAfter.length,
  }),
);
