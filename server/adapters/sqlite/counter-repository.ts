import type { CounterRepository } from '../../ports'
import type { Db } from './connection'

export function counterRepository(db: Db): CounterRepository {
  return {
    async next(name) {
      return db
        .prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value')
        .pluck()
        .get(name) as number
    },
  }
}
