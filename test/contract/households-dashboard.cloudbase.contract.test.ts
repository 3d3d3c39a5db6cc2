import { householdDashboardSuite } from './households-dashboard.suite'

householdDashboardSuite('cloudbase')
