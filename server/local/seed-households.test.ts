import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Actor } from '../../src/domain'
import { createCipher } from '../adapters/node-cipher'
import { openSqliteStore } from '../adapters/sqlite'
import { localFileStore } from '../adapters/files/local-file-store'
import { randomIds } from '../runtime'
import type { Deps } from '../ports'
import { TestClock, tempDir } from '../../test/support/deps'
import { getHousehold } from '../usecases/households/read'
import { reveal } from '../usecases/review/reveal'
import { currentForm } from '../usecases/shared/sealed-form'
import { householdMemberOfId } from '../usecases/applicant/duplicates'
import { seedDemo } from './seed'

const admin: Actor = { openid: 'demo-admin', roles: ['admin', 'reviewer'], unitId: 'unit-root' }

test('a demo household is filed by an application holding its form: the file shows the address and a masked family phone, revealed and audited', async () => {
  const { dir, cleanup } = tempDir()
  const store = openSqliteStore(join(dir, 'lantian.db'))
  const cipher = createCipher(randomBytes(32))
  const clock = new TestClock(new Date('2026-12-05T02:00:00Z'))
  const deps: Deps = { store, clock, ids: randomIds, cipher, settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: localFileStore(join(dir, 'files'), randomBytes(32)) }
  try {
    await seedDemo(store, cipher, clock.now())
    const [filed] = await store.repos.households.listPage({ under: 'unit-root', status: 'filed', after: null, limit: 1 })
    expect(filed.applicationIds).toHaveLength(1)
    expect(filed.history[0]).toMatchObject({ kind: 'filed', applicationId: filed.applicationIds[0] })
    const app = (await store.repos.applications.get(filed.applicationIds[0]))!
    expect(app).toMatchObject({ status: 'filed', householdId: filed.id, name: filed.headName, unitId: filed.unitId, idNumberHash: filed.idNumberHash })
    // The stored form has the household's size, head and payee.
    const form = currentForm(app, cipher)!
    expect(form.finances.householdSize).toBe(filed.memberCount)
    expect(form.bank.accountName).toBe(filed.headName)
    for (const m of form.members) expect(await store.repos.claims.get(householdMemberOfId(cipher.keyedHash(m.idNumber)))).toMatchObject({ holder: app.id })

    const view = await getHousehold(deps, admin, { householdId: filed.id })
    expect(view.filingApplicationId).toBe(app.id)
    expect(view.members).toHaveLength(filed.memberCount - 1)
    const row = (path: string) => view.filing.find((r) => r.path === path)
    expect(row('applicant.homeAddress')?.text).toMatch(/^弥勒市.+号$/)
    const phone = row('applicant.homePhone')!
    expect(phone.text).toMatch(/^1\d{2}\*{4}\d{4}$/)
    const shown = await reveal(deps, admin, { id: app.id, field: 'applicant.homePhone' })
    expect(shown.value).toMatch(/^1\d{10}$/)
    expect(shown.value.slice(-4)).toBe(phone.text.slice(-4))
    const audit = await store.repos.audit.list(null, 1000)
    expect(audit.filter((e) => e.action === 'application.reveal' && e.subject === app.id)).toHaveLength(1)
  } finally {
    await store.close()
    cleanup()
  }
}, 180_000)
