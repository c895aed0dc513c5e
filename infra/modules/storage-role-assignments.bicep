// Role assignments on the storage account for one principal. A module so that the principal id, known only once the
// identity exists, can go into the assignment's name: guid(scope, principal, role) is stable across redeployments.

@description('Storage account the roles apply to.')
param storageAccountName string

@description('Object id of the principal (managed identity, group or user).')
param principalId string

@description('Kind of principal; stating it avoids a replication-delay failure for identities created in the same deployment.')
@allowed([
  'ServicePrincipal'
  'Group'
  'User'
])
param principalType string

@description('Built-in role definition ids (GUIDs) to assign at the storage account scope.')
param roleDefinitionIds array

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in roleDefinitionIds: {
    name: guid(storage.id, principalId, roleId)
    scope: storage
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]
