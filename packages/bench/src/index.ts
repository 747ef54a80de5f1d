export * from './env';
export * from './scenarios';
export * from './sql-counter';
export * from './meetings';
