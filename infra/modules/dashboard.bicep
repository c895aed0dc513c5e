// The ministry operator's dashboard: an Azure Workbook over Application Insights (uploads per day by outcome,
// regencies not yet reported, top validation errors, queue age and depth, failures, health availability). The
// queries live in ../dashboard/operations.workbook.json; tests/Readiness.Infra.Tests checks that every metric they
// name is one the app records (Readiness.Core.Telemetry.ReadinessTelemetry.Metrics).

@description('Prefix that makes the workbook id unique per environment.')
param namePrefix string

@description('Azure region.')
param location string

@description('Tags for the workbook.')
param tags object

@description('Application Insights component the queries run against.')
param applicationInsightsId string

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // A workbook's name must be a GUID; derived, so a redeployment updates the same workbook.
  name: guid(resourceGroup().id, namePrefix, 'operations-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'Smart City Readiness: operations'
    category: 'workbook'
    sourceId: applicationInsightsId
    serializedData: string(loadJsonContent('../dashboard/operations.workbook.json'))
  }
}

output workbookId string = workbook.id
