import type { RateLimitRecord, RateLimitRepository } from '../../ports'
import type { Db } from './connection'
import { keyedDocs } from './documents'

export const rateLimitRepository = (db: Db): RateLimitRepository => keyedDocs<RateLimitRecord>(db, 'rate_limits', 'key', (r) => r.key)
