import type { ExportJobRecord } from '../../server/ports'
import { runExportPart, type PartBudget } from '../../server/usecases/households/export-jobs'
import type { ExportedFile, ExportJobView } from '../../src/domain/api/households'
import type { HouseholdFixture } from './households'

/** Steps of the export job tests on the fixture `f()` gives: a job as stored, its parts to the end, its file. */
export function exportJobSteps(f: () => HouseholdFixture, budget: PartBudget) {
  const job = async (id: string): Promise<ExportJobRecord> => (await f().deps.store.repos.exportJobs.get(id))!
  return {
    job,
    /** Parts until the file is ready (each awaited), at most 20; what each said. */
    async finish(id: string): Promise<string[]> {
      const outcomes: string[] = []
      for (let i = 0; i < 20 && (await job(id)).state === 'running'; i++) outcomes.push(await runExportPart(f().deps, id, budget))
      return outcomes
    },
    /** A part that dies after its file is in the store, before its cursor is saved (the job's second write fails); the job as it left it. */
    async crashPart(id: string): Promise<ExportJobRecord> {
      const repo = f().deps.store.repos.exportJobs
      const update = repo.update.bind(repo)
      let writes = 0
      const crash = jest.spyOn(repo, 'update').mockImplementation(async (j) => (++writes === 2 ? Promise.reject(new Error('container stopped')) : update(j)))
      try {
        await expect(runExportPart(f().deps, id, budget)).rejects.toThrow('container stopped')
      } finally {
        crash.mockRestore()
      }
      return job(id)
    },
    fileOf: async (openid: string, jobId: string): Promise<ExportedFile> => (await f().ok<ExportJobView>(openid, 'exportStatus', { jobId })).file!,
  }
}
