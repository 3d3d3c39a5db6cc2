import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type * as v from 'valibot'
import DateField from '@/components/date-field'
import FormField from '@/components/form-field'
import { reviewActions } from '@/domain/api/review'
import { SIX_ITEMS, type SixItem } from '@/domain/review'
import { problemsByField, validate } from '@/domain/validate'
import { api } from '@/api'
import { forgetPhotos, keepPhotos } from '@/offline/kept-photos'
import type { PickedFile } from '@/platform/file-types'
import { shanghaiDateOf } from '@/domain/calendar'
import CheckRow from '../../components/check-row'
import TextAreaField from '@/components/text-area-field'
import { readKeptVisit, saveKeptVisit, sendKeptVisit, startKeptVisit, type KeptVisit, type VisitFields, type VisitSubject } from '../../offline/kept-visit'
import DecisionFrame from './decision-frame'
import StaffNames from './staff-names'
import type { DecisionFormProps } from './types'
import VisitPhotos from './visit-photos'

const emptyFindings = () => Object.fromEntries(SIX_ITEMS.map((i) => [i.code, ''])) as Record<SixItem, string>

/**
 * 入户调查: when, who, where, the six-item findings (六清), photos, and the signed authorization
 * for the finance check. Everything is kept on the phone as it is typed (photos as saved files),
 * so a visit at a forest farm without signal loses nothing; saved without network it stays 未上传
 * and is sent, with its request ids and the time it was captured, when the network returns.
 */
export default function VisitForm({ view, d, onCancel, refresh }: Omit<DecisionFormProps, 'view'> & { view: VisitSubject }) {
  const today = shanghaiDateOf(new Date())
  const kept = useRef<KeptVisit>(
    readKeptVisit(view.application.id) ?? startKeptVisit(view, { date: today, staff: ['', ''], place: '', findings: emptyFindings(), authorized: false }, new Date().toISOString()),
  )
  const [fields, setFieldsState] = useState<VisitFields>(kept.current.fields)
  const [photos, setPhotos] = useState(kept.current.photos)
  const [sending, setSending] = useState(false)

  const keep = (next: Partial<KeptVisit>) => {
    kept.current = { ...kept.current, ...next, changedAt: new Date().toISOString() }
    saveKeptVisit(kept.current)
  }
  const setFields = (change: Partial<VisitFields>) => {
    const next = { ...kept.current.fields, ...change }
    keep({ fields: next })
    setFieldsState(next)
  }
  // The one filling it in was there: their name goes first (demo accounts have one; WeChat gives none).
  useEffect(() => {
    void api.account.me().then((r) => {
      const name = r.ok ? r.data.displayName : undefined
      if (name && !kept.current.fields.staff[0]) setFields({ staff: [name, ...kept.current.fields.staff.slice(1)] })
    })
    // Once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const addPhotos = async (files: PickedFile[]) => {
    const added = await keepPhotos(files, '走访照片')
    const next = [...kept.current.photos, ...added]
    keep({ photos: next })
    setPhotos(next)
  }
  const removePhoto = (key: string) => {
    const gone = kept.current.photos.find((p) => p.key === key)
    if (gone && !gone.photoId) void forgetPhotos([gone])
    const next = kept.current.photos.filter((p) => p.key !== key)
    keep({ photos: next })
    setPhotos(next)
  }

  const submit = async () => {
    const f = kept.current.fields
    const input = {
      id: view.application.id, expectedVersion: view.application.version, date: f.date, staffPresent: f.staff.map((n) => n.trim()).filter(Boolean), place: f.place,
      findings: f.findings, photoIds: [], authorizationCollected: f.authorized, capturedAt: kept.current.capturedAt,
    }
    const checked = validate(reviewActions.recordVisit.input as v.GenericSchema, input)
    if (!checked.ok) return void Object.entries(problemsByField(checked.problems)).forEach(([field, message]) => d.fail(field, message))
    setSending(true)
    const result = await sendKeptVisit(kept.current)
    setSending(false)
    if (result.sent) {
      void Taro.showToast({ title: '入户调查已记录', icon: 'success' })
      onCancel()
      return refresh()
    }
    if (result.reason === 'refused') {
      kept.current = readKeptVisit(view.application.id) ?? kept.current
      if (result.field) d.fail(result.field, result.message)
      return void Taro.showToast({ title: result.message, icon: 'none', duration: 3000 })
    }
    // Kept on the phone: the case page shows it 未上传 (no reload, which would fail without network).
    void Taro.showToast({ title: result.message, icon: 'none', duration: 3000 })
    onCancel()
  }

  return (
    <DecisionFrame
      p={{ d: { ...d, busy: d.busy || sending }, onCancel }}
      form='recordVisit'
      title='记录入户调查'
      lead='入户核实家庭情况，逐项填写六清核查情况。填写内容随时保存在手机上，没有信号也不会丢失。'
      submitText='保存调查记录'
      onSubmit={() => void submit()}
    >
      <DateField label='走访日期' value={fields.date} end={today} {...d.bind('date', (date: string) => setFields({ date }))} />
      <StaffNames
        names={fields.staff}
        errors={d.errors}
        onChange={(names) => {
          setFields({ staff: names })
          d.clear('staffPresent')
        }}
      />
      <FormField label='走访地点' placeholder='例如：申请人家中（弥阳街道某小区）' maxlength={100} value={fields.place} {...d.bind('place', (place: string) => setFields({ place }))} />
      <Text className='case-form__section'>六清核查情况</Text>
      {SIX_ITEMS.map((item, i) => (
        <TextAreaField
          key={item.code}
          field={`findings.${item.code}`}
          label={`${i + 1}. ${item.label}`}
          value={fields.findings[item.code]}
          error={d.errors[`findings.${item.code}`] ?? (i === 0 ? d.errors.findings : undefined)}
          onInput={(value) => {
            setFields({ findings: { ...kept.current.fields.findings, [item.code]: value } })
            d.clear(`findings.${item.code}`)
          }}
        />
      ))}
      <VisitPhotos photos={photos} onAdd={(files) => void addPhotos(files)} onRemove={removePhoto} error={d.errors.photoIds} />
      <CheckRow label='已收取签字的家庭经济状况核对授权书' checked={fields.authorized} {...d.bind('authorizationCollected', (value: boolean) => setFields({ authorized: value }))} />
    </DecisionFrame>
  )
}
