import { randomBytes } from 'node:crypto'
import type { StaffRole } from '../../src/domain'

/** A demo identity offered by the local sign-in page. */
export interface DemoAccount {
  key: string
  label: string
  name: string
  /** Staff binding seeded for it; none for workers. */
  staff?: { unitId: string; roles: StaffRole[] }
  /** A fresh identity each sign-in, to try the app as a brand-new worker. */
  fresh?: boolean
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { key: 'worker', label: '职工', name: '张师傅' },
  { key: 'new-worker', label: '新职工（每次都是新用户）', name: '新职工', fresh: true },
  { key: 'caseworker', label: '工会工作人员（弥阳街道）', name: '李娟', staff: { unitId: 'unit-532504001', roles: ['caseworker'] } },
  { key: 'admin', label: '市总工会管理员', name: '赵强', staff: { unitId: 'unit-root', roles: ['admin', 'reviewer'] } },
]

/** The identity a demo sign-in gives. */
export function demoIdentity(account: DemoAccount): { sub: string; name: string } {
  if (account.fresh) return { sub: `demo-new-${randomBytes(6).toString('hex')}`, name: account.name }
  return { sub: `demo-${account.key}`, name: account.name }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The sign-in page: plain HTML served by the local server only, never part of the mini-program; `error` says why a sign-in was refused. */
export function demoLoginPage(next: string, error?: { code: string; message: string }): string {
  const buttons = DEMO_ACCOUNTS.map(
    (a) => `<button type="submit" name="account" value="${a.key}" data-account="${a.key}"><b>${escapeHtml(a.name)}</b><span>${escapeHtml(a.label)}</span></button>`,
  ).join('\n')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>蓝天帮扶 · 演示登录</title>
<style>
body{margin:0;font:18px/1.5 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;background:#eef5fc;color:#1d2b3a}
main{max-width:440px;margin:0 auto;padding:24px 16px}
h1{font-size:26px;margin:8px 0 4px;color:#1565c0}
.notice{background:#fff4e5;border:1px solid #f0b45b;border-radius:10px;padding:12px 14px;font-size:16px;margin:16px 0}
form{display:grid;gap:12px}
button{display:flex;flex-direction:column;align-items:flex-start;gap:2px;min-height:64px;padding:12px 16px;border:1px solid #c7d9ee;border-radius:12px;background:#fff;font:inherit;text-align:left;cursor:pointer}
button:focus,button:hover{border-color:#1565c0;outline:2px solid #1565c0}
button span{font-size:15px;color:#5b6b7b}
.error{background:#fdecea;border:1px solid #e57373;border-radius:10px;padding:12px 14px;color:#b71c1c}
</style></head>
<body><main>
<h1>蓝天帮扶</h1>
<p>本地演示模式</p>
${error ? `<p class="error" role="alert" data-code="${escapeHtml(error.code)}">${escapeHtml(error.message)}</p>` : ''}
<div class="notice" role="note">这是<b>本地演示登录</b>，只在本地运行模式下提供。在微信小程序中，身份由微信自动识别，没有此页面。</div>
<form method="post" action="/demo-login">
<input type="hidden" name="next" value="${escapeHtml(next)}">
${buttons}
</form>
</main></body></html>`
}

/** Anything a browser strips from a URL or reads as a separator: C0 controls, space, DEL, C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0020\u007f-\u009f]/

const localPath = (p: string) => p.startsWith('/') && !p.includes('//') && !p.includes('\\') && !CONTROL.test(p)

/**
 * Only a path of this site may be a redirect target after sign-in: printable ASCII (as a browser
 * sends `location.pathname + location.hash`) starting with one `/`, with no `//`, backslash or
 * control character, as given and once more decoded (a browser drops a tab, so `/\t/evil.example`
 * would be `//evil.example`, another site).
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !/^[\x21-\x7e]+$/.test(next) || !localPath(next)) return '/'
  let decoded: string
  try {
    decoded = decodeURIComponent(next)
  } catch {
    return '/'
  }
  return localPath(decoded) && new URL(next, 'http://local').origin === 'http://local' ? next : '/'
}
