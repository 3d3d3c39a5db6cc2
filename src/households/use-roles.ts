import { useEffect, useState } from 'react'
import type { Role } from '@/domain/roles'
import { api } from '@/api'

/** The caller's roles, empty until known (the server checks every call anyway). */
export function useRoles(): Role[] {
  const [roles, setRoles] = useState<Role[]>([])
  useEffect(() => {
    let live = true
    void api.account.me().then((r) => live && r.ok && setRoles(r.data.roles))
    return () => {
      live = false
    }
  }, [])
  return roles
}
