import { Button, Text, View } from '@tarojs/components'
import Tag from '@/components/tag'
import type { CampaignItem } from '@/domain/api/households'
import { CAMPAIGN_STATUSES } from '@/domain/campaign'
import { labelOf } from '@/text/household-text'
import { formatDate } from '@/text/format'

/** Props of one campaign in the list. */
export interface CampaignCardProps {
  item: CampaignItem
  /** Shown to admins on open campaigns. */
  onClose?: () => void
  onTap: () => void
}

/** Name, period, status and progress of a campaign; tap to open it. */
export default function CampaignCard({ item, onClose, onTap }: CampaignCardProps) {
  const p = item.progress
  return (
    <View className='card card--item hh-campaign' data-campaign={item.id} data-campaign-status={item.status}>
      <View onClick={onTap} hoverClass='card--pressed'>
        <View className='hh-entry__head'>
          <Text className='hh-entry__title'>{item.name}</Text>
          <Tag tone={item.status === 'open' ? 'done' : 'muted'}>{labelOf(CAMPAIGN_STATUSES, item.status)}</Tag>
        </View>
        <Text className='hh-entry__line'>
          {formatDate(item.startsOn)} 至 {formatDate(item.endsOn)}
        </Text>
        <Text className='hh-entry__line' data-progress>
          应核查 {p.inScope} 户 · 已核查 {p.checked} 户 · 保留 {p.kept} 户 · 提出注销 {p.proposedDeregistration} 户
        </Text>
      </View>
      {onClose && (
        <View className='hh-entry__actions'>
          <Button className='btn btn--danger btn--small' data-action='closeCampaign' onClick={onClose}>
            结束活动
          </Button>
        </View>
      )}
    </View>
  )
}
