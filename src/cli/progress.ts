import cliProgress from 'cli-progress';

/** A progress bar on stderr when it is a terminal; silent otherwise (CI logs, pipes). */
export function progressBar(label: string, total: number) {
  if (!process.stderr.isTTY) return { tick(_n = 1) {}, stop() {} };
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return { tick(n = 1) { bar.increment(n); }, stop() { bar.stop(); } };
}

/** An import's write phase as a progress bar, made at its first report: pass `onProgress` to the import, `stop()` when it ends either way. */
export function writeProgress(label: string) {
  let bar: ReturnType<typeof progressBar> | null = null;
  let shown = 0;
  return {
    onProgress({ phase, done, total }: { phase: string; done: number; total: number }): void {
      if (phase !== 'write') return;
      bar ??= progressBar(label, total);
      bar.tick(done - shown);
      shown = done;
    },
    stop(): void {
      bar?.stop();
    },
  };
}
