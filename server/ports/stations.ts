/** Stations and the workers' reports of wrong details. */
import type { GeoPoint } from '../../src/domain/geo'
import type { AidLevel, Amenity, ProblemKind, ReportStatus, Station, StationKind, StationStatus } from '../../src/domain/station'
import type { PageRequest } from './shared'

/** A station as stored: the domain record, its point in GCJ-02. */
export type StationRecord = Station

/** What `nearby` looks for: within `radiusM` of `point`, of these kinds, offering every listed amenity. */
export interface NearbyQuery {
  point: GeoPoint
  radiusM: number
  /** Empty or absent: every kind. */
  kinds?: readonly StationKind[]
  /** A station must offer all of them. */
  amenities?: readonly Amenity[]
  /** Empty or absent: every status. */
  statuses?: readonly StationStatus[]
  offset: number
  limit: number
}

export interface StationRepository {
  /** Creates or replaces the station with this id. Fails when another station holds its externalId. */
  upsert(rec: StationRecord): Promise<void>
  get(id: string): Promise<StationRecord | null>
  /** A query: not available inside a CloudBase transaction. */
  byExternalId(externalId: string): Promise<StationRecord | null>
  /** The stations holding any of these external ids, in no order. A query, like `byExternalId`. */
  byExternalIds(externalIds: readonly string[]): Promise<StationRecord[]>
  /**
   * Stations within the radius, nearest first (equal distances by id where the store can),
   * with their great-circle distance in metres; `offset`/`limit` page through that order.
   * A query: not available inside a CloudBase transaction.
   */
  nearby(query: NearbyQuery): Promise<{ station: StationRecord; distanceM: number }[]>
  /**
   * Every station in id order, or those of these units (at most 1000), a page at a time (lists, export);
   * with `search`, only those whose name or address contains it (case aside). A query.
   */
  list(page: PageRequest, unitIds?: readonly string[], search?: string): Promise<StationRecord[]>
  /**
   * Up to `limit` stations of the units under `under` (however many; null: every station), in id
   * order after `after` (null: from the first); with `search`, only those whose name or address
   * contains it (case aside). A query.
   */
  listUnder(under: string | null, after: string | null, limit: number, search?: string): Promise<StationRecord[]>
  /** How many stations `listUnder` finds. A query. */
  countUnder(under: string | null, search?: string): Promise<number>
  /** How many stations of each kind are not closed (the dashboard). A query. */
  countByKind(): Promise<Record<StationKind, number>>
  /** How many aid service stations of each level of the four-level network are not closed (the dashboard). A query. */
  countAidByLevel(): Promise<Record<AidLevel, number>>
}

/** A worker's report that a station's details are wrong (报告问题), for the admins' review list. */
export interface ProblemReportRecord {
  id: string
  stationId: string
  /** The station's name when reported, so the list reads well after a rename. */
  stationName: string
  /** The station's unit when reported: whose admins resolve it. */
  unitId: string
  problem: ProblemKind
  note: string
  reporterOpenid: string
  status: ReportStatus
  version: number
  createdAt: string
  decidedAt: string | null
  decidedBy: string | null
  decisionNote: string
}

export interface ProblemReportRepository {
  insert(rec: ProblemReportRecord): Promise<void>
  get(id: string): Promise<ProblemReportRecord | null>
  /** Writes `rec` when the stored version is `expectedVersion`; false when it is stale or missing. */
  update(rec: ProblemReportRecord, expectedVersion: number): Promise<boolean>
  /** Reports with this status, of these units when given (at most 1000), newest first, and how many there are. A query. */
  list(status: ReportStatus, page: PageRequest, unitIds?: readonly string[]): Promise<{ items: ProblemReportRecord[]; total: number }>
  /**
   * Up to `limit` reports with this status on the stations of the units under `under` (however
   * many), newest first, after (`createdAt`, `id`) of the last one shown (null: from the first). A query.
   */
  listUnder(status: ReportStatus, under: string, after: { createdAt: string; id: string } | null, limit: number): Promise<ProblemReportRecord[]>
  /** How many reports with this status are on the stations of the units under `under`. A query. */
  countUnder(status: ReportStatus, under: string): Promise<number>
}
