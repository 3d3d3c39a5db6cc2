/**
 * jsdom for miniprogram-simulate's rendering, plus the Node globals jsdom lacks that the server
 * side of the suite needs in the same process (the handlers answer wx.cloud.callFunction here).
 */
const util = require('node:util')
const JsdomEnvironment = require('jest-environment-jsdom').TestEnvironment

class WeappEnvironment extends JsdomEnvironment {
  async setup() {
    await super.setup()
    Object.assign(this.global, { TextDecoder: util.TextDecoder, TextEncoder: util.TextEncoder, setImmediate, clearImmediate, structuredClone })
  }
}

module.exports = WeappEnvironment
