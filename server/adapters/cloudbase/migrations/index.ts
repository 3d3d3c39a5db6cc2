import { ledgerApproval } from './002-ledger-approval'
import { stationUnits } from './003-station-units'
import { auditStreams } from './004-audit-streams'
import { invitationKinds } from './005-invitation-kinds'
import { keyVersions } from './006-key-versions'
import { dashboardFigures } from './007-dashboard-figures'
import { unitPaths } from './008-unit-paths'
import { endedMeasures } from './009-ended-measures'
import { formOnce } from './012-form-once'
import { itemChanged } from './015-item-changed'
import { unitLists } from './017-unit-lists'
import { overdueContacts } from './018-overdue-contacts'
import { personRequestLists } from './019-person-request-lists'
import { reportLists } from './020-report-lists'
import { ledgerLists } from './021-ledger-lists'
import { campaignLists } from './023-campaign-lists'
import { stationLists } from './024-station-lists'
import { ledgerTallies } from './029-ledger-tallies'
import { boundedPairs } from './030-bounded-pairs'
import type { CloudbaseMigration } from './migration'

/**
 * Every data migration of the CloudBase database, in the order `npm run deploy` runs them (ids
 * ascending; the runner checks). Add a new one at the end; never remove or renumber an entry.
 */
export const DATA_MIGRATIONS: readonly CloudbaseMigration[] = [ledgerApproval, stationUnits, auditStreams, invitationKinds, keyVersions, dashboardFigures, unitPaths, endedMeasures, formOnce, itemChanged, unitLists, overdueContacts, personRequestLists, reportLists, ledgerLists, campaignLists, stationLists, ledgerTallies, boundedPairs]
