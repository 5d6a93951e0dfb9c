/**
 * Journeys and the shift radar: the pure statistics layer. When behaviour changed (change points), whether
 * two periods differ and where (comparisons), and which channels earned the conversions (attribution).
 * Plain data in, plain data out; no I/O.
 * @module
 */

export * from './analyses/index.ts';
export * from './attribution/index.ts';
export * from './change-points/index.ts';
export * from './comparisons/index.ts';
export * from './markov/index.ts';
export * from './sources/index.ts';
export * from './touchpoints/index.ts';
