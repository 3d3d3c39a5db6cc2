import { findNearby, getStation } from '../usecases/stations/find-stations'
import { exportStations, importStations } from '../usecases/stations/import-stations'
import { closeStation, createStation, listStations, updateStation } from '../usecases/stations/manage-stations'
import { listReports, reportProblem, resolveReport } from '../usecases/stations/station-reports'
import { defineFunction } from './define'

/** Finding help for everyone signed in; managing stations and the review list of reports for admins. */
export const stations = defineFunction('stations', {
  nearby: { roles: ['worker'], run: findNearby },
  get: { roles: ['worker'], run: getStation },
  reportProblem: { roles: ['worker'], run: reportProblem },
  create: { roles: ['admin'], run: createStation },
  update: { roles: ['admin'], run: updateStation },
  close: { roles: ['admin'], run: closeStation },
  import: { roles: ['admin'], run: importStations },
  export: { roles: ['admin'], run: exportStations },
  list: { roles: ['admin'], run: listStations },
  listReports: { roles: ['admin'], run: listReports },
  resolveReport: { roles: ['admin'], run: resolveReport },
})
