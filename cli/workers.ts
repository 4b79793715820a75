import { parentPort, Worker, workerData } from 'node:worker_threads';
import { FileScanner, type FileResult, type ReadText, type ScanFileOptions } from './scan-file';
import type { Candidate, FileSet } from './walk';

/** How many candidates go to a thread at a time: enough to make a message worth its cost. */
const BATCH = 64;

/**
 * Batches a worker holds at once: while it works on one, the next waits in its queue, so that it
 * never sits idle for the round trip of a result and the next batch.
 */
const IN_FLIGHT = 2;

/** How many folders the walk reads between two looks at the workers' messages. */
const FOLDERS_PER_TURN = 16;

/**
 * Workers start once the walk has found this many files: below, starting one (loading the
 * engine once more) costs more than it saves.
 */
export const THREADED_FROM_FILES = 500;

/**
 * A worker reads many small files and keeps little: a young generation of a few megabytes is
 * collected often and cheaply, where the default lets each thread grow tens of megabytes first.
 */
const LIMITS = { maxYoungGenerationSizeMb: 4 };

/** A run of consecutive candidates, from the index `start` of the scan's list. */
interface Batch {
  start: number;
  candidates: Candidate[];
}

/**
 * A batch's outcome: how many files it settled as examined, the results that say something, and
 * the texts left for the main thread to analyse.
 */
interface BatchResult {
  start: number;
  count: number;
  examined: number;
  /** [index in the batch, result] for the files with findings, notices or a dev container */
  results: Array<[number, FileResult]>;
  /** [index in the batch, text] for the files the pre-filter lets through */
  texts: Array<[number, ReadText]>;
}

const ROLE = 'docker-socket-guard scan worker';

interface WorkerData {
  role: typeof ROLE;
  options: ScanFileOptions;
}

export interface ThreadPlan {
  /** the script a worker runs: the CLI's own bundle, which serves as a worker when it is one */
  script: string;
  /** worker threads; the main thread walks the folders and hands out the files */
  workers: number;
}

/**
 * Walks (one folder per step of `walk`, which fills `set`) while worker threads read the files
 * found so far, a batch at a time, and settle those the pre-filter rules out; the main thread
 * analyses the texts they hand back, so that the families' code is compiled and warmed once.
 * Returns what they found; nothing when the walk found too few files to start workers, which
 * leaves them all to the caller. A worker that fails hands its batch back, and what is left when
 * the workers stop is scanned on the main thread, so that the outcome is that of a scan without
 * workers, failures included.
 */
export async function scanWhileWalking(
  set: FileSet,
  walk: Iterator<void>,
  options: ScanFileOptions,
  plan: ThreadPlan,
  onProgress: (done: number, found: number) => void,
): Promise<ThreadedScan | undefined> {
  const scan: ThreadedScan = { files: 0, examined: 0, results: new Map() };
  const scanner = new FileScanner(options);
  const store = (batch: BatchResult) => {
    for (const [offset, result] of batch.results) scan.results.set(batch.start + offset, result);
    for (const [offset, read] of batch.texts) {
      const candidate = set.files[batch.start + offset];
      if (candidate) scan.results.set(batch.start + offset, scanner.analyse(candidate, read));
    }
    scan.examined += batch.examined + batch.texts.length;
    scan.files += batch.count;
    onProgress(scan.files, set.files.length);
  };

  const queue = new BatchQueue(set.files);
  const data: WorkerData = { role: ROLE, options };
  const pool: PoolWorker[] = [];
  let started = false;
  const feed = () => {
    // Started early, so that the workers load the engine while the folders are read.
    if (!started && set.files.length >= THREADED_FROM_FILES) {
      started = true;
      pool.push(...startWorkers(plan, data, queue, store));
    }
    pool.forEach((worker) => worker.feed());
  };

  try {
    for (let steps = 1; !walk.next().done; steps++) {
      if (steps % FOLDERS_PER_TURN !== 0) continue;
      feed();
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    // A running thread would keep the process alive after the error is reported.
    pool.forEach((worker) => worker.stop());
    throw error;
  }
  queue.walked = true;
  feed();
  if (!started) return undefined;
  await Promise.all(pool.map((worker) => worker.stopped));

  // Batches given back by failed workers.
  for (let batch = queue.take(); batch; batch = queue.take()) store(prescanBatch(scanner, batch));
  return scan;
}

/** What the threads found in the first `files` files: only the results that say something. */
export interface ThreadedScan {
  files: number;
  examined: number;
  /** by index in the scan's list of files */
  results: Map<number, FileResult>;
}

/** As many workers as the plan asks for and the system gives; none when it gives none. */
function startWorkers(
  plan: ThreadPlan,
  data: WorkerData,
  queue: BatchQueue,
  store: (result: BatchResult) => void,
): PoolWorker[] {
  const pool: PoolWorker[] = [];
  for (let i = 0; i < plan.workers; i++) {
    try {
      const worker = new Worker(plan.script, { workerData: data, resourceLimits: LIMITS });
      pool.push(new PoolWorker(worker, queue, store));
    } catch {
      // Out of threads or memory: the workers started, or the main thread, do the work.
      break;
    }
  }
  return pool;
}

/** The files found so far, handed out in order, in batches until the walk is over. */
class BatchQueue {
  walked = false;
  private next = 0;
  private readonly returned: Batch[] = [];

  constructor(private readonly candidates: readonly Candidate[]) {}

  take(): Batch | undefined {
    const back = this.returned.shift();
    if (back) return back;
    const available = this.candidates.length - this.next;
    if (available === 0 || (!this.walked && available < BATCH)) return undefined;

    const start = this.next;
    this.next = Math.min(this.candidates.length, start + BATCH);
    return { start, candidates: this.candidates.slice(start, this.next) };
  }

  giveBack(batch: Batch): void {
    this.returned.push(batch);
  }
}

/** One worker thread: kept fed with batches, stopped once there are no more. */
class PoolWorker {
  readonly stopped: Promise<void>;
  /** the batches sent and not yet answered, in the order the worker answers them */
  private readonly pending: Batch[] = [];
  private done = false;
  private resolveStopped = () => {};

  constructor(
    private readonly worker: Worker,
    private readonly queue: BatchQueue,
    store: (result: BatchResult) => void,
  ) {
    this.stopped = new Promise((resolve) => (this.resolveStopped = resolve));
    worker.on('message', (result: BatchResult) => {
      this.pending.shift();
      store(result);
      this.feed();
    });
    worker.on('error', () => this.fail());
    worker.on('exit', () => this.fail());
  }

  /** Tops up the worker's batches; stops it once it has none and the queue is over. */
  feed(): void {
    while (!this.done && this.pending.length < IN_FLIGHT) {
      const batch = this.queue.take();
      if (!batch) break;
      this.pending.push(batch);
      this.worker.postMessage(batch);
    }
    if (this.pending.length === 0 && this.queue.walked) this.stop();
  }

  private fail(): void {
    for (const batch of this.pending.splice(0)) this.queue.giveBack(batch);
    this.stop();
  }

  stop(): void {
    if (this.done) return;
    this.done = true;
    this.worker.removeAllListeners();
    // Whatever the thread says while it stops is no news: its work is accounted for.
    this.worker.on('error', () => undefined);
    void this.worker.terminate().finally(this.resolveStopped);
  }
}

/** Settles what a batch's files can settle without the engine's families; forwards the rest. */
function prescanBatch(scanner: FileScanner, batch: Batch): BatchResult {
  const outcome: BatchResult = {
    start: batch.start,
    count: 0,
    examined: 0,
    results: [],
    texts: [],
  };
  for (const candidate of batch.candidates) {
    const result = scanner.prescan(candidate);
    if ('text' in result) {
      outcome.texts.push([outcome.count, result]);
    } else {
      if (result.examined) outcome.examined++;
      const telling = result.findings.length > 0 || result.notices.length > 0;
      if (telling || result.composeFiles) outcome.results.push([outcome.count, result]);
    }
    outcome.count++;
  }
  return outcome;
}

/** Whether this thread was started by `scanWhileWalking`. */
export function isScanWorker(): boolean {
  return parentPort !== null && (workerData as Partial<WorkerData> | null)?.role === ROLE;
}

/** The worker's side: settles each batch it is sent and sends back what it found and read. */
export function serveScanWorker(): void {
  const { options } = workerData as WorkerData;
  const scanner = new FileScanner(options);
  parentPort?.on('message', (batch: Batch) => {
    parentPort?.postMessage(prescanBatch(scanner, batch));
  });
}
