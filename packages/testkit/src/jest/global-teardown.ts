import type { TestDatabase } from '../database';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __chiboDb?: TestDatabase }).__chiboDb?.stop();
}
