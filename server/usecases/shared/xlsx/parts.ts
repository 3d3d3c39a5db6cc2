/**
 * Readers of a workbook's small parts: which sheet comes first, where its parts are, which cell
 * styles are dates, and the shared-strings table. Each is an XmlHandlers over one part.
 */
import { FileProblem } from '../csv'
import { LIMIT_MESSAGES, type SheetLimits } from '../sheet-limits'
import type { XmlHandlers } from './xml'

const invalid = () => new FileProblem(LIMIT_MESSAGES.invalidXlsx())

/** xl/workbook.xml: the relationship id of the first sheet and the workbook's date system. */
export function workbookReader(into: { firstSheetRel?: string; date1904: boolean }): XmlHandlers {
  return {
    open(name, attributes) {
      if (name === 'workbookPr') into.date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true'
      if (name === 'sheet' && into.firstSheetRel === undefined) {
        const key = Object.keys(attributes).find((k) => k.endsWith(':id'))
        if (!key) throw invalid()
        into.firstSheetRel = attributes[key]
      }
    },
  }
}

/** A relationship's target as a zip entry name, from the xl/ folder. */
function partName(target: string): string {
  const out: string[] = []
  for (const step of (target.startsWith('/') ? target.slice(1) : `xl/${target}`).split('/')) {
    if (step === '..') out.pop()
    else if (step !== '.' && step !== '') out.push(step)
  }
  return out.join('/')
}

/** xl/_rels/workbook.xml.rels: each relationship's part, and the parts of the shared strings and styles. */
export function relationsReader(into: { byId: Map<string, string>; sharedStrings?: string; styles?: string }): XmlHandlers {
  return {
    open(name, attributes) {
      if (name !== 'Relationship' || attributes.TargetMode === 'External' || !attributes.Id || !attributes.Target) return
      const part = partName(attributes.Target)
      into.byId.set(attributes.Id, part)
      if (/\/sharedStrings$/.test(attributes.Type ?? '')) into.sharedStrings = part
      if (/\/styles$/.test(attributes.Type ?? '')) into.styles = part
    },
  }
}

/** Excel's built-in number formats that show a date or time. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58])

/** A custom format shows a date when, outside quotes and brackets, it has a date or time letter (as exceljs decides). */
const isDateFormat = (code: string) => /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''))

/** Cell styles are indexes into cellXfs; more than Excel itself allows is no workbook. */
const MAX_CELL_STYLES = 65_536

/** xl/styles.xml: for each cell style index, whether its number format is a date. */
export function stylesReader(dateStyles: boolean[]): XmlHandlers {
  const custom = new Map<number, string>()
  let inCellXfs = false
  return {
    open(name, attributes) {
      if (name === 'numFmt') custom.set(Number(attributes.numFmtId), attributes.formatCode ?? '')
      else if (name === 'cellXfs') inCellXfs = true
      else if (name === 'xf' && inCellXfs) {
        if (dateStyles.length >= MAX_CELL_STYLES) throw invalid()
        const id = Number(attributes.numFmtId ?? 0)
        dateStyles.push(BUILTIN_DATE_FORMATS.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!)))
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false
    },
  }
}

/**
 * xl/sharedStrings.xml: each entry's text (runs joined, phonetic guides left out). Entries and
 * their characters are counted as they are read.
 */
export function sharedStringsReader(strings: string[], limits: SheetLimits): XmlHandlers {
  let current: string | null = null
  let inText = false
  let phonetic = 0
  let chars = 0
  return {
    open(name) {
      if (name === 'si') {
        if (strings.length >= limits.maxSharedStrings) throw new FileProblem(LIMIT_MESSAGES.sharedStrings(limits))
        current = ''
      } else if (name === 'rPh') phonetic++
      else if (name === 't' && current !== null && phonetic === 0) inText = true
    },
    close(name) {
      if (name === 't') inText = false
      else if (name === 'rPh') phonetic--
      else if (name === 'si' && current !== null) {
        strings.push(current)
        current = null
      }
    },
    text(text) {
      if (!inText || current === null) return
      chars += text.length
      if (chars > limits.maxSharedChars) throw new FileProblem(LIMIT_MESSAGES.sharedChars(limits))
      current += text
      if (current.length > limits.maxLineChars) throw new FileProblem(LIMIT_MESSAGES.cell(limits))
    },
  }
}
