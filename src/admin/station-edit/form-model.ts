import type { StationView } from '@/domain/api/stations'
import { formatWeekText, parseWeekText } from '@/domain/opening-hours'
import { isAppExternalId, StationInputSchema, type AidLevel, type Amenity, type StationFields, type StationInput, type StationKind, type StationStatus } from '@/domain/station'
import { problemsByField, validate } from '@/domain/validate'
import { formatDate } from '@/text/format'

/** What the station form holds: text as typed, so a half-typed coordinate is kept as it is. */
export interface StationFormValues {
  externalId: string
  kind: StationKind | ''
  level: AidLevel | ''
  name: string
  address: string
  district: string
  lng: string
  lat: string
  phone: string
  /** e.g. `周一至周五 08:30-12:00,14:30-18:00；周六 09:00-12:00` (parseWeekText). */
  hoursText: string
  closedOnHolidays: boolean
  /** Dates separated by commas or spaces. */
  closedDatesText: string
  amenities: Amenity[]
  services: string
  unitName: string
  /** The unit the station belongs to; '' on a new station until the admin's own unit is known. */
  unitId: string
  verifiedOn: string
  /** Kept from the station as it is (this form does not edit them). */
  photos: string[]
  status: StationStatus
}

/** The form's own fields, the keys of its messages. */
export type FormField = Exclude<keyof StationFormValues, 'photos' | 'status'>

export const EMPTY_FORM: StationFormValues = {
  externalId: '',
  kind: '',
  level: '',
  name: '',
  address: '',
  district: '',
  lng: '',
  lat: '',
  phone: '',
  hoursText: '',
  closedOnHolidays: false,
  closedDatesText: '',
  amenities: [],
  services: '',
  unitName: '',
  unitId: '',
  verifiedOn: '',
  photos: [],
  status: 'open',
}

/** A stored station as form values. */
export function formOf(s: StationView): StationFormValues {
  return {
    // A made-up id stays as it is on the server (an empty field keeps it) and off the screen.
    externalId: isAppExternalId(s.externalId) ? '' : s.externalId,
    kind: s.kind,
    level: s.level ?? '',
    name: s.name,
    address: s.address,
    district: s.district,
    lng: String(s.location.lng),
    lat: String(s.location.lat),
    phone: s.phone,
    hoursText: formatWeekText(s.hours.week),
    closedOnHolidays: s.hours.closedOnHolidays,
    closedDatesText: s.hours.closedDates.map(formatDate).join('，'),
    amenities: [...s.amenities],
    services: s.services,
    unitName: s.unitName,
    unitId: s.unitId,
    verifiedOn: s.verifiedOn ?? '',
    photos: [...s.photos],
    status: s.status,
  }
}

/** Which form field a problem of the schema (or of the server, prefixed `station.`) belongs to. */
export function fieldOfPath(path: string): FormField | null {
  const p = path.replace(/^station\./, '')
  if (p === 'location' || p === 'location.lng') return 'lng'
  if (p === 'location.lat') return 'lat'
  if (p.startsWith('hours.closedDates')) return 'closedDatesText'
  if (p.startsWith('hours')) return 'hoursText'
  if (p.startsWith('amenities')) return 'amenities'
  const own: readonly string[] = ['externalId', 'kind', 'level', 'name', 'address', 'district', 'phone', 'services', 'unitName', 'unitId', 'verifiedOn']
  return own.includes(p) ? (p as FormField) : null
}

/** `2026年10月1日` (as the form shows dates) as `2026-10-01`; anything else as typed, for the schema to judge. */
function isoOfDate(text: string): string {
  const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(text)
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : text
}

const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()))

/**
 * The form checked with the domain's StationInputSchema (the server's own rules): the station to
 * send, or a message per field. An empty 外部编号 lets the server assign one on create.
 */
export function toStation(values: StationFormValues): { ok: true; station: StationFields } | { ok: false; errors: Partial<Record<FormField, string>> } {
  const week = parseWeekText(values.hoursText)
  const closedDates = values.closedDatesText.split(/[、,，;；\s]+/).filter(Boolean).map(isoOfDate)
  const input: StationInput = {
    ...(values.externalId.trim() ? { externalId: values.externalId } : {}),
    kind: values.kind as StationKind,
    level: values.kind === 'aid' ? ((values.level || null) as AidLevel | null) : null,
    name: values.name,
    address: values.address,
    district: values.district,
    location: { lng: number(values.lng), lat: number(values.lat) },
    phone: values.phone,
    hours: { week: week.ok ? week.week : Array.from({ length: 7 }, () => []), closedOnHolidays: values.closedOnHolidays, closedDates },
    amenities: values.amenities,
    services: values.services,
    photos: values.photos,
    unitName: values.unitName,
    ...(values.unitId ? { unitId: values.unitId } : {}),
    status: values.status,
    verifiedOn: values.verifiedOn || null,
  }
  const checked = validate(StationInputSchema, input)
  const errors: Partial<Record<FormField, string>> = {}
  if (!week.ok) errors.hoursText = week.message
  if (!checked.ok) {
    for (const [path, message] of Object.entries(problemsByField(checked.problems))) {
      const field = fieldOfPath(path)
      if (field && !errors[field]) errors[field] = message
    }
  }
  if (Object.keys(errors).length > 0 || !checked.ok) return { ok: false, errors: Object.keys(errors).length ? errors : { name: '请检查填写的内容' } }
  return { ok: true, station: checked.value }
}
