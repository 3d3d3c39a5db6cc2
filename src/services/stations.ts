import type { ActionInput } from '@/domain/api'
import { call } from './client'

/** The nearest stations to a GCJ-02 point (from `getLocation({ type: 'gcj02' })`), nearest first; pass `nextCursor` back as `cursor` for more. */
export function nearby(input: ActionInput<'stations', 'nearby'>) {
  return call('stations', 'nearby', input)
}

/** One station with whether it is open now. */
export function getStation(stationId: string) {
  return call('stations', 'get', { stationId })
}

/** 报告问题: tells the admins a station is closed, moved, has wrong hours, or something else. */
export function reportProblem(input: ActionInput<'stations', 'reportProblem'>, requestId: string) {
  return call('stations', 'reportProblem', input, { requestId })
}

/** Admin: creates a station; `requestId` keeps a retried tap from creating two. */
export function createStation(station: ActionInput<'stations', 'create'>['station'], requestId: string) {
  return call('stations', 'create', { station }, { requestId })
}

/** Admin: saves a station's details at the version the admin saw. */
export function updateStation(input: ActionInput<'stations', 'update'>) {
  return call('stations', 'update', input)
}

/** Admin: closes a station for good (`closed`) or for a while (`suspended`). */
export function closeStation(input: ActionInput<'stations', 'close'>) {
  return call('stations', 'close', input)
}

/** Admin: imports a CSV or XLSX file (base64); a dry run (the default) only reports. */
export function importStations(input: ActionInput<'stations', 'import'>, requestId: string) {
  return call('stations', 'import', input, { requestId })
}

/** Admin: every station as a CSV or XLSX file (base64) in the import's columns. */
export function exportStations(format: 'csv' | 'xlsx') {
  return call('stations', 'export', { format })
}

/** Admin: every station, closed ones too, a page at a time. */
export function listStations(page: number, pageSize = 20) {
  return call('stations', 'list', { page, pageSize })
}

/** Admin: the review list of problem reports, newest first. */
export function listReports(input: ActionInput<'stations', 'listReports'> = {}) {
  return call('stations', 'listReports', input)
}

/** Admin: closes a report as handled (`resolved`) or not acted on (`rejected`). */
export function resolveReport(input: ActionInput<'stations', 'resolveReport'>) {
  return call('stations', 'resolveReport', input)
}
