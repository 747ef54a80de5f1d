/**
 * A progress bar on stderr for long commands (generate, import): step, rows done of total and
 * rows per second. On a terminal it redraws one line; elsewhere (CI logs) it prints each step
 * once, when it ends, so logs stay short.
 */
export function progressBar(prefix = '', out: NodeJS.WriteStream = process.stderr): { update(step: string, done: number, total: number): void; end(): void } {
  const tty = !!out.isTTY;
  let current = '';
  let started = Date.now();
  let last = 0;
  let line = '';
  const render = (step: string, done: number, total: number) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const share = total > 0 ? Math.min(done / total, 1) : 1;
    const width = 24;
    const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
    const rate = done / seconds;
    return `${prefix}${step.padEnd(14)} ${bar} ${String(Math.round(share * 100)).padStart(3)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')} rows  ${Math.round(rate).toLocaleString('en')} rows/s  ${seconds.toFixed(1)} s`;
  };
  const finish = () => {
    if (!line) return;
    out.write(tty ? `\r${line}\x1b[K\n` : `${line}\n`);
    line = '';
  };
  return {
    update(step, done, total) {
      if (step !== current) {
        finish();
        current = step;
        started = Date.now();
      }
      line = render(step, done, total);
      const now = Date.now();
      if (tty && (now - last > 100 || done >= total)) {
        out.write(`\r${line}\x1b[K`);
        last = now;
      }
    },
    end: finish,
  };
}
