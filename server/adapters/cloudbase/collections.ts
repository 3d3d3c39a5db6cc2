/** The collection names of the CloudBase database. */
export const APPLICATIONS = 'applications'
export const CLAIMS = 'claims'
export const COUNTERS = 'counters'
export const IDEMPOTENCY = 'idempotency'
export const AUDIT_EVENTS = 'audit_events'
export const STAFF = 'staff'
export const ORG_UNITS = 'org_units'
export const POLICIES = 'policies'
export const STATIONS = 'stations'
export const PROBLEM_REPORTS = 'problem_reports'
export const OUTBOX = 'outbox'
export const MESSAGES = 'messages'
export const INVITATIONS = 'invitations'
export const RATE_LIMITS = 'rate_limits'
export const HOUSEHOLDS = 'households'
export const MEASURES = 'measures'
/** The aid ledger's entries. */
export const DISBURSEMENTS = 'disbursements'
/** Aid budgets per unit, year and fund source. */
export const BUDGETS = 'budgets'
export const CONTACTS = 'contacts'
export const CAMPAIGNS = 'campaigns'
/** 户户清 checks, one per campaign and household. */
export const CHECKS = 'checks'
/** Subscribe-message acceptances per template and person. */
export const SUBSCRIPTIONS = 'subscriptions'
/** Client uploads awaiting registration. */
export const UPLOADS = 'uploads'
/** 电话联系 tasks, one per case. */
export const CALL_TASKS = 'call_tasks'

/** Every collection the backend uses, for the deploy plan. */
export const COLLECTIONS = [
  APPLICATIONS, CLAIMS, COUNTERS, IDEMPOTENCY, AUDIT_EVENTS, STAFF, ORG_UNITS, POLICIES, STATIONS, PROBLEM_REPORTS, OUTBOX, MESSAGES, INVITATIONS, RATE_LIMITS, HOUSEHOLDS,
  MEASURES, DISBURSEMENTS, BUDGETS, CONTACTS, CAMPAIGNS, CHECKS, SUBSCRIPTIONS, UPLOADS, CALL_TASKS,
] as const
