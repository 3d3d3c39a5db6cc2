/** Claim keys: one open application per worker, and per ID number. */
export const openApplicationOf = (openid: string) => `open-application:applicant:${openid}`
export const openApplicationForId = (idHash: string) => `open-application:id:${idHash}`
/** One household file per person (by the ID number's keyed hash): filed, or deregistered and kept for a later re-filing. */
export const householdOf = (idHash: string) => `household:${idHash}`
