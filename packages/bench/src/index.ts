export * from './env';
export * from './scenarios';
