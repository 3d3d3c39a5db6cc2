import type { Migration } from './migrations'

/**
 * A campaign's entries (`where` picks the campaigns `c`): 'scope' at each scope unit, and 'under'
 * every unit on the path of a scope unit, itself included (a unit not in the tree is its own path),
 * once each (no conflict clause: a statement that fires a trigger may override it).
 */
const scopeEntries = (where: string) => `
  INSERT INTO campaign_entries (kind, unit_id, starts_on, campaign_id)
    SELECT DISTINCT 'scope', s.value, c.starts_on, c.id FROM campaigns c, json_each(c.doc, '$.unitIds') s WHERE ${where};`
const underEntries = (where: string) => `
  INSERT INTO campaign_entries (kind, unit_id, starts_on, campaign_id)
    SELECT DISTINCT 'under', coalesce(p.value, s.value), c.starts_on, c.id
    FROM campaigns c JOIN json_each(c.doc, '$.unitIds') s LEFT JOIN org_units o ON o.id = s.value LEFT JOIN json_each(o.doc, '$.path') p
    WHERE ${where};`
const entriesOf = (where: string) => scopeEntries(where) + underEntries(where)

/** The campaigns whose scope holds the unit NEW (a unit moved or created): their 'under' entries again. */
const ofScopeUnit = `
  DELETE FROM campaign_entries WHERE kind = 'under' AND campaign_id IN (SELECT campaign_id FROM campaign_entries WHERE kind = 'scope' AND unit_id = NEW.id);
  ${underEntries("c.id IN (SELECT campaign_id FROM campaign_entries WHERE kind = 'scope' AND unit_id = NEW.id)")}`

/**
 * Migration 52 (issue 14): the 户户清 campaigns that concern a jurisdiction of any size. The list
 * read every campaign (at most 1,000) and kept those whose scope overlaps the caller's subtree;
 * now a campaign keeps an entry under every unit on its scope units' paths (the campaigns of units
 * under the caller) and one at each scope unit (the campaigns of a unit above the caller), so a page
 * is one index range under the caller plus one at each unit above (a path's few levels), newest
 * first. Triggers keep the entries as campaigns are written and units move; existing campaigns
 * are filed here.
 */
export const CAMPAIGN_LISTS_MIGRATION: Migration = {
  version: 52,
  name: 'campaigns as entries under every unit on their scope units paths',
  sql: `
    CREATE TABLE campaign_entries (
      kind TEXT NOT NULL, unit_id TEXT NOT NULL, starts_on TEXT NOT NULL, campaign_id TEXT NOT NULL,
      PRIMARY KEY (kind, unit_id, starts_on, campaign_id)
    ) WITHOUT ROWID;
    CREATE INDEX campaign_entries_of ON campaign_entries (campaign_id);
    CREATE TRIGGER campaigns_listed AFTER INSERT ON campaigns BEGIN ${entriesOf('c.id = NEW.id')} END;
    CREATE TRIGGER campaigns_relisted AFTER UPDATE ON campaigns
      WHEN OLD.starts_on IS NOT NEW.starts_on OR json_extract(OLD.doc, '$.unitIds') IS NOT json_extract(NEW.doc, '$.unitIds') BEGIN
      DELETE FROM campaign_entries WHERE campaign_id = OLD.id;
      ${entriesOf('c.id = NEW.id')}
    END;
    CREATE TRIGGER campaigns_unlisted AFTER DELETE ON campaigns BEGIN DELETE FROM campaign_entries WHERE campaign_id = OLD.id; END;
    CREATE TRIGGER org_units_created_campaigns AFTER INSERT ON org_units BEGIN ${ofScopeUnit} END;
    CREATE TRIGGER org_units_moved_campaigns AFTER UPDATE OF path_key ON org_units WHEN OLD.path_key IS NOT NEW.path_key BEGIN ${ofScopeUnit} END;
    ${entriesOf('1')}
  `,
}
