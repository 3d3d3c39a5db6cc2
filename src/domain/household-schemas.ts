import * as v from 'valibot'
import { CONTACT_KIND_CODES, DEREGISTRATION_REASON_CODES, MEASURE_KIND_CODES, MEASURE_STATUS_CODES } from './household-codes'
import { dateText, DEREGISTRATION_EVIDENCE_MESSAGE, evidenceIds, expectedVersion, idText, text } from './schema-parts'

/**
 * Inputs that change a household file: measures, the contact log, paired cadres and
 * deregistration. A contact's date must not be in the future: check it with `futureDateProblem`
 * against the server's today, which a schema cannot know.
 */

const householdId = idText('家庭编号')

/** A new aid measure. */
export const MeasureInputSchema = v.strictObject({
  householdId,
  kind: v.picklist(MEASURE_KIND_CODES, '请选择帮扶措施类型'),
  description: text('措施内容', 2, 200),
  status: v.optional(v.picklist(MEASURE_STATUS_CODES, '请选择措施状态'), 'planned'),
  outcome: text('实施成效', 0, 200),
})

/** A measure's progress: its status and outcome. */
export const MeasureUpdateSchema = v.pipe(
  v.strictObject({
    householdId,
    measureId: idText('措施编号'),
    expectedVersion,
    status: v.picklist(MEASURE_STATUS_CODES, '请选择措施状态'),
    outcome: text('实施成效', 0, 200),
  }),
  v.forward(
    v.check((i) => i.status !== 'done' || i.outcome.length >= 2, '措施完成时请填写实施成效'),
    ['outcome'],
  ),
)

/** One visit, call or other contact by the paired cadre. */
export const ContactInputSchema = v.strictObject({
  householdId,
  kind: v.picklist(CONTACT_KIND_CODES, '请选择联系方式'),
  on: dateText('联系日期'),
  notes: text('联系情况', 2, 500),
  nextStep: text('下一步安排', 0, 200),
})

/** Pairs a staff member of the jurisdiction with the household. */
export const AssignCadreSchema = v.strictObject({ householdId, expectedVersion, cadreOpenid: idText('结对帮扶干部') })

/** Ends a pairing, with the reason. */
export const RemoveCadreSchema = v.strictObject({ householdId, expectedVersion, cadreOpenid: idText('结对帮扶干部'), note: text('解除原因', 0, 200) })

/** A caseworker's proposal to deregister (脱困注销); `other` needs a written reason. */
export const ProposeDeregistrationSchema = v.pipe(
  v.strictObject({
    householdId,
    expectedVersion,
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

/** A reviewer's decision on the open proposal; declining needs a note for the caseworker. */
export const DecideDeregistrationSchema = v.pipe(
  v.strictObject({ householdId, expectedVersion, approve: v.boolean('请选择是否批准注销'), note: text('审批意见', 0, 200) }),
  v.forward(
    v.check((i) => i.approve || i.note.length >= 2, '不批准注销时请填写审批意见'),
    ['note'],
  ),
)
