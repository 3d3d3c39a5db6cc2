import type { ContactKind, DifficultyGroup, MeasureKind } from '../../../src/domain/household-codes'
import type { SixItem } from '../../../src/domain/review'

/** Sample wording for the generated demo ledger (`./demo-ledger`). Names are made up. */

export const SURNAMES = ['杨', '李', '王', '张', '刘', '陈', '赵', '黄', '周', '吴', '普', '毕', '何', '罗', '马', '朱', '郭', '苏', '施', '龙'] as const
export const GIVEN = ['克煌', '建国', '少林', '树成', '丽华', '志强', '秀英', '文亮', '春梅', '国华', '玉兰', '明', '红', '勇', '芳', '德才', '永福', '海燕'] as const

export const MEASURE_TEXT: Record<MeasureKind, string> = {
  living: '发放生活救助金，保障基本生活',
  medical: '协助申请医疗救助，减轻医疗费用负担',
  schooling: '金秋助学，资助子女学费',
  employment: '推荐就业岗位，组织技能培训',
  startup: '提供创业指导和小额贷款对接',
  housing: '协助申请公租房',
  'policy-link': '协助申请纳入城镇低保',
  legal: '提供法律援助',
  counselling: '开展心理疏导',
  other: '其他帮扶',
}

export const SIX_ITEM_NOTES: Record<SixItem, string> = {
  household: '家庭人口、收入和住房情况已入户核实',
  'policies-funds': '2017年以来享受的政策和资金已与台账逐笔核对',
  difficulties: '当前困难已与职工本人确认',
  measures: '后续帮扶措施已制定',
  effect: '帮扶措施成效已评估',
  pairing: '结对帮扶走访和电话记录齐全',
}

export const DIFFICULTY_TASKS: Record<DifficultyGroup, string> = {
  'basic-living': '按季度发放生活救助金，对接城镇低保',
  employment: '推荐公益性岗位，参加技能培训',
  medical: '协助申请大病医疗救助和二次报销',
  schooling: '纳入金秋助学资助范围',
  'social-security': '协助续缴养老和医疗保险',
  housing: '协助申请公租房或住房补贴',
}

export const CONTACT_NOTES: Record<ContactKind, readonly string[]> = {
  visit: ['入户走访，了解家庭近况', '走访慰问，送去慰问金', '入户核实收入和就业情况'],
  phone: ['电话回访，了解病情和治疗情况', '电话了解子女就学情况', '电话询问就业进展'],
  other: ['在工会办公室面谈', '微信联系，了解近况'],
}

export const NEXT_STEPS = ['下月再次走访', '协助办理救助申请', '跟进就业推荐', '', ''] as const

export const MISTAKE_REASON = '金额录入错误（多输入一位），冲正后按正确金额重新登记'
