/** The collection names of the CloudBase database. */
export const APPLICATIONS = 'applications'
export const CLAIMS = 'claims'
export const COUNTERS = 'counters'
export const IDEMPOTENCY = 'idempotency'
export const AUDIT_EVENTS = 'audit_events'
export const STAFF = 'staff'
export const ORG_UNITS = 'org_units'

/** Every collection the backend uses, for the deploy plan. */
export const COLLECTIONS = [APPLICATIONS, CLAIMS, COUNTERS, IDEMPOTENCY, AUDIT_EVENTS, STAFF, ORG_UNITS] as const
