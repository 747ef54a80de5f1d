export * from './client';
export * from './database';
export * from './services';
export * from './stack';
export * from './supergraph';
export * from './jest/test-stack';
export * from './process-stack';
export * from './postgres-process';
