/** What the use cases need from the outside world, by context. Each adapter implements these; a composition root picks one. */
export type * from './admin'
export type * from './applications'
export type * from './deps'
export type * from './households'
export type * from './export-jobs'
export type * from './messages'
export type * from './shared'
export type * from './stations'
