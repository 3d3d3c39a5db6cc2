/** policy.csv `closedDocumentsDays`: the union's retention period for documents of closed applications. */
import { parseCsv } from '../usecases/shared/csv'
import { formatProblem } from './columns'
import { checkPolicies } from './policy'

const check = (text: string) => {
  const result = checkPolicies(parseCsv(text), 'policy.csv', (id) => id.startsWith('unit-'))
  return 'problems' in result ? { problems: result.problems.map(formatProblem) } : result
}

test('a number of days becomes the retention schedule; an empty cell sets none', () => {
  const result = check('unitId,dibaoLineYuan,publicityDays,closedDocumentsDays\nunit-root,780,7,180\nunit-a,720,5,\n')
  expect(result).toMatchObject({ policies: [{ unitId: 'unit-root', retention: { closedApplicationDocuments: 180 } }, { unitId: 'unit-a' }] })
  expect((result as { policies: object[] }).policies[1]).not.toHaveProperty('retention')
})

test('too short, too long or not a number: the row and the column are named in Chinese', () => {
  const result = check('unitId,dibaoLineYuan,publicityDays,closedDocumentsDays\nunit-root,780,7,7\nunit-a,720,5,半年\n')
  expect(result).toEqual({
    problems: [expect.stringMatching(/第 ?2 ?行.*closedDocumentsDays.*资料保存天数“7”应为 30 到 3650 的整数/), expect.stringMatching(/第 ?3 ?行.*closedDocumentsDays.*资料保存天数“半年”/)],
  })
})

test('abandonedDraftsDays: drafts never submitted get their own period, beside the documents of closed applications', () => {
  const result = check('unitId,dibaoLineYuan,publicityDays,closedDocumentsDays,abandonedDraftsDays\nunit-root,780,7,3650,90\nunit-a,720,5,,\n')
  expect(result).toMatchObject({ policies: [{ unitId: 'unit-root', retention: { closedApplicationDocuments: 3650, abandonedDrafts: 90 } }, { unitId: 'unit-a' }] })
  expect(check('unitId,dibaoLineYuan,publicityDays,abandonedDraftsDays\nunit-root,780,7,10\n')).toEqual({
    problems: [expect.stringMatching(/第 ?2 ?行.*abandonedDraftsDays.*草稿保存天数“10”应为 30 到 3650 的整数/)],
  })
})

test('every other kind has its column, each 30 to 3650 days, a bad value named by column in Chinese', () => {
  const header = 'unitId,dibaoLineYuan,publicityDays,messagesDays,requestRepliesDays,closedRequestsDays,contactNotesDays,callNotesDays,deregisteredDocumentsDays'
  expect(check(`${header}\nunit-root,780,7,180,30,365,730,365,1095\n`)).toMatchObject({
    policies: [{ retention: { messages: 180, requestReplies: 30, closedPersonRequests: 365, contactNotes: 730, callNotes: 365, deregisteredDocuments: 1095 } }],
  })
  expect(check(`${header}\nunit-root,780,7,29,,,,,3651\n`)).toEqual({
    problems: [
      expect.stringMatching(/第 ?2 ?行.*messagesDays.*站内消息保存天数“29”应为 30 到 3650 的整数/),
      expect.stringMatching(/第 ?2 ?行.*deregisteredDocumentsDays.*注销家庭资料保存天数“3651”应为 30 到 3650 的整数/),
    ],
  })
})
