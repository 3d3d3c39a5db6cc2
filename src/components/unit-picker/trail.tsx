import { Text, View } from '@tarojs/components'
import { Fragment } from 'react'
import { pressable } from '@/components/pressable'

/** A unit on screen. */
export interface UnitRef {
  id: string
  name: string
}

/** Props of the way down the union tree. */
export interface UnitTrailProps {
  /** From the top down; each crumb opens its level. */
  trail: readonly UnitRef[]
  onOpen: (id: string) => void
  /** A first crumb 全部 back to the top (`data-crumb="top"`). */
  onTop?: () => void
  /** The level on screen, as the last crumb (not a link away). */
  here?: UnitRef | null
}

/** The breadcrumb of the union tree: each crumb is a tap target, wrapping onto more lines when the way down is long. */
export function UnitTrail({ trail, onOpen, onTop, here }: UnitTrailProps) {
  if (trail.length === 0 && !here) return null
  const crumbs = here ? [...trail, here] : trail
  return (
    <View className='unit-trail' data-trail={crumbs.map((u) => u.id).join('/')}>
      {onTop && (
        <Text className='unit-trail__crumb' data-crumb='top' {...pressable('全部单位')} onClick={onTop}>
          全部
        </Text>
      )}
      {crumbs.map((u, i) => (
        <Fragment key={u.id}>
          {(i > 0 || onTop) && <Text className='unit-trail__sep'>›</Text>}
          <Text className={u === here ? 'unit-trail__crumb unit-trail__crumb--here' : 'unit-trail__crumb'} data-crumb={u.id} {...pressable()} onClick={() => onOpen(u.id)}>
            {u.name}
          </Text>
        </Fragment>
      ))}
    </View>
  )
}

/** A unit to go down into: the whole row is the target, a chevron at its end. */
export function UnitLink({ unit, onOpen }: { unit: UnitRef; onOpen: (id: string) => void }) {
  return (
    <View className='unit-link' hoverClass='unit-link--pressed' data-child={unit.id} {...pressable(`${unit.name}，进入下级`)} onClick={() => onOpen(unit.id)}>
      <Text className='unit-link__name'>{unit.name}</Text>
      <Text className='unit-link__chevron'>›</Text>
    </View>
  )
}
