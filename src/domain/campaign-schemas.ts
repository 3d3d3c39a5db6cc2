import * as v from 'valibot'
import { DEREGISTRATION_REASON_CODES, DIFFICULTY_GROUP_CODES } from './household-codes'
import { SIX_ITEM_CODES, SIX_ITEMS } from './review'
import { dateText, DEREGISTRATION_EVIDENCE_MESSAGE, evidenceIds, expectedVersion, idText, text } from './schema-parts'

/** Inputs of the 户户清 campaign: opening and closing it, confirming an item, the outcome. */

const campaignId = idText('活动编号')
const householdId = idText('家庭编号')

/** An admin opens a campaign: name, period and the units in scope (each with its subtree). */
export const OpenCampaignSchema = v.pipe(
  v.strictObject({
    name: text('活动名称', 2, 40),
    startsOn: dateText('开始日期'),
    endsOn: dateText('结束日期'),
    unitIds: v.pipe(
      v.array(idText('单位'), '核查范围应为单位列表'),
      v.minLength(1, '请至少选择一个单位'),
      v.maxLength(200, '一次最多选择200个单位'),
      v.check((ids) => new Set(ids).size === ids.length, '单位不能重复'),
    ),
  }),
  v.forward(
    v.check((i) => i.endsOn >= i.startsOn, '结束日期不能早于开始日期'),
    ['endsOn'],
  ),
)

/** Closes a campaign: no more checks are recorded. */
export const CloseCampaignSchema = v.strictObject({ campaignId, expectedVersion })

/** Confirms (or marks unclear, with the reason) one of the six items for a household. */
export const ConfirmItemSchema = v.pipe(
  v.strictObject({
    campaignId,
    householdId,
    item: v.picklist(SIX_ITEM_CODES, '请选择核查项目'),
    confirmed: v.boolean('请选择是否核实清楚'),
    /** Confirmed, and different from what the file says: a note and at least one evidence photo. */
    changed: v.optional(v.boolean('请选择是否有变化'), false),
    note: text('核查情况', 0, 500),
    evidenceIds: evidenceIds(),
    /** When it was filled in on the phone (kept offline, sent later); absent: now. */
    capturedAt: v.optional(v.pipe(v.string('填写时间不正确'), v.isoTimestamp('填写时间不正确'))),
    /** Kept offline: when the item was last recorded as the phone saw it (null: not yet). A different one now is a CONFLICT, never overwritten. */
    seenAt: v.optional(v.nullable(v.pipe(v.string('记录时间不正确'), v.isoTimestamp('记录时间不正确')))),
  }),
  v.forward(
    v.check((i) => i.confirmed || i.note.length >= 2, '未核实清楚时请填写核查情况'),
    ['note'],
  ),
  v.forward(
    v.check((i) => !i.confirmed || !i.changed || i.note.length >= 2, '有变化时请写明变化情况'),
    ['note'],
  ),
  v.forward(
    v.check((i) => !i.confirmed || !i.changed || i.evidenceIds.length > 0, (issue) => changedWithoutEvidence(issue.input as { item: string })),
    ['evidenceIds'],
  ),
)

/** The message for an item answered 有变化 without a photo, naming the item. */
export function changedWithoutEvidence(input: { item: string }): string {
  const label = SIX_ITEMS.find((i) => i.code === input.item)?.label ?? '该项'
  return `“${label}”有变化，请至少拍一张照片作为佐证`
}

const DifficultySchema = v.strictObject({
  group: v.picklist(DIFFICULTY_GROUP_CODES, '请选择困难类型'),
  task: text('帮扶任务', 2, 200),
})

const KeepSchema = v.strictObject({
  kind: v.literal('keep'),
  difficulties: v.pipe(
    v.array(DifficultySchema, '存在的困难应为列表'),
    v.minLength(1, '保留在档的家庭请至少列出一项仍存在的困难和帮扶任务'),
    v.maxLength(12, '存在的困难最多12项'),
  ),
})

const ProposeSchema = v.pipe(
  v.strictObject({
    kind: v.literal('propose-deregistration'),
    reason: v.picklist(DEREGISTRATION_REASON_CODES, '请选择注销原因'),
    text: text('注销说明', 0, 200),
    evidenceIds: evidenceIds(),
  }),
  v.forward(
    v.check((i) => i.reason !== 'other' || i.text.length >= 2, '选择“其他”时请填写注销说明'),
    ['text'],
  ),
  v.forward(
    v.check((i) => i.evidenceIds.length > 0, DEREGISTRATION_EVIDENCE_MESSAGE),
    ['evidenceIds'],
  ),
)

/** The check's conclusion: keep on file with difficulties and tasks, or propose deregistration. */
export const CheckOutcomeSchema = v.strictObject({
  campaignId,
  householdId,
  outcome: v.variant('kind', [KeepSchema, ProposeSchema], '请选择核查结论'),
})
