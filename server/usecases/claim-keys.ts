/** Claim keys: one open application per worker, and per ID number. */
export const openApplicationOf = (openid: string) => `open-application:applicant:${openid}`
export const openApplicationForId = (idHash: string) => `open-application:id:${idHash}`
