/** Monday first, as `OpeningHours.week` is; apart from opening-hours.ts so pages can name days without valibot. */
export const WEEKDAY_LABELS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const
