/**
 * The built mini-program's size by package (`npm run build:weapp` first): the main package is every
 * file of dist/weapp outside the subpackage roots app.json lists, sourcemaps left out (what
 * `du -b` of those files says); each subpackage is its root. Prints `name=value` lines.
 * `npm run measure:weapp-packages [dir]`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

const dir = process.argv[2] ?? 'dist/weapp'
const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] }
const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))

/** Every file under `d`, sourcemaps left out. */
function* files(d: string): Generator<string> {
  for (const name of readdirSync(d)) {
    const path = join(d, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (!name.endsWith('.map')) yield path
  }
}

const bytes: Record<string, number> = { main: 0, ...Object.fromEntries(roots.map((r) => [r, 0])) }
for (const path of files(dir)) {
  const top = relative(dir, path).split(sep)[0]
  bytes[roots.includes(top) ? top : 'main'] += statSync(path).size
}
console.log(`weapp_main_package_bytes=${bytes.main}`)
for (const root of roots) console.log(`weapp_subpackage_${root}_bytes=${bytes[root]}`)
