import * as v from 'valibot'
import { FixableFieldSchema } from '@/domain/api/review'
import { fieldName, fixableGroups } from './field-names'

describe('fields a caseworker may ask to fix', () => {
  const groups = fixableGroups(['李小红', '刘小军'])
  const paths = groups.flatMap((g) => g.fields.map((f) => f.path))

  it('offers every field of the form, each member by index, and the documents', () => {
    expect(groups.map((g) => g.title)).toEqual(['申请人信息', '家庭成员1（李小红）', '家庭成员2（刘小军）', '收入和支出', '致困原因', '银行账户', '其他'])
    expect(paths).toEqual(expect.arrayContaining(['applicant.idNumber', 'members.0.idNumber', 'members.1.monthlyIncome', 'finances.annualIncome', 'bank.accountNumber', 'description', 'documents']))
    expect(new Set(paths).size).toBe(paths.length)
  })

  it('offers only what the contract accepts', () => {
    for (const path of paths) expect(v.safeParse(FixableFieldSchema, path).success).toBe(true)
  })

  it('names member fields with the member and the documents as 材料', () => {
    expect(fieldName('members.1.idNumber')).toBe('家庭成员2 身份证号')
    expect(fieldName('documents')).toBe('材料')
    expect(fieldName('applicant.phone')).toBe('手机号码')
  })
})
