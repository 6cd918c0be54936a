// The store benchmark's peer: hnswlib (C++, through the hnswlib-node binding as npm builds it) on the same vectors,
// queries and ground truth as the Java engines. Started by `bin/bench store` with a JSON spec; writes one result in
// the EngineResult shape of dev.embedkit.bench.store.StoreResults.
//
//   node store-peer.js spec.json
//
// Build: one thread (hnswlib-node's addPoint is synchronous and single-threaded), inner product space on the unit
// vectors, M and ef_construction from the spec, random seed 100 (hnswlib's default). Searches: recall over every query
// per ef, then queries back to back for `seconds` on 1 thread (a worker) and on N threads (N workers, each with its own
// copy of the index read from the saved file: hnswlib-node's search is synchronous, so threads need workers).
'use strict';
const fs = require('fs');
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');
const { HierarchicalNSW } = require('hnswlib-node');

function readFvecs(file, limit) {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(4);
  fs.readSync(fd, head, 0, 4, 0);
  const dims = head.readInt32LE(0);
  const row = 4 + 4 * dims;
  const count = Math.min(limit ?? Infinity, Math.floor(fs.fstatSync(fd).size / row));
  return { fd, dims, row, count };
}

// Calls fn(vectorAsArray, id) for each vector of an .fvecs file, reading 4096 rows at a time.
function eachVector(file, fn) {
  const { fd, dims, row, count } = readFvecs(file);
  const batch = 4096;
  const buffer = Buffer.alloc(row * batch);
  for (let start = 0; start < count; start += batch) {
    const rows = Math.min(batch, count - start);
    fs.readSync(fd, buffer, 0, rows * row, start * row);
    for (let r = 0; r < rows; r++) {
      const floats = new Float32Array(buffer.buffer, buffer.byteOffset + r * row + 4, dims);
      fn(Array.from(floats), start + r);
    }
  }
  fs.closeSync(fd);
  return count;
}

function readAllVectors(file) {
  const vectors = [];
  eachVector(file, (v) => vectors.push(v));
  return vectors;
}

function readIvecs(file) {
  const data = fs.readFileSync(file);
  const rows = [];
  for (let off = 0; off < data.length;) {
    const n = data.readInt32LE(off);
    const row = new Int32Array(n);
    for (let i = 0; i < n; i++) row[i] = data.readInt32LE(off + 4 + 4 * i);
    rows.push(row);
    off += 4 + 4 * n;
  }
  return rows;
}

function procStatus(field) {
  const m = fs.readFileSync('/proc/self/status', 'utf8').match(new RegExp('^' + field + ':\\s+(\\d+)', 'm'));
  return m ? Number(m[1]) : -1;
}

function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function recallAt(found, truth, k) {
  let hits = 0;
  for (let i = 0; i < k && i < truth.length; i++) {
    if (found.includes(truth[i])) hits++;
  }
  return hits / k;
}

// Nearest-rank percentile of sorted latencies (ms), as QueryTimer does.
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(rank, 1) - 1];
}

// Worker: its own copy of the index; runs queries back to back when asked.
function workerMain() {
  const { indexFile, dims, queriesFile, k } = workerData;
  const index = new HierarchicalNSW('ip', dims);
  index.readIndexSync(indexFile);
  const queries = readAllVectors(queriesFile);
  parentPort.on('message', (msg) => {
    if (msg.stop) {
      process.exit(0);
    }
    index.setEf(msg.ef);
    const latencies = [];
    let next = msg.offset;
    const deadline = process.hrtime.bigint() + BigInt(Math.round(msg.seconds * 1e9));
    let now = process.hrtime.bigint();
    while (now < deadline) {
      index.searchKnn(queries[next], k);
      const after = process.hrtime.bigint();
      latencies.push(Number(after - now) / 1e6);
      now = after;
      next = next + 1 === queries.length ? 0 : next + 1;
    }
    parentPort.postMessage({ latencies, end: Number(now) });
  });
  parentPort.postMessage({ ready: true });
}

async function timed(workers, threads, ef, seconds, queryCount) {
  const used = workers.slice(0, threads);
  const begin = process.hrtime.bigint();
  const results = await Promise.all(used.map((w, t) => new Promise((resolve) => {
    w.once('message', resolve);
    w.postMessage({ ef, seconds, offset: Math.floor((t * queryCount) / threads) });
  })));
  const end = Math.max(...results.map((r) => r.end));
  const all = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const wall = (end - Number(begin)) / 1e9;
  return { threads, queries: all.length, seconds: wall, qps: all.length / wall, p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99), recall: null };
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const log = (s) => process.stderr.write(`store bench [${spec.label}]: ${s}\n`);
  const { dims, count } = readFvecs(spec.vectors);
  let index = new HierarchicalNSW('ip', dims);
  index.initIndex({ maxElements: count, m: spec.m, efConstruction: spec.beamWidth, randomSeed: 100 });
  const t0 = process.hrtime.bigint();
  const c0 = cpuSeconds();
  eachVector(spec.vectors, (v, id) => {
    index.addPoint(v, id);
    if ((id + 1) % 100000 === 0) log(`${id + 1} vectors in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(0)} s`);
  });
  const ingestSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const ingestCpuSeconds = cpuSeconds() - c0;
  log(`built in ${ingestSeconds.toFixed(1)} s`);
  index.writeIndexSync(spec.indexDir);
  const diskBytes = fs.statSync(spec.indexDir).size;

  const queries = readAllVectors(spec.queries);
  const truth = readIvecs(spec.truth);
  const k = spec.k;
  const maxEf = Math.max(...spec.efs);
  index.setEf(maxEf);
  for (const q of queries) index.searchKnn(q, k); // warm-up, as on the Java side

  const recalls = new Map();
  for (const ef of spec.efs) {
    index.setEf(ef);
    let recall = 0;
    queries.forEach((q, i) => { recall += recallAt(index.searchKnn(q, k).neighbors, truth[i], k); });
    recalls.set(ef, recall / queries.length);
  }
  // Memory of the one index, before the workers (each holds its own copy) start.
  global.gc?.();
  const memory = { rssKib: procStatus('VmRSS'), rssAnonKib: procStatus('RssAnon'), rssFileKib: procStatus('RssFile'),
    peakRssKib: procStatus('VmHWM') };

  // The workers search their own copies; this one goes, so that at most `threads` copies are in memory at once.
  index = null;
  global.gc?.();

  const maxThreads = Math.max(...spec.threads);
  const workers = [];
  for (let t = 0; t < maxThreads; t++) {
    const w = new Worker(__filename, { workerData: { indexFile: spec.indexDir, dims, queriesFile: spec.queries, k } });
    await new Promise((resolve) => w.once('message', resolve));
    workers.push(w);
  }
  for (const w of workers) { // warm-up in each worker
    await timed([w], 1, maxEf, Math.min(1, spec.seconds), queries.length);
  }
  const sweep = [];
  for (const ef of spec.efs) {
    const timings = [];
    for (const threads of spec.threads) {
      timings.push(await timed(workers, threads, ef, spec.seconds, queries.length));
    }
    sweep.push({ ef, recall: recalls.get(ef), timings });
    log(`ef ${ef} recall@${k} ${recalls.get(ef).toFixed(4)} ` + timings.map((t) =>
      `${t.threads} thread(s) ${t.qps.toFixed(0)} q/s p50 ${t.p50Ms.toFixed(3)} p99 ${t.p99Ms.toFixed(3)} ms`).join(', '));
  }
  for (const w of workers) w.postMessage({ stop: true });

  const result = {
    label: spec.label, runtime: `node ${process.version}, hnswlib-node ${require('hnswlib-node/package.json').version}`,
    engine: 'hnswlib', quantization: 'NONE', m: spec.m, beamWidth: spec.beamWidth, buildThreads: 1,
    ingestSeconds, ingestCpuSeconds, compactSeconds: 0, compactCpuSeconds: 0, segmentsBeforeCompact: 1, diskBytes,
    heapUsedKib: 0, ...memory, sweep, exact: null,
  };
  fs.writeFileSync(spec.result, JSON.stringify(result, (key, value) =>
    (typeof value === 'number' && !Number.isFinite(value) ? null : value)));
  fs.unlinkSync(spec.indexDir);
}

if (isMainThread) {
  main().catch((e) => { console.error(e); process.exit(1); });
} else {
  workerMain();
}
