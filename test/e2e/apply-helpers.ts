import { deflateSync } from 'node:zlib'
import type { Page } from 'playwright-core'

/** A person as the e2e journeys fill the form for them. */
export interface Household {
  name: string
  idNumber: string
  phone: string
  /** The family's phone; 13698765432 when not given. */
  homePhone?: string
  members: { name: string; relation: string; idNumber: string; occupation: string; income: string }[]
}

/** The text input (or textarea) of a form field, by its schema path. */
export const input = (page: Page, path: string) =>
  page.locator(`[data-field="${path}"] input, input[data-field="${path}"], [data-field="${path}"] textarea, textarea[data-field="${path}"]`).first()

export const errorOf = (page: Page, path: string) => page.locator(`.field-error[data-field="${path}"]`)

/** Taps a chip of a choice field. */
export const choose = (page: Page, path: string, code: string) => page.locator(`[data-field="${path}"] [data-value="${code}"]`).first().click()

/**
 * Chooses a union anywhere in the tree: 更改 when one is chosen already, back to the top level,
 * 下级 on each unit of `down` in turn, then `unitId` on the level reached.
 */
export async function chooseUnion(page: Page, path: string, down: string[], unitId: string): Promise<void> {
  const field = page.locator(`#field-${path.replace(/\./g, '-')}`)
  const change = field.locator('[data-action=change-union]')
  if (await change.count()) await change.click()
  await field.locator('[data-value]').first().waitFor()
  const top = field.locator('[data-crumb=top]')
  if (await top.count()) {
    await top.click()
    await top.waitFor({ state: 'detached' })
  }
  for (const id of down) {
    await field.locator(`[data-down="${id}"]`).click()
    await field.locator(`[data-crumb="${id}"]`).waitFor()
  }
  await field.locator(`[data-value="${unitId}"]`).click()
  await field.locator(`[data-chosen="${unitId}"]`).waitFor()
}

export const atStep = (page: Page, step: string) => page.locator(`.apply-form[data-step=${step}]`).waitFor()

export const next = (page: Page) => page.locator('.apply-form__next').click()

/** The consent step: the three agreements, then on. */
export async function agree(page: Page): Promise<void> {
  await atStep(page, 'consent')
  for (const key of ['privacyVersion', 'sensitiveVersion', 'financeCheckVersion']) await page.locator(`[data-consent=${key}]`).click()
  await next(page)
  await atStep(page, 'applicant')
}

/** The applicant step, completely. */
export async function fillApplicant(page: Page, h: Household): Promise<void> {
  await input(page, 'applicant.name').fill(h.name)
  await input(page, 'applicant.idNumber').fill(h.idNumber)
  await input(page, 'applicant.phone').fill(h.phone)
  await choose(page, 'applicant.health', 'chronic')
  await choose(page, 'applicant.disability', 'none')
  await choose(page, 'applicant.modelWorker', 'none')
  await choose(page, 'applicant.workStatus', 'employed')
  await input(page, 'applicant.employer').fill('弥勒市农机厂')
  await choose(page, 'applicant.employerNature', 'collective')
  await chooseUnion(page, 'applicant.unitId', [], 'unit-532504001')
  await choose(page, 'applicant.hukou', 'urban')
  await choose(page, 'applicant.housing', 'rented')
  await input(page, 'applicant.housingArea').fill('45')
  await choose(page, 'applicant.medicalInsurance', 'employee')
  await choose(page, 'applicant.zeroEmploymentFamily', 'no')
  await input(page, 'applicant.homeAddress').fill(HOME_ADDRESS)
  await input(page, 'applicant.homePhone').fill(h.homePhone ?? '13698765432')
}

/** The example household: the applicant and two family members. */
export const ZHANG: Household = {
  name: '张小明',
  idNumber: '532504199001011238',
  phone: '13812345678',
  members: [
    { name: '李小红', relation: 'spouse', idNumber: '532504198503150022', occupation: '无业', income: '0' },
    { name: '张小军', relation: 'child', idNumber: '532504201003030029', occupation: '弥勒一中学生', income: '0' },
  ],
}

/** An older worker whose union is a level down, with a grandchild. */
export const WANG: Household = {
  name: '王秀英',
  idNumber: '11010519491231002X',
  phone: '13987654321',
  members: [
    { name: '王大山', relation: 'spouse', idNumber: '532504196007070032', occupation: '务农', income: '300' },
    { name: '王小花', relation: 'grandchild', idNumber: '532504201206060041', occupation: '弥阳小学学生', income: '0' },
  ],
}

/** The family's address the journeys give. */
export const HOME_ADDRESS = '弥勒市弥阳街道髯翁社区人民路12号'

export async function fillMembers(page: Page, h: Household): Promise<void> {
  for (const [i, m] of h.members.entries()) {
    await page.locator('.member__add').click()
    await input(page, `members.${i}.name`).fill(m.name)
    await choose(page, `members.${i}.relation`, m.relation)
    await input(page, `members.${i}.idNumber`).fill(m.idNumber)
    await choose(page, `members.${i}.health`, 'healthy')
    await input(page, `members.${i}.occupation`).fill(m.occupation)
    await input(page, `members.${i}.monthlyIncome`).fill(m.income)
  }
}

/** The income step with a modest household's figures (3 people, 20,000 元 a year), then on. */
export async function fillFinances(page: Page): Promise<void> {
  await atStep(page, 'finances')
  for (const [field, value] of [['householdSize', '3'], ['annualIncome', '20000'], ['applicantMonthlyIncome', '1500'], ['medicalExpenses', '0'], ['schoolingExpenses', '0'], ['otherRigidExpenses', '0'], ['hardshipCosts', '0']]) {
    await input(page, `finances.${field}`).fill(value)
  }
  await choose(page, 'finances.accidentOrDisaster', 'no')
  await next(page)
}

/** The steps after the income step: causes and description, then the bank account. */
export async function fillCausesAndBank(page: Page, h: Household): Promise<void> {
  await atStep(page, 'causes')
  await choose(page, 'causes.mainCause', 'illness')
  await choose(page, 'causes.secondaryCauses', 'schooling')
  await input(page, 'description').fill('本人患慢性病需长期服药，妻子无业，孩子上学，家庭收入低。')
  await next(page)
  await atStep(page, 'bank')
  await input(page, 'bank.bankName').fill('中国农业银行弥勒支行')
  await input(page, 'bank.accountName').fill(h.name)
  await input(page, 'bank.accountNumber').fill('6228480123456789012')
  await next(page)
  await atStep(page, 'documents')
}

/** Consent, the applicant, members, figures, causes and bank: ends on the documents step. */
export async function fillToDocuments(page: Page, h: Household): Promise<void> {
  await agree(page)
  await fillApplicant(page, h)
  await next(page)
  await atStep(page, 'members')
  await fillMembers(page, h)
  await next(page)
  await atStep(page, 'finances')
  const figures = [['householdSize', '3'], ['annualIncome', '20000'], ['applicantMonthlyIncome', '1500'], ['medicalExpenses', '3000'], ['schoolingExpenses', '0'], ['otherRigidExpenses', '0'], ['hardshipCosts', '0']]
  for (const [field, value] of figures) await input(page, `finances.${field}`).fill(value)
  await choose(page, 'finances.accidentOrDisaster', 'no')
  await next(page)
  await fillCausesAndBank(page, h)
}

/** A tiny real JPEG (SOI, JFIF header) named as a phone camera would name it. */
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9])

/** Uploads one file for a kind of document through the browser's file chooser. */
export async function upload(page: Page, kind: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(`[data-upload=${kind}]`).click()])
  await chooser.setFiles(file)
}

/** The application id of the detail page the browser is on. */
export const applicationIdOf = (page: Page) => new URL(page.url().replace('#', '')).searchParams.get('id') ?? ''

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf: Buffer) => (buf.reduce((c, b) => CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0

/** A real 96x64 PNG in two colours (a photo the viewer can show), made here rather than kept as a file. */
export function photoPng(): Buffer {
  const [w, h] = [96, 64]
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), body.length + 4)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(w, 0)
  header.writeUInt32BE(h, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const rows = Array.from({ length: h }, (_, y) => Buffer.from([0, ...Array.from({ length: w }, () => (y < h / 2 ? [21, 101, 192] : [242, 246, 251])).flat()]))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))])
}
