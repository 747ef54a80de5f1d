import type { TestDatabase } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __chiboDb?: TestDatabase }).__chiboDb?.stop();
}
