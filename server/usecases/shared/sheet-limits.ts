/**
 * How much of a spreadsheet or CSV file an import reads before it refuses the file. Every cap is
 * checked while reading, never after, so a small hostile file costs little: the worst case is
 * bounded by these numbers, not by what the file claims about itself.
 */
export interface SheetLimits {
  /** The file as uploaded. */
  maxBytes: number
  /** Data rows holding any value (the header not counted). */
  maxRows: number
  /** Columns of any row (a value beyond the last one refuses the file). */
  maxColumns: number
  /** Characters of one CSV record (quoted line breaks included) and of one cell. */
  maxLineChars: number
  /** XLSX: row elements, empty ones included. */
  maxRowElements: number
  /** XLSX: cell elements, empty (styled) ones included. */
  maxCellElements: number
  /** XLSX: entries of the shared-strings table, and their characters in all. */
  maxSharedStrings: number
  maxSharedChars: number
  /** XLSX: bytes inflated from the parts read (workbook, relationships, styles, shared strings, first sheet), counted as they come out. */
  maxInflatedBytes: number
  /** XLSX: entries of the zip. */
  maxZipEntries: number
  /** XLSX: nesting of XML elements. */
  maxXmlDepth: number
}

/** Defaults sized for the largest legitimate import (a few thousand rows of short text) with room to spare. */
export const DEFAULT_SHEET_LIMITS: SheetLimits = {
  maxBytes: 1024 * 1024,
  maxRows: 1000,
  maxColumns: 40,
  maxLineChars: 65_536,
  maxRowElements: 20_000,
  maxCellElements: 200_000,
  maxSharedStrings: 100_000,
  maxSharedChars: 4_000_000,
  maxInflatedBytes: 16 * 1024 * 1024,
  maxZipEntries: 500,
  maxXmlDepth: 32,
}

/** “1MB”, “256KB”: a size as the messages show it. */
export const sizeText = (bytes: number) => (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)}MB` : `${Math.ceil(bytes / 1024)}KB`)

/** The refusals, in plain Chinese, each naming what is too large and the most allowed. */
export const LIMIT_MESSAGES = {
  bytes: (l: SheetLimits) => `文件太大（最多${sizeText(l.maxBytes)}），请分成几个文件导入`,
  rows: (l: SheetLimits) => `表格行数过多（最多${l.maxRows}行），请分成几个文件导入`,
  columns: (l: SheetLimits) => `表格列数过多（最多${l.maxColumns}列）`,
  line: (l: SheetLimits) => `这一行内容过长（最多${l.maxLineChars}个字符），请检查引号是否成对`,
  cell: (l: SheetLimits) => `单元格内容过长（最多${l.maxLineChars}个字符）`,
  rowElements: (l: SheetLimits) => `表格中的空行过多（最多${l.maxRowElements}行），请删去表格下方的空行后重新保存`,
  cellElements: (l: SheetLimits) => `表格单元格过多（最多${l.maxCellElements}个），请删去无关的内容和格式`,
  sharedStrings: (l: SheetLimits) => `表格中的文字条目过多（最多${l.maxSharedStrings}条）`,
  sharedChars: (l: SheetLimits) => `表格中的文字过多（最多${l.maxSharedChars}个字符）`,
  inflated: (l: SheetLimits) => `文件解压后过大（最多${sizeText(l.maxInflatedBytes)}），请删去无关的工作表、图片和格式`,
  zipEntries: (l: SheetLimits) => `文件中的部件过多（最多${l.maxZipEntries}个），请删去无关的工作表和图片`,
  depth: (l: SheetLimits) => `表格文件的结构嵌套过深（最多${l.maxXmlDepth}层），不是正常的 Excel 文件`,
  doctype: () => '表格文件含有不允许的 DTD 或实体定义，不是正常的 Excel 文件，请用 Excel 重新保存',
  memory: () => '表格内容过多，读取时超出内存上限，请分成几个文件导入',
  deadline: (seconds: number) => `读取表格超时（超过${seconds}秒），请检查文件或分成几个文件导入`,
  invalidXlsx: () => '不是有效的 xlsx 文件',
  encrypted: () => '文件已加密，请在 Excel 中取消密码后重新保存',
} as const
