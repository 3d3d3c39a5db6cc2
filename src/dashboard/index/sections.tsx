import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { DashboardView } from '@/domain/api/households'
import { APPLICATION_STATUSES, STATUS_LABELS } from '@/domain/application-status'
import { FUND_SOURCE_CODES, FUND_SOURCES } from '@/domain/household-codes'
import { AID_LEVELS, STATION_KINDS } from '@/domain/station-codes'
import { formatCount, formatMoneyShort, labelOf } from '@/text/household-text'
import { ROUTES } from '@/routes'
import FundsChart from './charts/funds-chart'
import OnFileChart from './charts/on-file-chart'
import Figure, { DateText, FigureRow } from './figure'
import { formatDate, formatMoney } from '@/text/format'

/** Props of every section of the dashboard. */
export interface DashSectionProps {
  d: DashboardView
}

/** 在档家庭: at the start and the end of the range, filed and deregistered in it, and the line. */
export function HouseholdsSection({ d }: DashSectionProps) {
  return (
    <View className='card' data-section='households'>
      <Text className='card__title'>建档家庭</Text>
      <View className='dash-figures'>
        <Figure name='onFileAtStart' label='期初在档' value={`${formatCount(d.onFileAtStart)} 户`} raw={d.onFileAtStart} detail={<><DateText value={d.range.from} /> 起</>} />
        <Figure name='onFileNow' label='期末在档' value={`${formatCount(d.onFileNow)} 户`} raw={d.onFileNow} detail={<>截至 <DateText value={d.range.to} /></>} />
      </View>
      <FigureRow name='filedInPeriod' label='期内建档' value={`${formatCount(d.filedInPeriod)} 户`} raw={d.filedInPeriod} />
      <FigureRow name='deregisteredInPeriod' label='期内脱困注销' value={`${formatCount(d.deregisteredInPeriod)} 户`} raw={d.deregisteredInPeriod} />
      {d.onFileSeries.length > 1 && <OnFileChart series={d.onFileSeries} />}
    </View>
  )
}

/** 帮扶资金: the total, person-times, households aided, each source, and the bars. */
export function FundsSection({ d }: DashSectionProps) {
  return (
    <View className='card' data-section='funds'>
      <Text className='card__title'>帮扶资金</Text>
      <View className='dash-figures'>
        <Figure name='fundsTotal' label='发放合计' value={formatMoneyShort(d.fundsTotalFen)} raw={d.fundsTotalFen} detail={formatMoney(d.fundsTotalFen)} />
        <Figure name='personTimes' label='帮扶人次' value={formatCount(d.personTimes)} raw={d.personTimes} detail={`受助家庭 ${formatCount(d.householdsAided)} 户`} />
      </View>
      {FUND_SOURCE_CODES.map((s) => (
        <FigureRow key={s} name={`funds-${s}`} label={labelOf(FUND_SOURCES, s)} value={formatMoneyShort(d.fundsBySource[s])} raw={d.fundsBySource[s]} />
      ))}
      {d.fundsTotalFen !== 0 && <FundsChart bySource={d.fundsBySource} />}
    </View>
  )
}

/** 申请办理: every application's current status (not limited to the range). */
export function ApplicationsSection({ d }: DashSectionProps) {
  const shown = APPLICATION_STATUSES.filter((s) => d.applicationsByStatus[s] > 0)
  return (
    <View className='card' data-section='applications'>
      <Text className='card__title'>帮扶申请（当前状态）</Text>
      {shown.length === 0 && <Text className='dash-note'>暂无申请</Text>}
      {shown.map((s) => (
        <FigureRow key={s} name={`applications-${s}`} label={STATUS_LABELS[s]} value={`${d.applicationsByStatus[s]} 件`} raw={d.applicationsByStatus[s]} />
      ))}
    </View>
  )
}

/** 服务阵地: stations not closed, by kind, and the aid service stations by level of the four-level network. */
export function StationsSection({ d }: DashSectionProps) {
  return (
    <View className='card' data-section='stations'>
      <Text className='card__title'>服务阵地</Text>
      {STATION_KINDS.map((k) => (
        <FigureRow key={k.code} name={`stations-${k.code}`} label={k.label} value={`${d.stationsByKind[k.code]} 个`} raw={d.stationsByKind[k.code]} />
      ))}
      <View className='dash-levels' data-section='station-levels'>
        <Text className='dash-levels__title'>帮扶服务站点四级网络</Text>
        {AID_LEVELS.map((l) => (
          <FigureRow key={l.code} name={`station-level-${l.code}`} label={l.label} value={`${d.aidStationsByLevel[l.code]} 个`} raw={d.aidStationsByLevel[l.code]} />
        ))}
      </View>
    </View>
  )
}

/** 户户清: the latest campaign overlapping the range, and its progress. */
export function CampaignSection({ d }: DashSectionProps) {
  if (!d.campaign) return null
  const { campaign, progress } = d.campaign
  const t = progress.total
  return (
    <View className='card' data-section='campaign' data-campaign={campaign.id} onClick={() => void Taro.navigateTo({ url: ROUTES.campaign(campaign.id) })}>
      <Text className='card__title'>户户清核查</Text>
      <Text className='dash-note'>
        {campaign.name}（{formatDate(campaign.startsOn)} 至 {formatDate(campaign.endsOn)}）
      </Text>
      <FigureRow name='campaign-inScope' label='应核查' value={`${t.inScope} 户`} raw={t.inScope} />
      <FigureRow name='campaign-checked' label='已核查' value={`${t.checked} 户`} raw={t.checked} />
      <FigureRow name='campaign-kept' label='保留在档' value={`${t.kept} 户`} raw={t.kept} />
      <FigureRow name='campaign-proposed' label='提出脱困注销' value={`${t.proposedDeregistration} 户`} raw={t.proposedDeregistration} />
    </View>
  )
}

/** 联系超期: filed households their cadre has not been in touch with for too long, longest first. */
export function OverdueSection({ d }: DashSectionProps) {
  const names = d.overdueHouseholds
  return (
    <View className='card' data-section='overdue' data-count={d.overdueCount}>
      <Text className='card__title'>联系超期（{d.overdueCount} 户）</Text>
      {d.overdueCount === 0 && <Text className='dash-note'>期末没有联系超期的家庭</Text>}
      {d.overdueCount > d.overdueContacts.length && <Text className='dash-note'>下面是未联系最久的 {d.overdueContacts.length} 户</Text>}
      {d.overdueContacts.map((o) => {
        const h = names[o.householdId]
        return (
          <View key={o.householdId} className='dash-overdue' data-household={o.householdId} hoverClass='dash-overdue--pressed' onClick={() => void Taro.navigateTo({ url: ROUTES.household(o.householdId) })}>
            <Text className='dash-overdue__name'>{h ? `${h.headNameMasked} · ${h.number}` : '查看家庭档案'}</Text>
            <Text className='dash-note'>
              {h ? `${h.unitName} · ` : ''}
              {o.lastContactOn ? `最近联系 ${formatDate(o.lastContactOn)}` : '建档后未联系'} · 已 {o.daysSince} 天
            </Text>
          </View>
        )
      })}
    </View>
  )
}
