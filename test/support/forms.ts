import { CURRENT_CONSENT, type ConsentInput } from '../../src/domain/consent'
import type { FormValues } from '../../src/domain/form-values'

/** A complete, valid national-file form as a worker fills it (text values), with one family member. */
export function formValues(over: { idNumber?: string; memberIds?: string[]; name?: string } = {}): FormValues {
  const memberIds = over.memberIds ?? ['532504198503150022']
  return {
    applicant: {
      name: over.name ?? '张小明',
      idNumber: over.idNumber ?? '532504199001011238',
      phone: '13812345678',
      health: 'chronic',
      disability: 'none',
      modelWorker: 'none',
      workStatus: 'employed',
      employer: '弥勒市农机厂',
      employerNature: 'collective',
      unitId: 'unit-532504001',
      hukou: 'urban',
      housing: 'rented',
      housingArea: '45',
      medicalInsurance: 'employee',
      zeroEmploymentFamily: 'no',
      homeAddress: '弥勒市弥阳街道髯翁社区人民路12号',
      homePhone: '13698765432',
    },
    members: memberIds.map((idNumber, i) => ({
      name: i === 0 ? '李小红' : `张小${'一二三四五六七八九十'[i]}`,
      relation: i === 0 ? 'spouse' : 'child',
      idNumber,
      health: 'healthy',
      occupation: i === 0 ? '无业' : '弥勒一中学生',
      monthlyIncome: '0',
    })),
    finances: {
      householdSize: String(Math.max(3, memberIds.length + 1)),
      annualIncome: '24000',
      applicantMonthlyIncome: '2000',
      medicalExpenses: '6000',
      schoolingExpenses: '3000',
      otherRigidExpenses: '0',
      accidentOrDisaster: 'no',
      hardshipCosts: '0',
    },
    causes: { mainCause: 'illness', secondaryCauses: ['schooling'] },
    bank: { bankName: '中国农业银行弥勒支行', accountName: over.name ?? '张小明', accountNumber: '6228480123456789012' },
    description: '本人患慢性病需长期服药，妻子无业，孩子上学，家庭收入低。',
  }
}

/** A valid submission (`applicant.submit`'s input): the form's values and the consent to the current texts. */
export function submission(over: Parameters<typeof formValues>[0] = {}): { form: FormValues; consent: ConsentInput } {
  return { form: formValues(over), consent: { ...CURRENT_CONSENT } }
}

/** Other valid ID numbers (GB 11643 check digits computed) for tests that need several people. */
export const MORE_ID_NUMBERS = ['11010519491231002X', '532504200501010018', '532504201003030029', '532504197512120015', '532504201206060041', '532504196007070032', '532504196208080050'] as const
