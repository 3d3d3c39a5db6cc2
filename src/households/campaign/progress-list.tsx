import { Text, View } from '@tarojs/components'
import type { CampaignView } from '@/domain/api/households'
import type { UnitProgress } from '@/domain/campaign'

/** One unit's (or the total's) figures, with a bar of how much is checked. */
function Row({ name, p, unitId }: { name: string; p: UnitProgress; unitId: string }) {
  const pct = p.inScope === 0 ? 0 : Math.round((p.checked / p.inScope) * 100)
  return (
    <View className='hh-progress' data-unit={unitId} data-in-scope={p.inScope} data-checked={p.checked} data-kept={p.kept} data-proposed={p.proposedDeregistration}>
      <View className='hh-entry__head'>
        <Text className='hh-entry__title'>{name}</Text>
        <Text className='hh-entry__side'>{pct}%</Text>
      </View>
      <View className='hh-progress__bar' aria-hidden>
        <View className='hh-progress__fill' style={{ width: `${pct}%` }} />
      </View>
      <Text className='hh-entry__line'>
        应核查 {p.inScope} · 已核查 {p.checked} · 保留 {p.kept} · 提出注销 {p.proposedDeregistration}
      </Text>
    </View>
  )
}

/** Progress per unit in scope and in total (户), as text with a bar each. */
export default function ProgressList({ view }: { view: CampaignView }) {
  const units = Object.entries(view.progress.byUnit)
  return (
    <View className='card' data-section='progress'>
      <Text className='card__title'>核查进度</Text>
      <Row name='合计' p={view.progress.total} unitId='total' />
      {units.length > 1 && units.map(([id, p]) => <Row key={id} name={view.unitNames[id] ?? id} p={p} unitId={id} />)}
    </View>
  )
}
