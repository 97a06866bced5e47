// Node.js flags of the service process, used by `npm start` (scripts/launch.mjs), the benchmarks and
// the tests that run the built service as a process, so that all three run it the same way.
//
// Target: peak RSS under 400 MB in every benchmark scenario.
//
// --max-old-space-size=1024: besides capping the old generation, a cap under 2 GB makes V8 let the heap
// grow less between full collections (its growth factor scales from 1.3 at 256 MB to 4 at 2 GB and
// above; about 1.6 here). Without it the old generation grew from ~90 MB live to 200-240 MB of mostly
// garbage under timeline, ingestion and quote load (peaks of 400-716 MB RSS); with it, it stays near
// 110-120 MB and peaks were 275-330 MB. CPU per request stayed within the run-to-run noise of the shared
// benchmark machine (which is wide: the same build varied by 40 %); re-check on a quiet one. 1024 MB is
// about ten times the live heap after boot (86 MB), room for large requests without running out.
//
// One earlier flag was dropped for memory:
//
// - No --enable-source-maps: with it, Node parses and keeps the source map of every module that has one,
//   dist/ and node_modules alike (about 2,450 maps, 16 MB of heap measured at boot, more RSS at load
//   peaks as the old generation grows in proportion). Stack traces now give positions in dist/*.js; the
//   .js.map files next to them map those back to src/ when needed.
// --max-semi-space-size=32 (MB; V8's default here is 16): the checkout path allocates fast (a quote
// builds and serialises a 20-80 KB answer), and a young generation twice as large collects half as
// often while little more of it survives. Measured on 2026-11-27 with two instances side by side,
// quotes at 32 connections in ten alternating rounds: service CPU 2.61 -> 2.07 ms per quote, 325 ->
// 365 quotes/s, peak RSS 317 -> 338 MB (still under the 400 MB target). It had been left out once
// because its gain could not be told from the noise of runs measured one after the other.
module.exports = ['--max-old-space-size=1024', '--max-semi-space-size=32'];
