import { FileProblem, type SheetTable } from '../csv'
import { DEFAULT_SHEET_LIMITS, LIMIT_MESSAGES, type SheetLimits } from '../sheet-limits'
import { relationsReader, sharedStringsReader, stylesReader, workbookReader } from './parts'
import { sheetReader } from './sheet'
import { xmlSink, type XmlHandlers } from './xml'
import { inflateEntry, listZip, type InflateBudget, type ZipEntry } from './zip'

/**
 * The first sheet of a workbook as a table (row 1 the header; each row keeps its sheet row number
 * as its line). Reads only the parts it needs (workbook, its relationships, styles, shared strings,
 * the first sheet), each inflated chunk by chunk straight into a streaming XML reader, with every
 * cap of `limits` checked as it goes. Throws FileProblem with a message naming what is too large.
 */
export async function readXlsx(bytes: Uint8Array, limits: SheetLimits = DEFAULT_SHEET_LIMITS): Promise<SheetTable> {
  if (bytes.length > limits.maxBytes) throw new FileProblem(LIMIT_MESSAGES.bytes(limits))
  const zip = listZip(bytes, limits)
  const budget: InflateBudget = { left: limits.maxInflatedBytes }
  const read = async (entry: ZipEntry | undefined, handlers: XmlHandlers) => {
    if (!entry) throw new FileProblem(LIMIT_MESSAGES.invalidXlsx())
    const sink = xmlSink(handlers, limits)
    await inflateEntry(bytes, entry, budget, limits, sink.write)
    sink.end()
  }

  const workbook: { firstSheetRel?: string; date1904: boolean } = { date1904: false }
  await read(zip.get('xl/workbook.xml'), workbookReader(workbook))
  const relations: { byId: Map<string, string>; sharedStrings?: string; styles?: string } = { byId: new Map() }
  await read(zip.get('xl/_rels/workbook.xml.rels'), relationsReader(relations))
  const sheetPart = workbook.firstSheetRel === undefined ? undefined : relations.byId.get(workbook.firstSheetRel)
  if (sheetPart === undefined) throw new FileProblem('文件是空的')

  const dateStyles: boolean[] = []
  if (relations.styles && zip.has(relations.styles)) await read(zip.get(relations.styles), stylesReader(dateStyles))
  const strings: string[] = []
  if (relations.sharedStrings && zip.has(relations.sharedStrings)) await read(zip.get(relations.sharedStrings), sharedStringsReader(strings, limits))

  const table: SheetTable = { header: [], rows: [] }
  await read(zip.get(sheetPart), sheetReader(table, { strings, dateStyles, date1904: workbook.date1904 }, limits))
  if (table.header.length === 0 && table.rows.length === 0) throw new FileProblem('文件是空的')
  return table
}
