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
// Two earlier flags were dropped for memory:
//
// - No --enable-source-maps: with it, Node parses and keeps the source map of every module that has one,
//   dist/ and node_modules alike (about 2,450 maps, 16 MB of heap measured at boot, more RSS at load
//   peaks as the old generation grows in proportion). Stack traces now give positions in dist/*.js; the
//   .js.map files next to them map those back to src/ when needed.
// - No --max-semi-space-size=32: the larger young generation adds 32 MB of committed memory (64 MB
//   instead of 32 MB of new space) to every load peak. Its CPU gain under quote load (measured earlier
//   as a fifth of CPU per quote) could not be confirmed on the shared benchmark machine, where CPU per
//   quote varied by more than that between runs of the same build, so the memory target wins.
module.exports = ['--max-old-space-size=1024'];
