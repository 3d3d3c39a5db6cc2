import type { ActionInput } from '@/domain/api'
import type { StaffRole } from '@/domain/roles'
import { call } from './client'

/*
 * The `admin` function: the union tree, staff invitations and staff roles, within the admin's
 * jurisdiction. Station administration is in `stations.ts`. Imported from the admin subpackage only.
 */

/** A unit (default: the admin's own) with its children and the breadcrumb down to it. */
export function getUnits(unitId?: string) {
  return call('admin', 'units', unitId ? { unitId } : {})
}

/** Adds a unit under `parentId`. */
export function createUnit(parentId: string, name: string) {
  return call('admin', 'createUnit', { parentId, name })
}

/** Renames a unit at the version the admin saw. */
export function renameUnit(input: ActionInput<'admin', 'renameUnit'>) {
  return call('admin', 'renameUnit', input)
}

/** Moves a unit, with everything below it, under `parentId`, at the version the admin saw. */
export function moveUnit(input: ActionInput<'admin', 'moveUnit'>) {
  return call('admin', 'moveUnit', input)
}

/** A one-time code for one person; the reply is the only time the code is shown. */
export function createInvitation(unitId: string, roles: StaffRole[], displayName: string) {
  return call('admin', 'createInvitation', { unitId, roles, displayName })
}

/** Invitations of the jurisdiction (or a unit's subtree), newest first. */
export function listInvitations(page: number, pageSize = 20, unitId?: string) {
  return call('admin', 'listInvitations', unitId ? { page, pageSize, unitId } : { page, pageSize })
}

/** Withdraws an open code. */
export function revokeInvitation(invitationId: string) {
  return call('admin', 'revokeInvitation', { invitationId })
}

/** Staff of the jurisdiction (or a unit's subtree). */
export function listStaff(page: number, pageSize = 20, unitId?: string) {
  return call('admin', 'listStaff', unitId ? { page, pageSize, unitId } : { page, pageSize })
}

/** Replaces a staff member's roles at the version the admin saw. */
export function setStaffRoles(input: ActionInput<'admin', 'setStaffRoles'>) {
  return call('admin', 'setStaffRoles', input)
}

/** Takes a staff member's roles away for good (a new invitation binds them again). */
export function deactivateStaff(input: ActionInput<'admin', 'deactivateStaff'>) {
  return call('admin', 'deactivateStaff', input)
}
