import { randomBytes } from 'node:crypto'
import type { Clock, IdGenerator } from './ports'

/** The real clock. Tests pass their own. */
export const systemClock: Clock = { now: () => new Date() }

/** 16 random bytes as base64url: unguessable ids for records. */
export const randomIds: IdGenerator = { newId: () => randomBytes(16).toString('base64url') }
