import { householdDashboardSuite } from './households-dashboard.suite'

householdDashboardSuite('sqlite')
