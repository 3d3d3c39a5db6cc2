/** A failure the stand-in replies with as `{ code, message }`, so the SDK throws it. */
export class StandinError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The code node-sdk's `runTransaction` retries on (its ERRORS.DATABASE_TRANSACTION_CONFLICT). */
export const conflict = () => new StandinError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict: the document is being written elsewhere')

export const duplicate = (coll: string, index: string) => new StandinError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${coll} index: ${index}`)

/** What MongoDB says when a query needs an index it does not have (CloudBase passes it on as a failed request). */
export const noGeoIndex = (coll: string, field: string) =>
  new StandinError('DATABASE_REQUEST_FAILED', `error processing query: ns=${coll} GEONEAR field=${field} planner returned error :: caused by :: unable to find index for $geoNear query`)

export const requestFailed = (message: string) => new StandinError('DATABASE_REQUEST_FAILED', message)
