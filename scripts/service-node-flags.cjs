// Node.js flags of the service process, used by `npm start` (scripts/launch.mjs), the benchmarks and
// the tests that run the built service as a process, so that all three run it the same way.
//
// Empty on purpose; both earlier flags were dropped for memory (target: peak RSS under 400 MB):
//
// - No --enable-source-maps: with it, Node parses and keeps the source map of every module that has one,
//   dist/ and node_modules alike (about 2,450 maps, 16 MB of heap measured at boot, more RSS at load
//   peaks as the old generation grows in proportion). Stack traces now give positions in dist/*.js; the
//   .js.map files next to them map those back to src/ when needed.
// - No --max-semi-space-size=32: the larger young generation adds 32 MB of committed memory (64 MB
//   instead of 32 MB of new space) to every load peak. Its CPU gain under quote load (measured earlier
//   as a fifth of CPU per quote) could not be confirmed on the shared benchmark machine, where CPU per
//   quote varied by more than that between runs of the same build, so the memory target wins.
module.exports = [];
