export * from './supergraph';
export * from './auth/keys';
export * from './auth/authenticate';
export * from './errors';
export * from './gateway';
export * from './limits';
export * from './web';
