export * from './env';
export * from './scenarios';
export * from './membership';
