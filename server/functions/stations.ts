import { findNearby, getStation } from '../usecases/find-stations'
import { exportStations, importStations } from '../usecases/import-stations'
import { closeStation, createStation, listStations, updateStation } from '../usecases/manage-stations'
import { listReports, reportProblem, resolveReport } from '../usecases/station-reports'
import { defineFunction } from './define'

/** Finding help for everyone signed in; managing stations and the review list of reports for admins. */
export const stations = defineFunction('stations', {
  nearby: findNearby,
  get: getStation,
  reportProblem: (deps, actor, input, ctx) => reportProblem(deps, actor, input, ctx.requestId),
  create: (deps, actor, input, ctx) => createStation(deps, actor, input, ctx.requestId),
  update: updateStation,
  close: closeStation,
  import: (deps, actor, input, ctx) => importStations(deps, actor, input, ctx.requestId),
  export: exportStations,
  list: listStations,
  listReports,
  resolveReport,
})
