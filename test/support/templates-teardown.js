/** Jest's global teardown: removes the template folder its global setup made (not one `npm test` made). */
const { rmSync } = require('node:fs')

module.exports = async () => {
  if (process.env.LANTIAN_TEST_TEMPLATES_OWNER !== String(process.pid)) return
  rmSync(process.env.LANTIAN_TEST_TEMPLATES, { recursive: true, force: true })
  delete process.env.LANTIAN_TEST_TEMPLATES
  delete process.env.LANTIAN_TEST_TEMPLATES_OWNER
}
