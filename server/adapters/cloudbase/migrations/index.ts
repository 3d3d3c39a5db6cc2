import { ledgerApproval } from './002-ledger-approval'
import { stationUnits } from './003-station-units'
import { keyVersions } from './006-key-versions'
import type { CloudbaseMigration } from './migration'

/** Every data migration, in the order they run; the lead merges the other branches' entries in. */
export const DATA_MIGRATIONS: readonly CloudbaseMigration[] = [ledgerApproval, stationUnits, keyVersions]
