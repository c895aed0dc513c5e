// Role assignments on the Application Insights component for one principal (see storage-role-assignments.bicep for
// why this is a module).

@description('Application Insights component the roles apply to.')
param applicationInsightsName string

@description('Object id of the principal.')
param principalId string

@description('Kind of principal.')
@allowed([
  'ServicePrincipal'
  'Group'
  'User'
])
param principalType string

@description('Built-in role definition ids (GUIDs) to assign at the Application Insights scope.')
param roleDefinitionIds array

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in roleDefinitionIds: {
    name: guid(applicationInsights.id, principalId, roleId)
    scope: applicationInsights
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]
