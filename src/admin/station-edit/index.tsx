import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import ChoiceChips from '@/components/choice-chips'
import DateField from '@/components/date-field'
import FormField from '@/components/form-field'
import PageState from '@/components/page-state'
import TextAreaField from '@/components/text-area-field'
import type { StationView } from '@/domain/api/stations'
import { AID_LEVELS, AMENITIES, labelOf, STATION_KINDS, STATION_STATUSES, type AidLevel, type Amenity, type StationKind } from '@/domain/station'
import { api, newRequestId } from '@/api'
import { readParam } from '@/routes'
import { AdminPage } from '../components/admin-gate'
import LocationField from './location-field'
import UnitField from './unit-field'
import { EMPTY_FORM, fieldOfPath, formOf, toStation, type FormField as Field, type StationFormValues } from './form-model'
import '../admin.css'

type Errors = Partial<Record<Field, string>>
type Loaded = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; station: StationView | null }

/** Create a station (no id) or edit one (`?id=`); close or reopen it. */
export default function StationEditPage() {
  return (
    <AdminPage className='admin station-edit'>
      <StationEditor id={readParam(useRouter().params.id)} />
    </AdminPage>
  )
}

function StationEditor({ id }: { id: string }) {
  const [loaded, setLoaded] = useState<Loaded>(id ? { kind: 'loading' } : { kind: 'ready', station: null })
  const load = async () => {
    const reply = await api.stations.get({ stationId: id })
    setLoaded(reply.ok ? { kind: 'ready', station: reply.data } : { kind: 'error', message: reply.error.message })
  }
  useEffect(() => {
    if (id) void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loads once per station id
  }, [id])

  if (loaded.kind !== 'ready') return <PageState state={loaded} onRetry={() => void load()} />
  return <StationForm key={loaded.station ? `${loaded.station.id}@${loaded.station.version}` : 'new'} station={loaded.station} onChanged={() => void load()} />
}

function StationForm({ station, onChanged }: { station: StationView | null; onChanged: () => void }) {
  const [values, setValues] = useState<StationFormValues>(station ? formOf(station) : EMPTY_FORM)
  const [errors, setErrors] = useState<Errors>({})
  const [saving, setSaving] = useState(false)
  // One id per new station being written: a retried tap after a lost reply does not create two.
  const createId = useRef(newRequestId())

  const set = <K extends keyof StationFormValues>(key: K, value: StationFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }))
    if (key in errors) setErrors((e) => ({ ...e, [key]: undefined }))
  }
  const text = (field: Field & keyof StationFormValues, label: string, extra: { hint?: string; placeholder?: string; keyboard?: 'text' | 'digit' } = {}) => (
    <FormField
      field={field}
      label={label}
      value={String(values[field])}
      error={errors[field]}
      hint={extra.hint}
      placeholder={extra.placeholder}
      keyboard={extra.keyboard}
      onInput={(v) => set(field, v as never)}
    />
  )

  const showErrors = (found: Errors) => {
    setErrors(found)
    const first = (Object.keys(found) as Field[]).find((k) => found[k])
    if (first) void Taro.pageScrollTo({ selector: `#field-${first}`, offsetTop: -64, duration: 200 }).catch(() => undefined)
  }

  const save = async (override: Partial<StationFormValues> = {}) => {
    const checked = toStation({ ...values, ...override })
    if (!checked.ok) return showErrors(checked.errors)
    setSaving(true)
    const reply = station
      ? await api.stations.update({ stationId: station.id, version: station.version, station: checked.station })
      : await api.stations.create({ station: checked.station }, { requestId: createId.current })
    setSaving(false)
    if (!reply.ok) {
      const field = reply.error.field ? fieldOfPath(reply.error.field) : null
      if (field) return showErrors({ [field]: reply.error.message })
      return void Taro.showModal({ title: '没有保存', content: reply.error.message, showCancel: false, confirmText: '知道了' })
    }
    await Taro.showToast({ title: '已保存', icon: 'success' })
    if (station) onChanged()
    else void Taro.redirectTo({ url: `/admin/station-edit/index?id=${encodeURIComponent(reply.data.id)}` })
  }

  return (
    <View data-form='station'>
      {station && (
        <View className='card station-edit__status'>
          <Text className='admin-item__line'>
            状态：<Text className={`status-pill status-pill--${station.status}`}>{labelOf(STATION_STATUSES, station.status)}</Text> · 版本 {station.version}
          </Text>
        </View>
      )}

      <View className='card'>
        <Text className='card__title'>基本信息</Text>
        <ChoiceChips field='kind' label='站点类型' options={STATION_KINDS} value={values.kind} error={errors.kind} onChange={(c) => set('kind', c as StationKind)} />
        {values.kind === 'aid' && <ChoiceChips field='level' label='站点级别' options={AID_LEVELS} value={values.level} error={errors.level} onChange={(c) => set('level', c as AidLevel)} />}
        {text('name', '站点名称')}
        {text('externalId', '外部编号', { hint: '工会台账中的编号，导入时按它更新；不填则自动生成' })}
        {text('district', '所在地区', { placeholder: '例如：弥阳街道' })}
        {text('address', '地址')}
        <LocationField
          lng={values.lng}
          lat={values.lat}
          error={errors.lng ?? errors.lat}
          onPoint={(point, place) => {
            setValues((v) => ({
              ...v,
              lng: String(point.lng),
              lat: String(point.lat),
              // WeChat's map names the place: it fills what is still empty, never what the admin wrote.
              name: v.name || place?.name || '',
              address: v.address || place?.address || '',
            }))
            setErrors((e) => ({ ...e, lng: undefined, lat: undefined }))
          }}
        />
        {text('phone', '联系电话')}
        {text('unitName', '管理单位')}
        <UnitField value={values.unitId} error={errors.unitId} onChange={(id) => set('unitId', id)} />
      </View>

      <View className='card'>
        <Text className='card__title'>开放时间</Text>
        <TextAreaField
          field='hoursText'
          label='每周开放时间'
          hint='例如：周一至周五 08:30-12:00,14:30-18:00；周六 09:00-12:00。全天开放写“24小时”，跨夜写 22:00-06:00。'
          value={values.hoursText}
          maxlength={300}
          error={errors.hoursText}
          onInput={(v) => set('hoursText', v)}
        />
        <ChoiceChips
          field='closedOnHolidays'
          label='法定节假日'
          options={HOLIDAY_CHOICES}
          value={values.closedOnHolidays ? 'closed' : 'open'}
          onChange={(c) => set('closedOnHolidays', c === 'closed')}
        />
        {text('closedDatesText', '临时闭馆日期', { hint: '多个日期用逗号分开，例如：2026年10月1日，2026年10月2日' })}
      </View>

      <View className='card'>
        <Text className='card__title'>服务</Text>
        <ChoiceChips multiple field='amenities' label='服务设施' options={AMENITIES} value={values.amenities} error={errors.amenities} onChange={(c) => set('amenities', c as Amenity[])} />
        <TextAreaField field='services' label='服务内容' value={values.services} error={errors.services} onInput={(v) => set('services', v)} />
        <DateField field='verifiedOn' label='信息核实日期' value={values.verifiedOn} error={errors.verifiedOn} onChange={(d) => set('verifiedOn', d)} />
      </View>

      <Button className={saving ? 'btn btn--primary btn--busy' : 'btn btn--primary'} onClick={() => !saving && void save()} data-action='save'>
        {saving ? '正在保存…' : station ? '保存修改' : '创建站点'}
      </Button>

      {station && station.status === 'open' && <CloseStation station={station} onClosed={onChanged} />}
      {station && station.status !== 'open' && (
        <Button className='btn btn--secondary station-edit__reopen' onClick={() => !saving && void save({ status: 'open' })} data-action='reopen'>
          重新开放
        </Button>
      )}
    </View>
  )
}

const HOLIDAY_CHOICES = [
  { code: 'open', label: '照常开放' },
  { code: 'closed', label: '闭馆' },
]

const CLOSE_CHOICES = [
  { code: 'suspended', label: '暂停开放（可重新开放）' },
  { code: 'closed', label: '关闭（不再显示）' },
]

/** 暂停开放 or 关闭, with the reason the audit log keeps. */
function CloseStation({ station, onClosed }: { station: StationView; onClosed: () => void }) {
  const [open, setOpen] = useState(false)
  const [status, setStatus] = useState<'suspended' | 'closed'>('suspended')
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | undefined>()
  if (!open) {
    return (
      <Button className='btn btn--danger station-edit__close' onClick={() => setOpen(true)} data-action='close'>
        暂停开放或关闭站点
      </Button>
    )
  }
  const confirm = async () => {
    if (!reason.trim()) return setError('请填写原因')
    const reply = await api.stations.close({ stationId: station.id, version: station.version, status, reason })
    if (!reply.ok) return setError(reply.error.message)
    await Taro.showToast({ title: status === 'closed' ? '已关闭' : '已暂停开放', icon: 'success' })
    onClosed()
  }
  return (
    <View className='card station-edit__closing' data-closing>
      <Text className='card__title'>暂停开放或关闭</Text>
      <ChoiceChips field='status' label='处理方式' options={CLOSE_CHOICES} value={status} onChange={(c) => setStatus(c as 'suspended' | 'closed')} />
      <TextAreaField field='reason' label='原因' value={reason} maxlength={200} placeholder='例如：场地装修，预计下月恢复' error={error} onInput={setReason} />
      <Button className='btn btn--danger' onClick={() => void confirm()} data-action='confirm-close'>
        确认
      </Button>
      <Button className='btn btn--secondary' onClick={() => setOpen(false)}>
        取消
      </Button>
    </View>
  )
}
