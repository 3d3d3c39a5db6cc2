/** The gradient categories (梯度帮扶), and what the self-check says when none applies. */
export const HARDSHIP_CATEGORIES = [
  { code: 'deep', label: '深度困难' },
  { code: 'relative', label: '相对困难' },
  { code: 'accident', label: '意外致困' },
  { code: 'not-eligible', label: '暂不符合帮扶条件' },
] as const
export type HardshipCategory = (typeof HARDSHIP_CATEGORIES)[number]['code']
export const hardshipCategoryLabel = (c: string) => HARDSHIP_CATEGORIES.find((x) => x.code === c)?.label ?? c
