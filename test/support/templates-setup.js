/**
 * Jest's global setup: a folder for this run's test templates (test/support/demo-template.ts), unless
 * `npm test` made one for all its phases. Workers inherit the variable.
 */
const { mkdtempSync } = require('node:fs')
const { tmpdir } = require('node:os')
const { join } = require('node:path')

module.exports = async () => {
  if (process.env.LANTIAN_TEST_TEMPLATES) return
  process.env.LANTIAN_TEST_TEMPLATES = mkdtempSync(join(tmpdir(), 'lantian-templates-'))
  process.env.LANTIAN_TEST_TEMPLATES_OWNER = String(process.pid)
}
