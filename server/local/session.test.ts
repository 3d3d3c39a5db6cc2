import { join } from 'node:path'
import type { StaffRecord, StaffRepository } from '../ports'
import { tempDir } from '../../test/support/deps'
import { liveSession, sessionCookie, stampOf } from './session'
import { openSessionStore, type SessionStore } from './session-store'

describe('local sessions', () => {
  let tmp: ReturnType<typeof tempDir>
  let sessions: SessionStore
  let record: StaffRecord | null
  const staff: StaffRepository = { getByOpenid: async () => record, put: async () => undefined, listByUnits: async () => ({ items: [], total: 0 }), listUnder: async () => [], countUnder: async () => 0 }
  const caseworker: StaffRecord = { openid: 'demo-caseworker', displayName: '李娟', unitId: 'unit-1', roles: ['caseworker'], active: true }

  beforeEach(() => {
    tmp = tempDir()
    sessions = openSessionStore(join(tmp.dir, 'sessions.db'))
    record = caseworker
  })
  afterEach(() => {
    sessions.close()
    tmp.cleanup()
  })

  const start = (expiresAt = 2000) => sessions.create({ sub: caseworker.openid, name: '李娟', expiresAt, staff: stampOf(record) }, 1000)

  it('finds a session by its id until it expires or ends, and stores only a hash of the id', () => {
    const id = start()
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(sessions.find(id, 1999)).toMatchObject({ sub: 'demo-caseworker', name: '李娟' })
    expect(sessions.find(id, 2000)).toBeNull()
    const other = start(5000)
    sessions.end(other)
    expect(sessions.find(other, 1001)).toBeNull()
    expect(sessions.find(`${other.slice(0, -1)}A`, 1001)).toBeNull()
  })

  it('lasts through a restart of the store', () => {
    const id = start()
    sessions.close()
    sessions = openSessionStore(join(tmp.dir, 'sessions.db'))
    expect(sessions.find(id, 1500)?.sub).toBe('demo-caseworker')
  })

  it('hands over the staff record it read for the check, so the call need not read it again', async () => {
    const id = start()
    expect((await liveSession(sessions, staff, id, 1500))?.record).toBe(caseworker)
    record = null
    const worker = sessions.create({ sub: 'o-worker', name: '张小明', expiresAt: 2000, staff: null }, 1000)
    expect(await liveSession(sessions, staff, worker, 1500)).toMatchObject({ sub: 'o-worker', record: null })
  })

  it('ends when an admin changes the person’s roles, unit or status', async () => {
    for (const change of [{ roles: ['reviewer' as const] }, { unitId: 'unit-2' }, { active: false }]) {
      record = caseworker
      const id = start()
      expect(await liveSession(sessions, staff, id, 1500)).not.toBeNull()
      record = { ...caseworker, ...change, version: 1 }
      expect(await liveSession(sessions, staff, id, 1500)).toBeNull()
      record = caseworker
      expect(await liveSession(sessions, staff, id, 1500)).toBeNull()
    }
  })

  it('goes on when the person binds themself by an invitation code, and ends on an admin change after it', async () => {
    record = null
    const id = start()
    record = { ...caseworker, version: 1, boundAt: '2026-03-02T02:00:00.000Z' }
    expect((await liveSession(sessions, staff, id, 1500))?.staff).toMatchObject({ roles: ['caseworker'], version: 1 })
    expect(await liveSession(sessions, staff, id, 1500)).not.toBeNull()
    record = { ...record, roles: ['reviewer'], version: 2 }
    expect(await liveSession(sessions, staff, id, 1500)).toBeNull()
  })

  it('reads the cookie without decoding it and calls anything but one well-formed id malformed', () => {
    const id = 'a'.repeat(43)
    expect(sessionCookie(`x=1; lantian_session=${id}; y=%`)).toEqual({ kind: 'id', id })
    expect(sessionCookie(undefined)).toEqual({ kind: 'none' })
    expect(sessionCookie('other=1; lantian_session')).toEqual({ kind: 'none' })
    for (const header of ['lantian_session=%', 'lantian_session=%E0%A4%A', 'lantian_session=', `lantian_session="${id}"`, `lantian_session=${id}; lantian_session=${id}`, 'lantian_session=eyJzdWIiOiJkZW1vLWFkbWluIn0.abc']) {
      expect(sessionCookie(header)).toEqual({ kind: 'malformed' })
    }
  })
})
