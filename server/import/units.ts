/** The union tree from units.csv (`id,name,parentId`): checked row by row against itself and the stored tree. */
import type { OrgUnitRecord } from '../ports'
import type { CsvRecord } from '../usecases/shared/csv'
import { cellOf, readHeader, type ImportProblem } from './columns'

export const UNIT_COLUMNS = ['id', 'name', 'parentId'] as const
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/
/** City, county, township/street, grassroots, and room to spare. */
const MAX_DEPTH = 8

/** What is already stored: units by id (those the file names), and the stored roots. */
export interface StoredTree {
  units: ReadonlyMap<string, OrgUnitRecord>
  roots: readonly OrgUnitRecord[]
}

interface UnitRow {
  line: number
  id: string
  name: string
  parentId: string | null
}

/** The ids a units file refers to (its own and its parents), to look up before `checkUnits`. */
export function referencedUnitIds(records: CsvRecord[]): string[] {
  const [header, ...rows] = records
  if (!header) return []
  const columns = header.cells.map((c) => c.trim())
  return [...new Set(rows.flatMap((r) => [cellOf(columns, r, 'id'), cellOf(columns, r, 'parentId')]).filter((id) => ID.test(id)))]
}

/** The units to write, with their paths, or every problem found. */
export function checkUnits(records: CsvRecord[], file: string, stored: StoredTree): { units: OrgUnitRecord[] } | { problems: ImportProblem[] } {
  const head = readHeader(records, file, UNIT_COLUMNS, (c) => (UNIT_COLUMNS as readonly string[]).includes(c))
  if ('problems' in head) return head
  const { columns, rows } = head
  const problems: ImportProblem[] = []
  const at = (line: number, column: string | undefined, message: string) => problems.push({ file, line, column, message })

  const parsed: UnitRow[] = []
  const firstLine = new Map<string, number>()
  for (const r of rows) {
    const id = cellOf(columns, r, 'id')
    const name = cellOf(columns, r, 'name')
    const parentId = cellOf(columns, r, 'parentId')
    let ok = true
    const bad = (column: string, message: string) => {
      ok = false
      at(r.line, column, message)
    }
    if (!id) bad('id', '单位编号不能为空')
    else if (!ID.test(id)) bad('id', `单位编号“${id}”只能包含英文字母、数字、- 和 _，最长 64 个字符`)
    else if (firstLine.has(id)) bad('id', `单位编号“${id}”与第 ${firstLine.get(id)} 行重复`)
    if (!name) bad('name', '单位名称不能为空')
    else if (name.length > 64) bad('name', '单位名称最多 64 个字')
    if (parentId && !ID.test(parentId)) bad('parentId', `上级单位编号“${parentId}”格式不正确`)
    else if (parentId && parentId === id) bad('parentId', '上级单位不能是自己')
    if (id && !firstLine.has(id)) firstLine.set(id, r.line)
    if (ok) parsed.push({ line: r.line, id, name, parentId: parentId || null })
  }

  // Relations are checked on the rows that passed, so one run reports as much as it can.
  const named = new Set(firstLine.keys())
  const inFile = new Map(parsed.map((u) => [u.id, u]))
  const fileRoots = parsed.filter((u) => u.parentId === null)
  const storedRoots = stored.roots.filter((r) => !inFile.has(r.id))
  if (fileRoots.length + storedRoots.length > 1) {
    const others = [...fileRoots.map((u) => `${u.id}（第 ${u.line} 行）`), ...storedRoots.map((r) => `${r.id}（系统中已有）`)]
    for (const u of fileRoots) at(u.line, 'parentId', `只能有一个根单位（上级为空的单位），现在有 ${others.join('、')}`)
  }
  for (const u of parsed) {
    const existing = stored.units.get(u.id)
    if (existing && existing.parentId !== u.parentId) {
      at(u.line, 'parentId', `单位“${u.id}”已在系统中，上级是“${existing.parentId ?? '（无）'}”；导入不能移动已有单位`)
    }
    if (u.parentId && !named.has(u.parentId) && !stored.units.has(u.parentId)) {
      at(u.line, 'parentId', `上级单位“${u.parentId}”不存在：它既不在本文件中，也不在系统中`)
    }
  }
  if (problems.length) return { problems }

  const paths = new Map<string, string[] | null>()
  const pathOf = (u: UnitRow, seen: string[]): string[] | null => {
    if (paths.has(u.id)) return paths.get(u.id)!
    if (seen.includes(u.id)) {
      at(u.line, 'parentId', `上级关系形成了循环：${[...seen.slice(seen.indexOf(u.id)), u.id].join(' → ')}`)
      return null
    }
    let path: string[] | null
    if (u.parentId === null) path = [u.id]
    else {
      const parentRow = inFile.get(u.parentId)
      const parentPath = parentRow ? pathOf(parentRow, [...seen, u.id]) : stored.units.get(u.parentId)!.path
      path = parentPath && [...parentPath, u.id]
    }
    if (path && path.length > MAX_DEPTH) {
      at(u.line, 'parentId', `层级超过 ${MAX_DEPTH} 级：${path.join(' → ')}`)
      path = null
    }
    paths.set(u.id, path)
    return path
  }
  for (const u of parsed) pathOf(u, [])
  if (problems.length) return { problems: dedupe(problems) }

  const units = parsed.map((u) => ({ id: u.id, name: u.name, parentId: u.parentId, path: paths.get(u.id)! }))
  return { units: units.sort((a, b) => a.path.length - b.path.length) }
}

const dedupe = (problems: ImportProblem[]) => [...new Map(problems.map((p) => [`${p.line}|${p.column}|${p.message}`, p])).values()]
