import { STATUS_NEXT_STEP } from '../../src/domain/application-status'
import { MILE_POLICY } from './seed'

// Issue 16: the worker reads one figure for the first stage, the one the demo policy's deadline counts.
test('the submitted stage says the working days of the demo policy, in the one wording used', () => {
  const said = /^等待基层工会初审，一般在(\d+)个工作日内开始$/.exec(STATUS_NEXT_STEP.submitted)
  expect(said).not.toBeNull()
  expect(Number(said![1])).toBe(MILE_POLICY.stageDeadlineDays.submitted)
})
