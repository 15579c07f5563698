// Renders build/icon.svg to build/icon.png (512×512) and build/icon.ico (16–256 px) with Debian's Chromium.
// Run after editing the SVG and commit the results: `node build/scripts/icons.mjs` (CHROMIUM=/path to override).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT } from './run.mjs';

const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

async function render(svg, sizes) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const out = new Map();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
      await page.setContent(`<!doctype html><body style="margin:0">${sized}</body>`);
      out.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** An ICO whose images are PNGs (Windows Vista and later); a width or height of 256 is written as 0. */
function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(([size, png], i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...pngs.map(([, png]) => png)]);
}

const svg = readFileSync(join(ROOT, 'build/icon.svg'), 'utf8');
const images = await render(svg, [512, ...ICO_SIZES]);
writeFileSync(join(ROOT, 'build/icon.png'), images.get(512));
writeFileSync(join(ROOT, 'build/icon.ico'), ico(ICO_SIZES.map((s) => [s, images.get(s)])));
console.log('build/icon.png, build/icon.ico');
