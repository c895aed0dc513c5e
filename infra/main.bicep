// Smart City Readiness Pipeline: one resource group holding a storage account, a Flex Consumption Function App that
// runs as a user-assigned managed identity, monitoring and alerts. No shared keys: every caller uses Entra ID.
//
// azd up                                    (reads main.parameters.json)
// az deployment group create -g <rg> -f infra/main.bicep -p environmentName=<name> [powerBiReadersPrincipalId=<id>]
// See README.md beside this file.
targetScope = 'resourceGroup'

@description('Name of the environment (e.g. prod, staging); it seeds resource names and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region for all resources; it must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Object id of the Entra group (or user) whose members read score tables and exports from Power BI. Empty skips their role assignments.')
param powerBiReadersPrincipalId string = ''

@description('Kind of principal powerBiReadersPrincipalId is.')
@allowed([
  'Group'
  'User'
])
param powerBiReadersPrincipalType string = 'Group'

@description('Object id of the operator running the deployment (azd passes AZURE_PRINCIPAL_ID). Gets table access to issue the first admin key. Empty skips it.')
param operatorPrincipalId string = ''

@description('Kind of principal operatorPrincipalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param operatorPrincipalType string = 'User'

@description('E-mail address that receives alerts; empty creates the alerts without notifications.')
param alertEmailAddress string = ''

@description('Client id of an Entra app registration for App Service Authentication in front of the API; empty leaves it off.')
param appServiceAuthClientId string = ''

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Upper bound on Function App instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per Function App instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Always-ready instances for the HTTP trigger group (0: scale from zero, the default). Each one is billed around the clock as a baseline; see infra/README.md, "Cold start and always-ready instances".')
@minValue(0)
@maxValue(40)
param httpAlwaysReadyInstances int = 0

@description('Failed invocations within 15 minutes above which the failure alert fires (0: any failure).')
@minValue(0)
param functionFailureThreshold int = 0

// Tunables, exposed as app settings under the names the application reads.
@description('Readiness__MaxUploadBytes: largest accepted upload (20 MiB).')
param maxUploadBytes int = 20971520

@description('Readiness__AsyncThresholdBytes: uploads above this (2 MiB) are queued and processed in the background.')
param asyncThresholdBytes int = 2097152

@description('Readiness__WriteParallelism: concurrent Table Storage batch writes.')
@minValue(1)
@maxValue(64)
param writeParallelism int = 8

@description('InboxSchedule: NCRONTAB schedule of the inbox scan (every 15 minutes).')
param inboxSchedule string = '0 */15 * * * *'

@description('ScoreSchedule: NCRONTAB schedule (UTC) of the nightly score run; 19:00 UTC is 02:00 WIB.')
param scoreSchedule string = '0 0 19 * * *'

@description('SourcesSchedule: NCRONTAB schedule of the published-CSV sources pass (hourly at minute 7).')
param sourcesSchedule string = '0 7 * * * *'

@description('Readiness__InboxSettleSeconds: an inbox blob must be unchanged this long before ingestion.')
param inboxSettleSeconds int = 120

@description('Readiness__AllowHttpSources: whether source URLs may use plain http.')
param allowHttpSources bool = false

@description('Readiness__TrustAppServiceAuth: trust the principal headers of App Service Authentication. Only safe while App Service Authentication fronts the app (appServiceAuthClientId).')
param trustAppServiceAuth bool = true

// Names of tables, containers and queues. They mirror Readiness.Core.StorageNames (src/Readiness.Core/StorageNames.cs),
// the one place the code takes them from; tests/Readiness.Infra.Tests fails when the two lists drift apart.
var tableNames = [
  'observations'
  'uploads'
  'regencies'
  'indicators'
  'scores'
  'indicatorscores'
  'scorestate'
  'sources'
  'apikeys'
  'qualityflags'
  'reviews'
  'observationhistory'
]
var containerNames = [
  'uploads'
  'inbox'
  'processed'
  'failed'
  'exports'
]
// Work queues and the poison queues the Functions host moves a message to after maxDequeueCount failed attempts.
var queueNames = [
  'upload-requests'
  'score-requests'
  'upload-requests-poison'
  'score-requests-poison'
]
var deploymentContainerName = 'app-package'

// Built-in role definition ids (the same in every tenant).
var roles = {
  // Storage Blob Data Owner: read, write, delete blobs and containers; the Functions host needs it for its leases,
  // timer locks and the Flex Consumption deployment package.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Storage Queue Data Contributor: send, receive, delete messages; queue triggers and poison queues.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Storage Table Data Contributor: read, write, delete entities and tables.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Storage Table Data Reader: read entities; what Power BI's Azure Table Storage connector needs.
  storageTableDataReader: '76199698-9eea-4c19-bc75-cec21354c6b6'
  // Storage Blob Data Reader: read blobs; the CSV and Parquet score exports.
  storageBlobDataReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  // Monitoring Metrics Publisher: send telemetry to Application Insights with an Entra token (local auth is off).
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var tags = {
  'azd-env-name': environmentName
  application: 'smart-city-readiness'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-readiness-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-readiness-${resourceToken}'
    applicationInsightsName: 'appi-readiness-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: 'streadiness${resourceToken}'
    location: location
    tags: tags
    skuName: storageSkuName
    tableNames: tableNames
    containerNames: containerNames
    queueNames: queueNames
    deploymentContainerName: deploymentContainerName
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
  }
}

module appStorageRoles 'modules/storage-role-assignments.bicep' = {
  name: 'app-storage-roles'
  params: {
    storageAccountName: storage.outputs.name
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionIds: [
      roles.storageBlobDataOwner
      roles.storageQueueDataContributor
      roles.storageTableDataContributor
    ]
  }
}

module appMonitoringRoles 'modules/monitoring-role-assignments.bicep' = {
  name: 'app-monitoring-roles'
  params: {
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionIds: [
      roles.monitoringMetricsPublisher
    ]
  }
}

module powerBiStorageRoles 'modules/storage-role-assignments.bicep' = if (!empty(powerBiReadersPrincipalId)) {
  name: 'powerbi-storage-roles'
  params: {
    storageAccountName: storage.outputs.name
    principalId: powerBiReadersPrincipalId
    principalType: powerBiReadersPrincipalType
    roleDefinitionIds: [
      roles.storageTableDataReader
      roles.storageBlobDataReader
    ]
  }
}

module operatorStorageRoles 'modules/storage-role-assignments.bicep' = if (!empty(operatorPrincipalId)) {
  name: 'operator-storage-roles'
  params: {
    storageAccountName: storage.outputs.name
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
    roleDefinitionIds: [
      roles.storageTableDataContributor
    ]
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  params: {
    name: 'func-readiness-${resourceToken}'
    planName: 'plan-readiness-${resourceToken}'
    location: location
    tags: tags
    appTags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobServiceUri: storage.outputs.blobEndpoint
    queueServiceUri: storage.outputs.queueEndpoint
    tableServiceUri: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    hostId: 'readiness-${resourceToken}'
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    httpAlwaysReadyInstances: httpAlwaysReadyInstances
    maxUploadBytes: maxUploadBytes
    asyncThresholdBytes: asyncThresholdBytes
    writeParallelism: writeParallelism
    inboxSchedule: inboxSchedule
    scoreSchedule: scoreSchedule
    sourcesSchedule: sourcesSchedule
    inboxSettleSeconds: inboxSettleSeconds
    allowHttpSources: allowHttpSources
    trustAppServiceAuth: trustAppServiceAuth
    appServiceAuthClientId: appServiceAuthClientId
  }
  // The app must not start before its identity can read its deployment package and reach its queues.
  dependsOn: [
    appStorageRoles
    appMonitoringRoles
  ]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: 'readiness-${resourceToken}'
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    logAnalyticsWorkspaceId: monitoring.outputs.logAnalyticsWorkspaceId
    storageAccountName: storage.outputs.name
    poisonQueueNames: filter(queueNames, q => endsWith(q, '-poison'))
    functionFailureThreshold: functionFailureThreshold
    alertEmailAddress: alertEmailAddress
    healthUrl: 'https://${functionApp.outputs.defaultHostName}/api/health'
  }
}

module dashboard 'modules/dashboard.bicep' = {
  name: 'dashboard'
  params: {
    namePrefix: 'readiness-${resourceToken}'
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
