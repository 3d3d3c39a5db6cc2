import { desiredState } from '../../scripts/deploy/desired'
import { planChanges } from '../../scripts/deploy/plan'
import { COLLECTION_DECLARATIONS } from '../../server/adapters/cloudbase/schema'
import { deployCollections } from '../support/cloudbase-standin'
import { startStandin } from '.'
import { StandinTarget } from './deploy-target'

test('deploy creates every declared collection and index on a fresh stand-in, and nothing else; a second run has nothing to do', async () => {
  const standin = await startStandin()
  try {
    await deployCollections(standin)
    const schema = standin.schema()
    expect([...schema.keys()].sort()).toEqual(COLLECTION_DECLARATIONS.map((c) => c.name).sort())
    for (const c of COLLECTION_DECLARATIONS) {
      expect(schema.get(c.name)).toEqual([{ name: '_id_', keys: [['_id', 1]], unique: true }, ...c.indexes])
    }
    const desired = { ...desiredState({ envId: 'test-env', region: 'ap-shanghai', settings: {}, secrets: {}, codeHashes: null }), functions: [] }
    expect(planChanges(desired, await new StandinTarget(standin).describe(desired)).changes).toEqual([])

    standin.dropIndex('stations', 'location_geo')
    expect(planChanges(desired, await new StandinTarget(standin).describe(desired)).changes).toEqual([{ kind: 'index.create', collection: 'stations', index: 'location_geo' }])
  } finally {
    await standin.close()
  }
})
