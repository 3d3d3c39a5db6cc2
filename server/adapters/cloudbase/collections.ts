/** The collection names of the CloudBase database. */
export const APPLICATIONS = 'applications'
export const CLAIMS = 'claims'
export const COUNTERS = 'counters'
export const IDEMPOTENCY = 'idempotency'
export const AUDIT_EVENTS = 'audit_events'
/** The newest event of each audit stream (a hint: the events themselves are the record). */
export const AUDIT_HEADS = 'audit_heads'
/** Anchors of the audit streams' heads. */
export const AUDIT_ANCHORS = 'audit_anchors'
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
/** How many pending ledger entries each person recorded in each unit (ledger-tallies.ts). */
export const LEDGER_TALLIES = 'ledger_tallies'
/** Aid budgets per unit, year and fund source. */
export const BUDGETS = 'budgets'
export const CONTACTS = 'contacts'
export const CAMPAIGNS = 'campaigns'
/** 户户清 checks, one per campaign and household. */
export const CHECKS = 'checks'
/** Evidence photos of households (户户清 items answered 有变化, deregistration proposals). */
export const HOUSEHOLD_EVIDENCE = 'household_evidence'
/** Subscribe-message acceptances per template and person. */
export const SUBSCRIPTIONS = 'subscriptions'
/** Client uploads awaiting registration. */
export const UPLOADS = 'uploads'
/** Exports written in parts (export-jobs.ts), one document per job. */
export const EXPORT_JOBS = 'export_jobs'
/** 电话联系 tasks, one per case. */
export const CALL_TASKS = 'call_tasks'

/** The data migrations applied by deploy, their saved progress, and the lock of the deploy running them. */
export const MIGRATION_RECORDS = 'data_migrations'
/** Open and closed runs of `npm run smoke:cloud`: their test identities and what each removed. */
export const SMOKE_RUNS = 'smoke_runs'

/** People's requests about their data (copy, correction, deletion, restriction) and their deadlines. */
export const PERSON_REQUESTS = 'person_requests'

/** The dashboard's figures: one document per unit and month (its subtree's cells). */
export const FIGURE_ROWS = 'figure_rows'
/** Each household's contribution last folded into `figure_rows`. */
export const FIGURE_SNAPSHOTS = 'figure_snapshots'
/** Households written since their last fold, one document per write (the timer folds them). */
export const FIGURE_MARKS = 'figure_marks'

/** Each household's contact days and overdue spells as last written (`overdue_spells` follows it). */
export const CONTACT_CLOCKS = 'contact_clocks'
/** Spells of days at whose end a household is overdue for contact, one document each, under its unit's path. */
export const OVERDUE_SPELLS = 'overdue_spells'
/** Spells of time a household is on file (a campaign's scope counts them), one document each, under its unit's path. */
export const FILED_SPELLS = 'filed_spells'

/** Every collection the backend uses, for the deploy plan. */
export const COLLECTIONS = [
  APPLICATIONS, CLAIMS, COUNTERS, IDEMPOTENCY, AUDIT_EVENTS, AUDIT_HEADS, AUDIT_ANCHORS, STAFF, ORG_UNITS, POLICIES, STATIONS, PROBLEM_REPORTS, OUTBOX, MESSAGES, INVITATIONS, RATE_LIMITS, HOUSEHOLDS,
  MEASURES, DISBURSEMENTS, BUDGETS, CONTACTS, CAMPAIGNS, CHECKS, HOUSEHOLD_EVIDENCE, SUBSCRIPTIONS, UPLOADS, MIGRATION_RECORDS, SMOKE_RUNS,
  PERSON_REQUESTS, CALL_TASKS, FIGURE_ROWS, FIGURE_SNAPSHOTS, FIGURE_MARKS, EXPORT_JOBS, CONTACT_CLOCKS, OVERDUE_SPELLS, FILED_SPELLS,
  LEDGER_TALLIES,
] as const

