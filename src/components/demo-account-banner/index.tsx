/** In WeChat the identity is the user's own: there is no demo account to show. */
export default function DemoAccountBanner() {
  return null
}
