export * from './env';
export * from './scenarios';
export * from './membership';
export * from './sql-counter';
export * from './meetings';
export * from './live';
