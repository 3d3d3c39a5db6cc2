import { randomPool } from './adapters/random-pool'
import type { Clock, IdGenerator } from './ports'

/** The real clock. Tests pass their own. */
export const systemClock: Clock = { now: () => new Date() }

const idBytes = randomPool(16)

/** 16 random bytes as base64url: unguessable ids for records. Each id's bytes are used once. */
export const randomIds: IdGenerator = { newId: () => idBytes().toString('base64url') }
