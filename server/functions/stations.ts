import { findNearby, getStation } from '../usecases/stations/find-stations'
import { exportStations } from '../usecases/stations/import-stations'
import { importStationsFile, prepareImport } from '../usecases/stations/import-file'
import { closeStation, createStation, listStations, updateStation } from '../usecases/stations/manage-stations'
import { listReports, reportProblem, resolveReport } from '../usecases/stations/station-reports'
import { defineFunction } from './define'

/** Finding help for everyone signed in; managing stations and the review list of reports for admins. */
export const stations = defineFunction('stations', {
  nearby: findNearby,
  get: getStation,
  reportProblem,
  create: createStation,
  update: updateStation,
  close: closeStation,
  prepareImport,
  import: importStationsFile,
  export: exportStations,
  list: listStations,
  listReports,
  resolveReport,
})
