import { AppError, hasRole, shanghaiDate, type Actor } from '../../../src/domain'
import type { ExportedFile } from '../../../src/domain/api/households'
import type { ApplicationForm } from '../../../src/domain/application-form'
import type { CalendarDate } from '../../../src/domain/calendar'
import { EXPORT_REVEAL_ROLE, HOUSEHOLD_EXPORT_COLUMNS, householdExportRow } from '../../../src/domain/household-export'
import { LEDGER_EXPORT_COLUMNS, ledgerExportRow } from '../../../src/domain/ledger-export'
import type { Cipher, Deps, HouseholdRecord, OrgUnitRecord, Repositories } from '../../ports'
import { currentForm } from '../shared/sealed-form'
import { auditRead } from '../shared/audit'
import { householdRoot, requireStaff } from './access'
import { forEachHouseholdPage, forEachLedgerPage, unitsOfPage } from './scan'
import { measureLabels } from './ledger-export-job'
import { CONTENT_TYPES, openSheetStream, type SheetFormat, type SheetStream } from './sheet-stream'
import { exportPath, fullExportReason, handOverExport, writeExportFile } from './export-link'

/**
 * Exports of the jurisdiction (or a unit's subtree inside it): households in the national file
 * form's columns, and the aid ledger. Both read the store a page at a time and write each page's
 * rows straight into the file, so only the file's bytes grow with its size. Rows come in the order
 * pages are read in, one index range each under the unit's path however many units it has:
 * households by file number, ledger entries by the day paid then id (as the export jobs write them). Every export is
 * audited with its kind, row count and whether it was masked (a full one with its reason), then
 * written to the private file store and handed over as a link that ends within minutes.
 */

export function decryptOrEmpty(cipher: Cipher, sealed: string | undefined): string {
  if (!sealed) return ''
  try {
    return cipher.decrypt(sealed)
  } catch {
    // A value sealed under another key (or damaged) leaves its cell empty instead of failing the export.
    return ''
  }
}

/** The form of the application that last filed each household of a page (and its phone): one batched read per page, not one per household. */
export async function filingsOf(repos: Repositories, cipher: Cipher, page: HouseholdRecord[]): Promise<{ form: ApplicationForm | null; phone: string }[]> {
  const ids = page.map((h) => h.applicationIds.at(-1)).filter((id): id is string => !!id)
  const apps = new Map((await repos.applications.getMany([...new Set(ids)])).map((a) => [a.id, a]))
  return page.map((h) => {
    const app = apps.get(h.applicationIds.at(-1) ?? '')
    if (!app) return { form: null, phone: '' }
    const form = app.formSealed ? currentForm(app, cipher) : null
    return { form, phone: form?.applicant.phone ?? decryptOrEmpty(cipher, app.phoneEnc) }
  })
}

interface ExportWork {
  kind: 'households' | 'ledger'
  format: SheetFormat
  masked: boolean
  /** Writes the rows into the sheet, a page at a time; returns how many. */
  rows: (sheet: SheetStream) => Promise<number>
}

/** The sheet's name and columns per kind. */
const SHEETS = {
  households: { name: '建档户', columns: HOUSEHOLD_EXPORT_COLUMNS },
  ledger: { name: '帮扶资金台账', columns: LEDGER_EXPORT_COLUMNS },
} as const

/**
 * Streams an export into the private file store, audits it (kind, rows, masked, the reason of a
 * full one, the range) and hands over its link. A failure after the file is written removes it.
 */
async function runExport(deps: Deps, actor: Actor, root: OrgUnitRecord, work: ExportWork, detail: object): Promise<ExportedFile> {
  const fileName = `${work.kind}${work.masked ? '' : '-full'}-${shanghaiDate(deps.clock.now())}.${work.format}`
  const contentType = CONTENT_TYPES[work.format]
  let rows = 0
  const { key, size } = await writeExportFile(deps, exportPath(deps, work.masked, fileName), contentType, async (out) => {
    const sheet = await openSheetStream(work.format, out, SHEETS[work.kind].name, SHEETS[work.kind].columns)
    rows = await work.rows(sheet)
    await sheet.finish()
  })
  try {
    await auditRead(deps, {
      actor: actor.openid,
      action: `${work.kind === 'households' ? 'household' : 'ledger'}.export`,
      subject: root.id,
      detail: { format: work.format, rows, masked: work.masked, ...detail },
    })
    return await handOverExport(deps, actor, { key, fileName, contentType, size, rows, masked: work.masked })
  } catch (err) {
    await deps.files.remove(key)
    throw err
  }
}

/**
 * Households of the jurisdiction in the national file form's columns; 身份证号, 银行账号 and 联系电话
 * masked unless a reviewer asks for the full file (`full`) and says why (`reason`).
 */
export async function exportHouseholds(deps: Deps, actor: Actor, input: { format: SheetFormat; unitId?: string; full?: boolean; reason?: string }): Promise<ExportedFile> {
  requireStaff(actor)
  const reveal = input.full === true
  const reason = reveal ? fullExportReason(hasRole(actor, EXPORT_REVEAL_ROLE), input.reason) : undefined
  const repos = deps.store.repos
  const root = await householdRoot(repos, actor, input.unitId)
  const units = new Map<string, OrgUnitRecord>()
  return runExport(deps, actor, root, {
    kind: 'households',
    format: input.format,
    masked: !reveal,
    async rows(sheet) {
      let rows = 0
      await forEachHouseholdPage(repos, { under: root.id }, async (page) => {
        const [filings] = await Promise.all([filingsOf(repos, deps.cipher, page), unitsOfPage(repos, units, page)])
        await sheet.addPage(page.map((h, i) => householdExportRow({ household: h, unitName: units.get(h.unitId)?.name ?? '', idNumber: decryptOrEmpty(deps.cipher, h.idNumberEnc), ...filings[i] }, reveal)))
        rows += page.length
      })
      return rows
    },
  }, reason ? { reason } : {})
}

/** The ledger of the jurisdiction, one row per entry paid in [from, to] (either end open); names masked. */
export async function exportLedger(deps: Deps, actor: Actor, input: { format: SheetFormat; unitId?: string; from?: CalendarDate; to?: CalendarDate }): Promise<ExportedFile> {
  requireStaff(actor)
  if (input.from && input.to && input.from > input.to) throw new AppError('VALIDATION', '结束日期不能早于开始日期', 'to')
  const repos = deps.store.repos
  const root = await householdRoot(repos, actor, input.unitId)
  const measures = new Map<string, string>()
  return runExport(deps, actor, root, {
    kind: 'ledger',
    format: input.format,
    masked: true,
    async rows(sheet) {
      let rows = 0
      await forEachLedgerPage(repos, root.id, { from: input.from, to: input.to }, async (page) => {
        // Each page's households by id, number and name only (as the export job reads them), not the whole jurisdiction's beforehand.
        const files = new Map((await repos.households.names([...new Set(page.map((e) => e.householdId))])).map((h) => [h.id, h]))
        await measureLabels(repos, page, measures)
        await sheet.addPage(page.map((e) => ledgerExportRow(e, files.get(e.householdId) ?? null, e.measureId ? (measures.get(e.measureId) ?? '') : '')))
        rows += page.length
      })
      return rows
    },
  }, { from: input.from ?? null, to: input.to ?? null })
}
