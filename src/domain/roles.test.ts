import { STAFF_ROLE_LABELS, STAFF_ROLES, staffRolesText } from './roles'

test('every staff role has a Chinese label; a list reads in the fixed order', () => {
  for (const r of STAFF_ROLES) expect(STAFF_ROLE_LABELS[r].label).toMatch(/^[\u4e00-\u9fa5]+$/)
  expect(staffRolesText(['admin', 'caseworker'])).toBe('经办人员、管理员')
  expect(staffRolesText([])).toBe('')
})
