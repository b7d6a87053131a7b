/**
 * The two measurements the benchmark makes of every route.
 *
 * throughput(): autocannon with N connections for a few seconds — requests per second when the
 * server is saturated.
 *
 * fixedRate(): latency percentiles at a fixed request rate, from an open-loop generator: request i
 * is due at start + i/rate, whatever happened to the earlier ones, and its latency counts from
 * that moment to the last byte of the response. So a server that falls behind shows it as growing
 * latency instead of hiding it (no coordinated omission). To keep a route that cannot keep up at
 * all from building an endless queue (whose latency would only measure the length of the run),
 * at most maxInFlight requests are outstanding; a request due beyond that is dropped and counted.
 *
 * Why not autocannon's overallRate for the second: autocannon paces each connection per whole
 * second — a connection sends its quota back to back at each one-second tick, then waits — so
 * 100 req/s over 20 connections arrives as a burst of 20 concurrent requests every second, and
 * its coordinated-omission correction divides by the rate in the wrong unit (Math.ceil(1/rate)
 * milliseconds). Against a server needing 5 ms per request, that reported p50 89 ms / p99 408 ms
 * where the true figures at an even 100 req/s are about 5 ms.
 */
import http from 'node:http';
import autocannon from 'autocannon';

export interface Target {
  url: string;
  headers?: Record<string, string>;
}

export interface StatusTally {
  /** Responses by status code. */
  statuses: Record<string, number>;
  /** Responses outside 2xx. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
}

export interface ThroughputResult extends StatusTally {
  requestsPerSecond: number;
  requests: number;
}

export interface LatencyResult extends StatusTally {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Requests completed per second over the run (falls below the target when the server cannot keep up). */
  achievedRate: number;
  requests: number;
  /** Requests not sent because maxInFlight were still waiting for an answer (the server fell behind). */
  dropped: number;
}

export async function throughput(target: Target, options: { connections: number; seconds: number }): Promise<ThroughputResult> {
  const result = await autocannon({
    url: target.url, headers: target.headers, connections: options.connections, duration: options.seconds,
    pipelining: 1, timeout: 10,
  });
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat.count ?? 0;
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    statuses,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export async function fixedRate(target: Target, options: { rate: number; seconds: number; maxInFlight?: number; timeoutMs?: number }): Promise<LatencyResult> {
  const url = new URL(target.url);
  // Enough sockets that a slow response never holds back the next one that is due.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let non2xx = 0;
  let errors = 0;
  let sent = 0;
  let finished = 0;
  let inFlight = 0;
  let dropped = 0;
  const maxInFlight = options.maxInFlight ?? 50;
  const start = performance.now() + 20;
  let lastEnd = start;

  await new Promise<void>((resolve) => {
    const settle = () => {
      inFlight--;
      finished++;
      if (finished === total) resolve();
    };
    const send = (due: number) => {
      inFlight++;
      if (inFlight > maxInFlight) {
        dropped++;
        settle();
        return;
      }
      let done = false;
      const fail = () => {
        if (done) return;
        done = true;
        errors++;
        settle();
      };
      const request = http.request({
        agent, host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: 'GET',
        headers: { accept: '*/*', ...target.headers },
      }, (response) => {
        response.resume();
        response.on('end', () => {
          if (done) return;
          done = true;
          const end = performance.now();
          lastEnd = Math.max(lastEnd, end);
          latencies.push(end - due);
          const code = String(response.statusCode ?? 0);
          statuses[code] = (statuses[code] ?? 0) + 1;
          if (!response.statusCode || response.statusCode < 200 || response.statusCode >= 300) non2xx++;
          settle();
        });
        response.on('error', fail);
        response.on('aborted', fail);
      });
      request.setTimeout(options.timeoutMs ?? 10_000, () => request.destroy(new Error('timeout')));
      request.on('error', fail);
      request.end();
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        send(start + sent * interval);
        sent++;
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    achievedRate: latencies.length / Math.max(options.seconds, (lastEnd - start) / 1000),
    requests: latencies.length,
    dropped,
    statuses,
    non2xx,
    errors,
  };
}
