import { createInvitation, listInvitations, revokeInvitation } from '../usecases/admin/invitations'
import { deactivateStaff, listStaff, setStaffRoles } from '../usecases/admin/staff'
import { createUnit, listUnits, moveUnit, renameUnit } from '../usecases/admin/units'
import { closePersonRequest, listPersonRequests, openPersonRequest } from '../usecases/lifecycle/person-requests'
import { defineFunction } from './define'

/**
 * Running the union: its tree, staff invitations and staff roles (admins only), and people's
 * requests about their data (the aid centre too), each within the actor's jurisdiction (the use
 * cases check it). A function of its own, so its permissions and cold start
 * stay apart from the workers' functions; a worker's redemption of a code is `account.redeemInvitation`.
 */
export const admin = defineFunction('admin', {
  units: listUnits,
  createUnit,
  renameUnit,
  moveUnit,
  createInvitation,
  listInvitations,
  revokeInvitation,
  listStaff,
  setStaffRoles,
  deactivateStaff,
  openPersonRequest,
  closePersonRequest,
  listPersonRequests,
})
