import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { startLocalApp } from './app'
import { readLocalConfig } from './config'
import { DEMO_ACCOUNTS } from './demo'

/** `npm start`: builds the H5 app when it is missing, then serves it and the functions on loopback. */
async function main(): Promise<void> {
  const config = readLocalConfig()
  if (!existsSync(join(config.webRoot, 'index.html'))) {
    console.log('H5 build not found: building it once (npm run build:h5)...')
    const build = spawnSync('npm', ['run', 'build:h5'], { stdio: 'inherit' })
    if (build.status !== 0) throw new Error('npm run build:h5 failed')
  }
  const app = await startLocalApp(config)
  console.log(`\n蓝天帮扶 local mode (SQLite in ${config.dataDir}${app.seeded ? ', demo data created' : ''})`)
  console.log(`Open ${app.url}/`)
  console.log('Demo sign-in (local mode only):')
  for (const a of DEMO_ACCOUNTS) console.log(`  - ${a.name}: ${a.label}`)
  const stop = () => void app.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
