// The user-assigned managed identity the Function App runs as. User-assigned rather than system-assigned so that its
// role assignments exist before the app starts (no first-boot race) and survive a delete-and-recreate of the app.

@description('Name of the managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
