import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import DemoAccountBanner from '@/components/demo-account-banner'
import EntryTile from '@/components/entry-tile'
import LargeTextSwitch from '@/components/large-text-switch'
import { pressable } from '@/components/pressable'
import { api } from '@/api'
import { useAfterFirstPaint } from '@/hooks/use-after-first-paint'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { useOnShow } from '@/hooks/use-on-show'
import { afterPaint } from '@/platform/after-paint'
import { ROUTES } from '@/routes'
import './index.css'

interface Entry {
  key: string
  title: string
  description: string
  glyph: string
  /** Where it leads. */
  url: string
}

const ENTRIES: Entry[] = [
  { key: 'self-check', title: '困难自测', description: '看看是否符合帮扶条件', glyph: '测', url: ROUTES.selfCheck },
  { key: 'apply', title: '申请帮扶', description: '在线填写帮扶申请', glyph: '申', url: ROUTES.applyForm },
  { key: 'my-applications', title: '我的申请', description: '查看申请办理进度', glyph: '我', url: ROUTES.myApplications },
  { key: 'messages', title: '消息通知', description: '申请办理的每一步都会通知您', glyph: '信', url: ROUTES.messages },
  { key: 'stations', title: '附近驿站', description: '查找工会服务站和户外劳动者驿站', glyph: '站', url: ROUTES.stations },
  { key: 'notices', title: '公示信息', description: '查看正在公示的帮扶对象', glyph: '公', url: ROUTES.notices },
]

/** Shown to caseworkers and reviewers, first: their daily work. */
const STAFF_ENTRY: Entry = { key: 'review-queue', title: '审核工作台', description: '初审、入户调查、核对、公示和建档', glyph: '审', url: ROUTES.reviewQueue() }

/** Shown to reviewers: the payments waiting for a second person, counted on the tile. */
const APPROVAL_ENTRY: Entry = { key: 'pending-ledger', title: '资金审批', description: '审批他人登记的帮扶资金发放和冲正', glyph: '批', url: ROUTES.pendingLedger }

/** Shown to reviewers and admins: people's requests about their personal data, with their deadlines. */
const REQUESTS_ENTRY: Entry = { key: 'person-requests', title: '个人信息请求', description: '登记和答复本人查阅、更正、删除个人信息的请求', glyph: '权', url: ROUTES.adminRequests }

/** Shown to every staff member (caseworker, reviewer, admin): the filed households and the figures. */
const HOUSEHOLD_ENTRIES: Entry[] = [
  { key: 'households', title: '建档家庭', description: '帮扶措施、资金发放、结对联系和户户清', glyph: '档', url: ROUTES.households },
  { key: 'dashboard', title: '工作统计', description: '在档家庭、帮扶资金和服务阵地的统计', glyph: '统', url: ROUTES.dashboard },
]

/** Shown to admins only (the server checks the role on every call anyway). */
const ADMIN_ENTRIES: Entry[] = [
  { key: 'admin-stations', title: '站点管理', description: '维护站点信息，处理群众报告的问题', glyph: '管', url: ROUTES.adminStations },
  { key: 'admin-units', title: '组织与人员', description: '管理工会组织，邀请和管理工作人员', glyph: '组', url: ROUTES.adminUnits() },
  { key: 'budgets', title: '资金预算', description: '按单位、年度和资金来源设置帮扶资金预算', glyph: '预', url: ROUTES.budgets },
]

/**
 * Tiles drawn in the first frame: as many as a phone shows above the fold (five on a 390 x 844
 * screen in normal text, four in large text); the rest, the help line and the staff link follow
 * right after the first paint.
 */
const FIRST_SCREEN_TILES = 5

/**
 * The first screen: what the service is, the large-text switch first, then the things a worker
 * can do. Who is signed in (one `me` call, shared with the demo line) and the counts are asked
 * for after the first paint; staff tiles join the list when the reply says so.
 */
export default function HomePage() {
  const [largeText, setLargeText] = useLargeText()
  const painted = useAfterFirstPaint()
  const [unread, setUnread] = useState(0)
  const [displayName, setDisplayName] = useState<string>()
  const [roles, setRoles] = useState<readonly string[]>([])
  const [approvable, setApprovable] = useState(0)

  useOnShow(() =>
    afterPaint(() => {
      void api.account.unreadCount().then((r) => r.ok && setUnread(r.data.count))
      void api.account.me().then((r) => {
        setRoles(r.ok ? r.data.roles : [])
        setDisplayName(r.ok ? r.data.displayName : undefined)
        if (r.ok && r.data.roles.includes('reviewer')) void api.households.pendingLedger({ pageSize: 1 }).then((p) => p.ok && setApprovable(p.data.approvable))
      })
    }),
  )

  const isAdmin = roles.includes('admin')
  const isReviewer = roles.includes('reviewer')
  const isStaff = isReviewer || roles.includes('caseworker')
  const entries = [...(isStaff ? [STAFF_ENTRY] : []), ...(isReviewer ? [APPROVAL_ENTRY] : []), ...(isStaff || isAdmin ? HOUSEHOLD_ENTRIES : []), ...ENTRIES, ...(isAdmin ? ADMIN_ENTRIES : []), ...(isReviewer || isAdmin ? [REQUESTS_ENTRY] : [])]

  return (
    <View className={pageClass(largeText, 'home')}>
      <View className='home__hero'>
        <Text className='home__title'>蓝天帮扶</Text>
        <Text className='home__intro'>困难职工在线申请帮扶，随时查看办理进度</Text>
      </View>
      <LargeTextSwitch on={largeText} onChange={setLargeText} />
      <DemoAccountBanner displayName={displayName} />
      <View className='home__entries'>
        {(painted ? entries : entries.slice(0, FIRST_SCREEN_TILES)).map((entry) => (
          <EntryTile
            key={entry.key}
            entry={entry.key}
            title={entry.title}
            description={entry.description}
            glyph={entry.glyph}
            badge={entry.key === 'messages' ? unread : entry.key === 'pending-ledger' ? approvable : 0}
            badgeUnit={entry.key === 'pending-ledger' ? '笔待审批' : undefined}
            onTap={() => void Taro.navigateTo({ url: entry.url })}
          />
        ))}
      </View>
      {painted && (
        <>
          <Text className='home__help'>如需帮助，请联系所在单位工会</Text>
          <Text className='home__staff-link' data-link='redeem' {...pressable(undefined, 'link')} onClick={() => void Taro.navigateTo({ url: ROUTES.redeem })}>
            工作人员绑定
          </Text>
        </>
      )}
    </View>
  )
}
