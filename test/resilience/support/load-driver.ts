/** One request a load worker sends. */
export interface LoadRequest {
  kind: string;
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** What the test needs to check the outcome later (idempotency key, tracking number...). */
  meta?: Record<string, string>;
}

/** What became of one request; `status` 0 means no HTTP answer (connection refused or reset, timeout). */
export interface LoadOutcome {
  kind: string;
  status: number;
  body: any;
  error?: string;
  /** The Retry-After header of the answer, if any. */
  retryAfter?: string;
  startedAt: number;
  ms: number;
  meta: Record<string, string>;
  request: LoadRequest;
}

/** Sends one request and records its outcome; never throws. */
export async function send(req: LoadRequest, timeoutMs = 30_000): Promise<LoadOutcome> {
  const startedAt = Date.now();
  try {
    const res = await fetch(req.url, {
      method: req.method,
      headers: { ...(req.body !== undefined && { 'content-type': 'application/json' }), ...req.headers },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { kind: req.kind, status: res.status, body, retryAfter: res.headers.get('retry-after') ?? undefined, startedAt, ms: Date.now() - startedAt, meta: req.meta ?? {}, request: req };
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    return { kind: req.kind, status: 0, body: undefined, error: cause?.code ?? (e as Error).name, startedAt, ms: Date.now() - startedAt, meta: req.meta ?? {}, request: req };
  }
}

/**
 * Closed-loop load: `concurrency` workers each send the next request as soon as the previous one
 * answered, until `running()` turns false. Returns every outcome in the order they finished.
 */
export async function runLoad(opts: { concurrency: number; running: () => boolean; next: (seq: number) => LoadRequest; timeoutMs?: number; pauseMs?: number }): Promise<LoadOutcome[]> {
  const outcomes: LoadOutcome[] = [];
  let seq = 0;
  const worker = async () => {
    while (opts.running()) {
      const outcome = await send(opts.next(seq++), opts.timeoutMs);
      outcomes.push(outcome);
      // No answer at all (service or database down): do not spin.
      if (outcome.status === 0 || opts.pauseMs) await new Promise((r) => setTimeout(r, opts.pauseMs ?? 50));
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return outcomes;
}

/** Counts of outcomes by `kind` and status, e.g. `{ "quote 200": 40, "quote 503": 3 }`. */
export function tally(outcomes: LoadOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const k = `${o.kind} ${o.status || o.error}`;
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export const isSuccess = (o: LoadOutcome) => o.status >= 200 && o.status < 300;
