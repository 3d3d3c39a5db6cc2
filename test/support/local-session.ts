/** Signs in to a running local server as a demo account, as the sign-in page does; the session cookie (`name=value`). */
export async function demoSignIn(baseUrl: string, account: string): Promise<string> {
  const res = await fetch(`${baseUrl}/demo-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
    body: `account=${account}&next=%2F`,
    redirect: 'manual',
  })
  return (res.headers.get('set-cookie') ?? '').split(';')[0]
}
