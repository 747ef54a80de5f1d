import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';

export interface JobDeps {
  dataSource: DataSource;
  logger: Logger;
  /**
   * The relay role's connection string: the one role that may look across tenants, and only at
   * what its policies name (its outbox; a service may grant it more, e.g. the list of tenant ids).
   */
  relayUrl: string;
}

/**
 * Work a service does on its own, on a timer (e.g. planning next month's meetings). Every
 * replica runs its jobs: a job must be idempotent and take its own lock, so two replicas
 * running it at once do it once.
 */
export interface BackgroundJob {
  name: string;
  everyMs: number;
  /** Delay before the first run (default: one `everyMs`). */
  firstAfterMs?: number;
  run(deps: JobDeps): Promise<unknown>;
}

/** Runs jobs on their timers; a run never overlaps the previous one of the same job; failures are logged, not thrown. */
export class JobRunner {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly jobs: BackgroundJob[],
    private readonly deps: JobDeps,
  ) {}

  start(): void {
    for (const job of this.jobs) this.schedule(job, job.firstAfterMs ?? job.everyMs);
  }

  private schedule(job: BackgroundJob, delay: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = job
        .run(this.deps)
        .catch((err: Error) => this.deps.logger.error('background job failed', { job: job.name, error: err.message }))
        .finally(() => {
          this.running.delete(run);
          this.schedule(job, job.everyMs);
        });
      this.running.add(run);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all([...this.running]);
  }
}
