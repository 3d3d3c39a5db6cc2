import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState, type ReactNode } from 'react'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import type { StaffRole } from '@/domain/roles'
import { ROUTES } from '@/routes'

const ADMIN_ONLY: readonly StaffRole[] = ['admin']

type Gate = { kind: 'checking' } | { kind: 'admin' } | { kind: 'refused'; message: string }

/**
 * Shows the admin pages to admins only (or to the `roles` a page names), and says plainly to anyone else that they are not one.
 * A convenience: every admin action is refused by the server to a non-admin anyway.
 */
export default function AdminGate({ children, roles = ADMIN_ONLY }: { children: ReactNode; roles?: readonly StaffRole[] }) {
  const [gate, setGate] = useState<Gate>({ kind: 'checking' })
  useEffect(() => {
    void api.account.me().then((r) => {
      if (!r.ok) return setGate({ kind: 'refused', message: r.error.message })
      setGate(r.data.roles.some((role) => roles.includes(role as StaffRole)) ? { kind: 'admin' } : { kind: 'refused', message: roles === ADMIN_ONLY ? '管理功能仅限工会管理员使用。您的账号不是管理员，如需开通请联系市总工会。' : '此功能仅限工会管理员和审核人员使用，如需开通请联系市总工会。' })
    })
  }, [roles])
  if (gate.kind === 'admin') return <>{children}</>
  if (gate.kind === 'checking') return <Text className='state-text'>正在确认您的权限…</Text>
  return (
    <View className='admin-refused' data-admin='refused'>
      <Text className='state-text'>{gate.message}</Text>
      <Button className='btn btn--secondary' onClick={() => void Taro.reLaunch({ url: ROUTES.home })}>
        返回首页
      </Button>
    </View>
  )
}

/** An admin page: the page frame (with the large-text mode) around the gate and its content. */
export function AdminPage({ className, roles, children }: { className: string; roles?: readonly StaffRole[]; children: ReactNode }) {
  const [largeText] = useLargeText()
  return (
    <View className={pageClass(largeText, className)}>
      <AdminGate roles={roles}>{children}</AdminGate>
    </View>
  )
}
