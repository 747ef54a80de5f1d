import { Client } from 'pg';

/**
 * Counts SQL statements at the `pg` driver: every query any part of this process sends (the
 * subgraphs run in-process in the bench and the tests). Pause the relays first if only a
 * request's own statements should count.
 */
export class StatementCounter {
  private count = 0;
  private readonly original: (...a: unknown[]) => unknown;

  private constructor() {
    const proto = Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    this.original = proto.query;
    const self = this;
    proto.query = function (this: unknown, ...args: unknown[]) {
      self.count++;
      return self.original.apply(this, args);
    };
  }

  static install(): StatementCounter {
    return new StatementCounter();
  }

  /** Statements sent while `work` ran. */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
    this.count = 0;
    const result = await work();
    return { result, statements: this.count };
  }

  restore(): void {
    (Client.prototype as unknown as { query: unknown }).query = this.original;
  }
}
