import { Button, Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import Tag from '@/components/tag'
import Chip from '@/components/chip'
import FieldError from '@/components/field-error'
import PhotoField from '@/components/photo-field'
import type { ItemCheck } from '@/domain/campaign'
import type { SixItem } from '@/domain/review'
import type { KeptPhoto } from '@/offline/kept-forms'
import { keepPhotos } from '@/offline/kept-photos'
import type { PickedFile } from '@/platform/file-types'
import { formatDateTime } from '@/text/format'
import TextAreaField from '@/components/text-area-field'
import '@/components/form-frame/index.css'
import type { ItemAnswer, WriteProblems } from './use-check'
import type { KeptItem } from './kept-check'
import EvidenceLinks from '../components/evidence-links'

/** At most this many evidence photos per item (the contract's limit). */
const MAX_ITEM_PHOTOS = 9

/** Props of one of the six items. */
export interface ItemRowProps {
  item: SixItem
  label: string
  householdId: string
  check: ItemCheck | undefined
  /** Whether it may be (re)confirmed now. */
  editable: boolean
  busy: boolean
  onSave: (answer: ItemAnswer) => Promise<WriteProblems>
  /** Keeps the answer being entered on the phone (a closed app keeps it). */
  onDraft: (answer: ItemAnswer) => void
  /** The item as kept on this phone: being answered, not yet on the server (未上传), or changed meanwhile. */
  kept?: KeptItem
  /** Drops the kept item (after a conflict, or an answer given up). */
  onForget?: () => void
}

type Answer = 'same' | 'changed' | 'unclear'

const answerOf = (c: { confirmed: boolean; changed?: boolean }): Answer => (!c.confirmed ? 'unclear' : c.changed ? 'changed' : 'same')
const STATE_TEXT = { todo: '待核查', same: '无变化', changed: '有变化', unclear: '未核实清楚' } as const
const KEPT_TEXT = { same: '核实无变化', changed: '有变化', unclear: '未核实清楚' } as const

/**
 * One item of 六清, answered explicitly: 无变化 (one tap: the answer and its save), 有变化 (what
 * changed, and at least one photo as evidence), or 未核实清楚 (why). Nothing is preselected.
 */
export default function ItemRow({ item, label, householdId, check, editable, busy, onSave, onDraft, kept, onForget }: ItemRowProps) {
  const draft = kept?.editing ? kept : undefined
  const [editing, setEditing] = useState((!check && editable) || !!draft)
  const [answer, setAnswer] = useState<Answer | null>(draft ? answerOf(draft) : check ? answerOf(check) : null)
  const [note, setNote] = useState(draft?.note ?? check?.note ?? '')
  const [photos, setPhotosState] = useState<KeptPhoto[]>(draft?.photos ?? [])
  // The photos as of now, not as of the render: a second pick may start before the first is kept (issue 16: one of two was lost).
  const photosNow = useRef(photos)
  const setPhotos = (next: KeptPhoto[]) => {
    photosNow.current = next
    setPhotosState(next)
  }
  const [errors, setErrors] = useState<Record<string, string>>({})
  const state = !check ? 'todo' : answerOf(check)
  const toAnswer = (a: Answer, n = note, p = photos): ItemAnswer => ({ confirmed: a !== 'unclear', changed: a === 'changed', note: n, photos: a === 'changed' ? p : [] })

  const draftWith = (a: Answer | null, n: string, p: KeptPhoto[]) => a && a !== 'same' && onDraft(toAnswer(a, n, p))
  const save = async (a: Answer | null = answer) => {
    if (a === null) return setErrors({ confirmed: '请选择核查结果' })
    const problems = await onSave(toAnswer(a))
    if (problems) return setErrors(problems)
    setErrors({})
    setPhotos([])
    setEditing(false)
  }
  // 无变化 is the answer and its save in one tap; 有变化 and 未核实清楚 ask what was found before saving.
  const answerSame = () => {
    if (busy) return
    setAnswer('same')
    setErrors({})
    void save('same')
  }
  const choose = (a: Answer) => {
    setAnswer(a)
    setErrors({})
    draftWith(a, note, photos)
  }
  const addPhotos = async (files: PickedFile[]) => {
    const added = await keepPhotos(files, '佐证照片')
    const next = [...photosNow.current, ...added]
    setPhotos(next)
    setErrors({})
    draftWith(answer, note, next)
  }
  const removePhoto = (key: string) => {
    const next = photosNow.current.filter((p) => p.key !== key)
    setPhotos(next)
    draftWith(answer, note, next)
  }
  const cancel = () => {
    if (draft) onForget?.()
    setPhotos([])
    setEditing(false)
  }

  return (
    <View className={`hh-entry hh-item hh-item--${state}`} data-item={item} data-item-state={state === 'same' ? 'confirmed' : state}>
      <View className='hh-entry__head'>
        <Text className='hh-entry__title'>{label}</Text>
        <Tag tone={state === 'same' ? 'done' : state === 'todo' ? 'muted' : 'overdue'}>{STATE_TEXT[state]}</Tag>
      </View>
      {kept && !kept.editing && !editing && (
        <View className='hh-item__kept' data-kept={kept.conflict ? 'conflict' : 'waiting'}>
          <Tag tone={kept.conflict ? 'overdue' : 'pending'}>{kept.conflict ? '未覆盖' : '未上传'}</Tag>
          <Text className='hh-entry__text'>
            本机记录：{KEPT_TEXT[answerOf(kept)]}
            {kept.note ? `，${kept.note}` : ''}
            {kept.photos?.length ? `，照片${kept.photos.length}张` : ''}（{formatDateTime(kept.capturedAt)}）
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
          {check.evidenceIds.length > 0 && <EvidenceLinks householdId={householdId} ids={check.evidenceIds} />}
          <Text className='hh-entry__line'>
            {check.byName} · {formatDateTime(check.at)}
          </Text>
        </>
      )}
      {editing ? (
        <View className='hh-item__form' data-form={`item-${item}`}>
          <View className='chip-row' data-field='confirmed' role='radiogroup' aria-label={`${label}的核查结果`}>
            <Chip label='无变化' role='radio' large on={answer === 'same'} onTap={answerSame} data={{ 'data-value': 'yes' }} />
            <Chip label='有变化' role='radio' large on={answer === 'changed'} onTap={() => choose('changed')} data={{ 'data-value': 'changed' }} />
            <Chip label='未核实清楚' role='radio' large on={answer === 'unclear'} onTap={() => choose('unclear')} data={{ 'data-value': 'no' }} />
          </View>
          <FieldError field='confirmed' message={errors.confirmed} />
          {answer === null && <Text className='hh-entry__line'>无变化：点一下即保存；有变化：写明变化并拍照佐证后保存</Text>}
          {answer !== null && answer !== 'same' && (
            <TextAreaField
              field='note'
              label={answer === 'changed' ? '变化情况' : '核查情况'}
              value={note}
              maxlength={500}
              error={errors.note}
              onInput={(v) => (setNote(v), setErrors({}), draftWith(answer, v, photos))}
            />
          )}
          {answer === 'changed' && (
            <PhotoField
              field='evidenceIds'
              label='佐证照片'
              hint='至少1张；先保存在手机上，有网络时自动上传'
              photos={photos}
              max={MAX_ITEM_PHOTOS}
              pickText='拍照/选择照片'
              marker='evidence'
              onAdd={(files) => void addPhotos(files)}
              onRemove={removePhoto}
              error={errors.evidenceIds}
            />
          )}
          {((answer !== null && answer !== 'same') || check || draft) && (
            <View className='form-frame__buttons'>
              {(check || draft) && (
                <Button className='btn btn--secondary' onClick={cancel} disabled={busy}>
                  取消
                </Button>
              )}
              {answer !== null && answer !== 'same' && (
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
