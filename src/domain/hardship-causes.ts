/** The coded list of hardship causes (致困原因) of the national file form, kept as data. */
export const HARDSHIP_CAUSES = [
  { code: 'illness', label: '因病' },
  { code: 'disability', label: '因残' },
  { code: 'schooling', label: '因学' },
  { code: 'disaster', label: '因灾' },
  { code: 'accident', label: '因意外事故' },
  { code: 'unemployment', label: '下岗失业' },
  { code: 'low-wage', label: '收入低' },
  { code: 'enterprise-difficulty', label: '企业经营困难' },
  { code: 'single-parent', label: '单亲家庭' },
  { code: 'other', label: '其他' },
] as const

export type HardshipCauseCode = (typeof HARDSHIP_CAUSES)[number]['code']

export const HARDSHIP_CAUSE_CODES = HARDSHIP_CAUSES.map((c) => c.code) as [HardshipCauseCode, ...HardshipCauseCode[]]

export function hardshipCauseLabel(code: string): string {
  return HARDSHIP_CAUSES.find((c) => c.code === code)?.label ?? code
}
