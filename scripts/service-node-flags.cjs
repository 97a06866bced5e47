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
// --no-allocation-site-pretenuring: V8 watches how many objects of each allocation site survive a
// young-generation collection and, above a threshold, allocates that site's objects directly in the old
// generation. Under saturation (32 requests queued) the database driver's rows, field strings and dates
// outlive a collection, so V8 pretenured those sites, and from then on every row read went straight to
// the old generation: scavenges of 10-14 ms (what survived was copied) and a full collection every few
// seconds whose concurrent marking took the second core from PostgreSQL. Measured on 2026-11-27 on the
// reads at half load right after a saturation run: scavenges 10-14 -> 1-4 ms, no full collection in the
// window, p99 timeline 34-121 -> 7.7 ms, page 28-108 -> 7.2 ms, JSON 9-67 -> 9.1 ms, peak RSS 325-340 ->
// 265-298 MB; quotes at 32 connections unchanged within the noise (3.85 ms of CPU against 4.45 earlier).
module.exports = ['--max-old-space-size=1024', '--max-semi-space-size=32', '--no-allocation-site-pretenuring'];
