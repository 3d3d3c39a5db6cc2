/** Schema migrations, applied in order once each. Never edit a shipped one: add the next. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'applications, claims, counters, idempotency, audit, staff, units',
    sql: `
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        applicant_openid TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        status TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX applications_by_applicant ON applications (applicant_openid, created_at DESC);
      CREATE INDEX applications_by_unit_status ON applications (unit_id, status, updated_at);
      CREATE TABLE claims (key TEXT PRIMARY KEY, holder TEXT NOT NULL);
      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      CREATE TABLE idempotency (key TEXT PRIMARY KEY, reply TEXT NOT NULL, at TEXT NOT NULL);
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TABLE staff (openid TEXT PRIMARY KEY, doc TEXT NOT NULL);
      CREATE TABLE org_units (id TEXT PRIMARY KEY, parent_id TEXT, doc TEXT NOT NULL);
      CREATE INDEX org_units_by_parent ON org_units (parent_id);
    `,
  },
]
