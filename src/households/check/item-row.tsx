import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import Tag from '@/components/tag'
import Chip from '@/components/chip'
import FieldError from '@/components/field-error'
import type { ItemCheck } from '@/domain/campaign'
import type { SixItem } from '@/domain/review'
import { formatDateTime } from '@/text/format'
import TextAreaField from '@/components/text-area-field'
import '@/components/form-frame/index.css'
import type { WriteProblems } from './use-check'
import type { KeptItem } from './kept-check'

/** Props of one of the six items. */
export interface ItemRowProps {
  item: SixItem
  label: string
  check: ItemCheck | undefined
  /** Whether it may be (re)confirmed now. */
  editable: boolean
  busy: boolean
  onSave: (confirmed: boolean, note: string) => Promise<WriteProblems>
  /** The item as kept on this phone, not yet on the server (未上传), or changed meanwhile. */
  kept?: KeptItem
  /** Drops the kept item (after a conflict). */
  onForget?: () => void
}

/** One item of 六清: confirmed or not (a note says why not), and who confirmed it when. */
export default function ItemRow({ item, label, check, editable, busy, onSave, kept, onForget }: ItemRowProps) {
  const [editing, setEditing] = useState(!check && editable)
  const [confirmed, setConfirmed] = useState<boolean | null>(check ? check.confirmed : null)
  const [note, setNote] = useState(check?.note ?? '')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const state = !check ? 'todo' : check.confirmed ? 'confirmed' : 'unclear'

  const save = async (answer: boolean | null = confirmed) => {
    if (answer === null) return setErrors({ confirmed: '请选择是否核实清楚' })
    const problems = await onSave(answer, note)
    if (problems) return setErrors(problems)
    setErrors({})
    setEditing(false)
  }
  // 核实清楚 is the answer and its save in one tap; 未核实清楚 asks what was found before saving.
  const answerClear = () => {
    if (busy) return
    setConfirmed(true)
    setErrors({})
    void save(true)
  }

  return (
    <View className={`hh-entry hh-item hh-item--${state}`} data-item={item} data-item-state={state}>
      <View className='hh-entry__head'>
        <Text className='hh-entry__title'>{label}</Text>
        <Tag tone={state === 'confirmed' ? 'done' : state === 'unclear' ? 'overdue' : 'muted'}>
          {state === 'confirmed' ? '已核实' : state === 'unclear' ? '未核实清楚' : '待核查'}
        </Tag>
      </View>
      {kept && !editing && (
        <View className='hh-item__kept' data-kept={kept.conflict ? 'conflict' : 'waiting'}>
          <Tag tone={kept.conflict ? 'overdue' : 'pending'}>{kept.conflict ? '未覆盖' : '未上传'}</Tag>
          <Text className='hh-entry__text'>
            本机记录：{kept.confirmed ? '核实清楚' : '未核实清楚'}
            {kept.note ? `，${kept.note}` : ''}（{formatDateTime(kept.capturedAt)}）
          </Text>
          {kept.conflict && <Text className='hh-entry__line'>{kept.conflict}</Text>}
          {kept.conflict && onForget && (
            <Button className='btn btn--secondary btn--small' data-action='forget-kept' onClick={onForget}>
              放弃本机记录
            </Button>
          )}
        </View>
      )}
      {check && !editing && (
        <>
          {check.note && <Text className='hh-entry__text'>{check.note}</Text>}
          <Text className='hh-entry__line'>
            {check.byName} · {formatDateTime(check.at)}
          </Text>
        </>
      )}
      {editing ? (
        <View className='hh-item__form' data-form={`item-${item}`}>
          <View className='chip-row' data-field='confirmed' role='radiogroup' aria-label={`${label}是否核实清楚`}>
            <Chip label='核实清楚' role='radio' on={confirmed === true} onTap={answerClear} data={{ 'data-value': 'yes' }} />
            <Chip label='未核实清楚' role='radio' on={confirmed === false} onTap={() => (setConfirmed(false), setErrors({}))} data={{ 'data-value': 'no' }} />
          </View>
          <FieldError field='confirmed' message={errors.confirmed} />
          {confirmed !== false && <Text className='hh-entry__line'>核实清楚：点一下即保存；有变化或未核实清楚：写明情况后保存</Text>}
          {confirmed === false && (
            <TextAreaField field='note' label='核查情况' value={note} maxlength={500} error={errors.note} onInput={(v) => (setNote(v), setErrors({}))} />
          )}
          {(confirmed === false || check) && (
            <View className='form-frame__buttons'>
              {check && (
                <Button className='btn btn--secondary' onClick={() => setEditing(false)} disabled={busy}>
                  取消
                </Button>
              )}
              {confirmed === false && (
                <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} disabled={busy} onClick={() => void save()} data-action='save-item'>
                  保存
                </Button>
              )}
            </View>
          )}
        </View>
      ) : (
        editable && (
          <View className='hh-entry__actions'>
            <Button className='btn btn--secondary btn--small' data-action='edit-item' onClick={() => setEditing(true)}>
              {check ? '修改' : '核查'}
            </Button>
          </View>
        )
      )}
    </View>
  )
}
