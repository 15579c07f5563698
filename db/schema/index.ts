export * from './units';
export * from './people';
export * from './dossier';
export * from './sync';
