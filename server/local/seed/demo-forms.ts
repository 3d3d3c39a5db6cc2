import * as v from 'valibot'
import { ApplicationFormSchema, type ApplicationForm, type ApplicationFormInput } from '../../../src/domain/application-form'
import { addDays, type CalendarDate } from '../../../src/domain/calendar'
import { idCheckChar } from '../../../src/domain/id-number'
import type { FiledCategory } from '../../../src/domain/household'
import type { HardshipCauseCode } from '../../../src/domain/hardship-causes'
import type { Cipher, ApplicationRecord } from '../../ports'
import { sealForm } from '../../usecases/shared/sealed-form'
import { pick, randomInt } from '../prng'
import { GIVEN, SURNAMES } from './demo-ledger-texts'
import type { DemoHousehold } from './demo-ledger'

/**
 * The filing form behind each demo household (示例数据): the file was kept in the national system
 * before this app, so, as an imported file, it is held by a `filed` application carrying the sealed
 * national form, which the household file reads its members, address and family phone from (and
 * reveals, audited, through). Made up, checked by the form's own schema; ID numbers are sample ones
 * (order code 99), phones and accounts random.
 */

const MILE_AREA = '532504'

/** A sample ID number: Mile's area code, a birth date `days` at most after `from`, order code 99x, the check character. */
export function sampleIdNumber(random: () => number, from: CalendarDate, days: number): string {
  const birth = addDays(from, randomInt(random, 0, days)).replace(/-/g, '')
  const first17 = `${MILE_AREA}${birth}99${randomInt(random, 0, 9)}`
  return first17 + idCheckChar(first17)
}

const COMMUNITIES = ['髯翁社区', '太平社区', '吉山社区', '温泉社区', '红星社区', '东风社区', '朋普村', '新哨村', '竹园村', '西三村'] as const
const ROADS = ['人民路', '髯翁路', '温泉路', '迎宾大道', '建设路', '团结路', '朝阳路', '民主路'] as const
const EMPLOYERS = ['弥勒市建筑工程公司', '弥勒市供销合作社', '云南红河弥勒糖厂', '弥勒市林业局林场', '弥勒市城市管理服务中心', '弥勒市水泥厂'] as const
const BANKS = ['中国农业银行弥勒支行', '中国工商银行弥勒支行', '弥勒市农村信用合作联社', '中国邮政储蓄银行弥勒支行'] as const
const CAUSES: Record<FiledCategory, readonly HardshipCauseCode[]> = {
  deep: ['illness', 'disability', 'low-wage'],
  relative: ['illness', 'schooling', 'unemployment', 'low-wage', 'single-parent', 'enterprise-difficulty'],
  accident: ['accident', 'disaster'],
}
const STORY: Partial<Record<HardshipCauseCode, string>> = {
  illness: '本人患慢性病需长期服药，医药费自付部分多，家庭收入低。',
  disability: '本人因伤致残，只能做轻体力工作，收入微薄。',
  'low-wage': '本人工资收入低，家中老人需要赡养，生活困难。',
  schooling: '子女上学费用高，家庭收入难以负担学费和生活费。',
  unemployment: '本人下岗后一直打零工，收入不稳定。',
  'single-parent': '单亲家庭，本人独自抚养孩子，收入低。',
  'enterprise-difficulty': '所在企业经营困难，长期停发或减发工资。',
  accident: '家人遭遇意外事故，治疗费用高，家庭负债。',
  disaster: '家中房屋因灾受损，修缮花费大，生活困难。',
}

/** The family members besides the head: a spouse, then children, then a parent. */
function membersOf(random: () => number, size: number): ApplicationFormInput['members'] {
  return Array.from({ length: size - 1 }, (_, i) => {
    const relation = i === 0 ? 'spouse' : i < 3 ? 'child' : 'parent'
    const child = relation === 'child'
    const idNumber = child ? sampleIdNumber(random, '1995-01-01', 20 * 365) : relation === 'parent' ? sampleIdNumber(random, '1935-01-01', 20 * 365) : sampleIdNumber(random, '1960-01-01', 35 * 365)
    return {
      name: pick(random, SURNAMES) + pick(random, GIVEN),
      relation,
      idNumber,
      health: pick(random, ['healthy', 'healthy', 'chronic'] as const),
      occupation: child ? '学生' : pick(random, ['务农', '无业', '打零工'] as const),
      monthlyIncome: child ? '0' : String(randomInt(random, 0, 8) * 100),
    }
  })
}

/** A plausible filing form for `h` with its head's ID number and payee account, checked by the form's schema. */
export function demoForm(random: () => number, h: DemoHousehold, idNumber: string, account: string, townshipName: string): ApplicationForm {
  const size = h.memberCount
  const town = townshipName.replace(/总工会$/, '')
  const community = pick(random, COMMUNITIES)
  const address = community.endsWith('村') ? `弥勒市${town}${community}${randomInt(random, 1, 200)}号` : `弥勒市${town}${community}${pick(random, ROADS)}${randomInt(random, 1, 300)}号`
  const phone = `1${pick(random, ['3', '5', '8', '9'])}${String(randomInt(random, 0, 999_999_999)).padStart(9, '0')}`
  const mainCause = pick(random, CAUSES[h.category])
  const perHead = h.category === 'deep' ? randomInt(random, 300, 600) : randomInt(random, 600, 1200)
  const employed = random() < 0.7
  const values: ApplicationFormInput = {
    applicant: {
      name: h.headName,
      idNumber,
      phone,
      health: mainCause === 'illness' ? 'chronic' : mainCause === 'disability' ? 'disabled' : 'healthy',
      disability: mainCause === 'disability' ? 'physical' : 'none',
      modelWorker: 'none',
      workStatus: employed ? 'employed' : 'flexible',
      employer: employed ? pick(random, EMPLOYERS) : '无',
      employerNature: employed ? pick(random, ['state-owned', 'collective', 'private'] as const) : 'individual',
      unitId: h.unitId,
      hukou: community.endsWith('村') ? 'rural' : 'urban',
      housing: pick(random, ['owned', 'owned', 'rented', 'public-rental'] as const),
      housingArea: String(randomInt(random, 30, 90)),
      medicalInsurance: employed ? 'employee' : 'resident',
      zeroEmploymentFamily: 'no',
      homeAddress: address,
      // Often the same number; otherwise the spouse's or a landline-less family's second mobile.
      homePhone: random() < 0.6 ? phone : `1${pick(random, ['3', '5', '8'])}${String(randomInt(random, 0, 999_999_999)).padStart(9, '0')}`,
    },
    members: membersOf(random, size),
    finances: {
      householdSize: String(size),
      annualIncome: String(perHead * size * 12),
      applicantMonthlyIncome: String(randomInt(random, 8, 20) * 100),
      medicalExpenses: mainCause === 'illness' || mainCause === 'accident' ? String(randomInt(random, 20, 120) * 100) : '0',
      schoolingExpenses: mainCause === 'schooling' ? String(randomInt(random, 30, 80) * 100) : '0',
      otherRigidExpenses: '0',
      accidentOrDisaster: h.category === 'accident' ? 'yes' : 'no',
      hardshipCosts: h.category === 'accident' ? String(randomInt(random, 100, 400) * 100) : '0',
    },
    causes: { mainCause, secondaryCauses: [] },
    bank: { bankName: pick(random, BANKS), accountName: h.headName, accountNumber: account },
    description: STORY[mainCause] ?? '家庭收入低，生活困难。',
  }
  return v.parse(ApplicationFormSchema, values)
}

/** The `filed` application holding `form` for demo household `h` (its number is the file's, without the `H`). */
export function demoFilingApplication(cipher: Cipher, h: DemoHousehold, applicationId: string, idNumber: string, idNumberHash: string, form: ApplicationForm): ApplicationRecord {
  const filedAt = h.filedAt
  return {
    id: applicationId,
    number: h.number.replace(/-H-/, '-'),
    applicantOpenid: '',
    unitId: h.unitId,
    status: 'filed',
    version: 1,
    name: h.headName,
    idNumberEnc: cipher.encrypt(idNumber),
    idNumberHash,
    phoneEnc: cipher.encrypt(form.applicant.phone),
    employer: form.applicant.employer,
    mainCause: form.causes.mainCause,
    timeline: [{ at: filedAt, status: 'filed', note: '建档早于本系统，由原系统档案迁移' }],
    createdAt: filedAt,
    updatedAt: filedAt,
    formSealed: sealForm(cipher, form),
    submissions: [{ at: filedAt, changedFields: [] }],
    memberIdHashes: form.members.map((m) => cipher.keyedHash(m.idNumber)),
    stageEnteredAt: filedAt,
    dueAt: null,
    householdId: h.id,
  }
}
