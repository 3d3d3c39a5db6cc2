import { handle } from '../../server/functions'
import type { StaffRecord } from '../../server/ports'
import { sqliteDeps } from '../support/deps'

/** A runtime that read the caller's staff record for its own check hands it over: the call takes its roles from it and reads none. */
describe('an identity that carries its staff record', () => {
  let t: ReturnType<typeof sqliteDeps>
  beforeAll(() => (t = sqliteDeps()))
  afterAll(() => t.close())

  const reviewer: StaffRecord = { openid: 'o-reviewer', displayName: '王审核', unitId: 'unit-root', roles: ['reviewer'], active: true }
  const queue = { action: 'queue', input: { stage: 'submitted' } }

  it('takes the roles from the record handed over, without reading it again', async () => {
    await t.ready
    const read = jest.spyOn(t.deps.store.repos.staff, 'getByOpenid')
    const asStaff = await handle('review', queue, { openid: reviewer.openid, staff: reviewer }, t.deps)
    expect(asStaff.ok).toBe(true)
    const asWorker = await handle('review', queue, { openid: reviewer.openid, staff: null }, t.deps)
    expect(asWorker).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const inactive = await handle('review', queue, { openid: reviewer.openid, staff: { ...reviewer, active: false } }, t.deps)
    expect(inactive).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(read).not.toHaveBeenCalled()
    read.mockRestore()
  })

  it('reads the record when the runtime did not (a cloud function), and finds no staff for a stranger', async () => {
    const read = jest.spyOn(t.deps.store.repos.staff, 'getByOpenid')
    expect(await handle('review', queue, { openid: 'o-stranger' }, t.deps)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(read).toHaveBeenCalledWith('o-stranger')
    read.mockRestore()
  })
})
