export * from './ids';
export * from './enums';
export * from './errors';
export * from './principal';
export * from './events';
export * from './period';
export * from './text';
export * from './access';
