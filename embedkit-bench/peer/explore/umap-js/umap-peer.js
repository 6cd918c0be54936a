// The explore benchmark's UMAP peer: umap-js (Google PAIR's JavaScript UMAP, npm, MIT) on the same .npy points as
// the Java side. Started by `bin/bench explore` (which runs `npm ci` here first when node_modules is missing):
//
//   node --max-old-space-size=MIB umap-peer.js POINTS.npy OUTPUT.npy RESULT.json SEED N_NEIGHBORS MIN_DIST N_EPOCHS
//
// new UMAP({nComponents: 2, nNeighbors, minDist, nEpochs (0: umap-js's default), random: a seeded mulberry32,
// distanceFn: cosine distance 1 - dot, the points being unit vectors}).fit(points), synchronous, one thread.
// Times fit() alone (reading the points and turning them into the number[][] umap-js takes are not timed). Writes
// OUTPUT.npy (n x 2 float32) and RESULT.json: seconds, cpuSeconds (process.cpuUsage, all threads), epochs (umap-js's
// choice: 500 up to 2,500 points, 400 to 5,000, 300 to 7,500, then 200), peakRssKib (VmHWM from /proc/self/status;
// not process.resourceUsage().maxRSS, which Linux keeps across fork and execve, so a process started by a large JVM
// reports at least that JVM's resident size), versions.
'use strict';
const fs = require('fs');
const path = require('path');
const { UMAP } = require('umap-js');

function readNpy(file) {
  const data = fs.readFileSync(file);
  if (data[0] !== 0x93 || data.toString('latin1', 1, 6) !== 'NUMPY') throw new Error(`${file} is not a .npy file`);
  const major = data[6];
  const headerLength = major === 1 ? data.readUInt16LE(8) : data.readUInt32LE(8);
  const start = major === 1 ? 10 : 12;
  const header = data.toString('latin1', start, start + headerLength);
  if (!/'descr':\s*'<f4'/.test(header) || /'fortran_order':\s*True/.test(header)) {
    throw new Error(`${file}: little-endian float32 in C order expected: ${header}`);
  }
  const shape = /'shape':\s*\((\d+),\s*(\d+)\)/.exec(header);
  const rows = Number(shape[1]);
  const cols = Number(shape[2]);
  const offset = start + headerLength;
  const bytes = data.buffer.slice(data.byteOffset + offset, data.byteOffset + offset + rows * cols * 4);
  const floats = new Float32Array(bytes);
  const points = new Array(rows);
  for (let r = 0; r < rows; r++) points[r] = Array.from(floats.subarray(r * cols, (r + 1) * cols));
  return points;
}

// Format 1.0, as numpy.save writes it: the dict padded with spaces to a newline, data on a 64-byte boundary.
function writeNpy(file, rows) {
  const cols = rows.length ? rows[0].length : 0;
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows.length}, ${cols}), }`;
  const unpadded = 10 + dict.length + 1;
  const padded = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const header = Buffer.alloc(10 + padded.length);
  header[0] = 0x93;
  header.write('NUMPY', 1, 'latin1');
  header[6] = 1;
  header[7] = 0;
  header.writeUInt16LE(padded.length, 8);
  header.write(padded, 10, 'latin1');
  const body = new Float32Array(rows.length * cols);
  rows.forEach((row, r) => body.set(row, r * cols));
  fs.writeFileSync(`${file}.partial`, Buffer.concat([header, Buffer.from(body.buffer)]));
  fs.renameSync(`${file}.partial`, file);
}

// mulberry32: a small seeded generator, so a seed gives the same map on every run.
function mulberry32(seed) {
  let a = seed >>> 0;
  return function random() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// This process's peak resident set since its execve, in KiB; -1 where /proc is not there.
function peakRssKib() {
  try {
    const m = /^VmHWM:\s*(\d+)\s*kB/m.exec(fs.readFileSync('/proc/self/status', 'latin1'));
    return m ? Number(m[1]) : -1;
  } catch (e) {
    return -1;
  }
}

function cosineDistance(a, b) {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return 1 - dot;
}

function main(argv) {
  if (argv.length !== 7) {
    console.error('usage: node umap-peer.js POINTS.npy OUTPUT.npy RESULT.json SEED N_NEIGHBORS MIN_DIST N_EPOCHS');
    process.exit(2);
  }
  const [pointsFile, outputFile, resultFile] = argv;
  const seed = Number(argv[3]);
  const nNeighbors = Number(argv[4]);
  const minDist = Number(argv[5]);
  const nEpochs = Number(argv[6]);
  const points = readNpy(pointsFile);
  const params = { nComponents: 2, nNeighbors, minDist, random: mulberry32(seed), distanceFn: cosineDistance };
  if (nEpochs > 0) params.nEpochs = nEpochs;

  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const umap = new UMAP(params);
  const embedding = umap.fit(points);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  writeNpy(outputFile, embedding);
  const umapVersion = JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules/umap-js/package.json'))).version;
  const result = {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    epochs: umap.getNEpochs(),
    peakRssKib: peakRssKib(),
    versions: { node: process.version, 'umap-js': umapVersion },
    pid: process.pid,
  };
  fs.writeFileSync(`${resultFile}.partial`, JSON.stringify(result));
  fs.renameSync(`${resultFile}.partial`, resultFile);
  console.error(`explore peer [umap-js]: ${points.length.toLocaleString('en')} points in ${seconds.toFixed(1)} s,`
    + ` peak RSS ${(result.peakRssKib / 1024).toFixed(0)} MiB`);
}

main(process.argv.slice(2));
