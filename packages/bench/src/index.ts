export * from './env';
export * from './scenarios';
export * from './live';
