/**
 * The options of the Node process that runs the language server. The VS Code client forks
 * dist/server.js with them and the benchmarks spawn it with the same list. No imports: the
 * client bundle takes this file as it is.
 *
 * What the server keeps is small: each open document's text and findings. What it allocates
 * and drops is large: every analysis builds parse trees. V8's defaults size the heap for that
 * churn, not for what stays: after 200 documents are opened the young generation has grown to
 * 32 MB, the old generation is more than twice the size of what is live in it, and the optimising
 * compiler's threads have left freed memory in malloc arenas of their own (about 10 MB). With
 * these options the process stays close to what is live. The price is more and smaller
 * collections: a full analysis of a large file takes longer (a 2,000-line shell script about
 * twice as long), and now and then an edit waits for a compacting collection.
 *
 * These are V8 options, which Node hands on to V8. A Node whose V8 no longer knows one of them
 * refuses to start; the server tests (IPC transport) and the editor suite start the server
 * with this list, so such a Node fails them.
 */
export const SERVER_EXEC_ARGV: readonly string[] = [
  // Young generation: two semi-spaces of 1 MB at most, instead of growing to 2 x 16 MB.
  '--max-semi-space-size=1',
  // The next full collection comes once the old generation has grown by 20 % of what is live.
  '--heap-growing-percent=20',
  // Optimised code is compiled on the main thread: no compiler threads, no malloc arenas of theirs.
  '--no-concurrent-recompilation',
  // Every full collection also compacts, so the pages that held dropped parse trees are freed.
  '--compact-on-every-full-gc',
];
