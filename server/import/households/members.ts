import type { ImportProblem } from '../columns'
import type { HouseholdRow } from './household-rows'
import type { MemberRow } from './part-rows'

/**
 * The family members file (家庭成员) in place of the household file's one-cell list (`配偶：李小红`):
 * the same people in the same order, now with their ID numbers and the rest. A household the file
 * does not name keeps the cell's members (with no ID numbers).
 */
export function mergeMembers(rows: HouseholdRow[], members: MemberRow[], householdFile: string, memberFile: string, problems: ImportProblem[]): void {
  for (const row of rows) {
    const listed = members.filter((m) => m.number === row.number)
    if (!listed.length) continue
    const same = listed.length === row.form.members.length && listed.every((m, i) => m.member.name === row.form.members[i].name && m.member.relation === row.form.members[i].relation)
    if (!same) {
      problems.push({ file: householdFile, line: row.line, column: '家庭成员', message: `与${memberFile}中这一户的成员（第 ${listed.map((m) => m.line).join('、')} 行）不一致：应为同样的人，同样的顺序` })
      continue
    }
    const seen = new Map<string, number>()
    for (const m of listed) {
      const id = m.member.idNumber
      if (id === row.idNumber) problems.push({ file: memberFile, line: m.line, column: '身份证号', message: '与户主的身份证号相同' })
      else if (seen.has(id)) problems.push({ file: memberFile, line: m.line, column: '身份证号', message: `与第 ${seen.get(id)} 行的身份证号相同` })
      seen.set(id, m.line)
    }
    row.form = { ...row.form, members: listed.map((m) => m.member) }
  }
}
