// The Function App on the Flex Consumption plan (FC1), running .NET 10 isolated as a user-assigned identity.
// Flex Consumption takes the runtime from functionAppConfig, not from app settings: FUNCTIONS_WORKER_RUNTIME,
// FUNCTIONS_EXTENSION_VERSION and WEBSITE_RUN_FROM_PACKAGE must not be set here.

@description('Function App name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
param location string

@description('Tags for the plan.')
param tags object

@description('Tags for the app; azd finds the app to deploy to by its azd-service-name tag.')
param appTags object

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity, for identity-based connections.')
param identityClientId string

@description('Blob endpoint of the storage account, e.g. https://x.blob.core.windows.net/.')
param blobServiceUri string

@description('Queue endpoint of the storage account.')
param queueServiceUri string

@description('Table endpoint of the storage account.')
param tableServiceUri string

@description('URL of the blob container the platform deploys the app package from.')
param deploymentContainerUrl string

@description('Application Insights connection string (ingestion requires Entra ID; see APPLICATIONINSIGHTS_AUTHENTICATION_STRING).')
param applicationInsightsConnectionString string

@description('Host id, at most 32 lowercase letters, digits and dashes; distinct per app sharing a storage account.')
@maxLength(32)
param hostId string

@description('Upper bound on instances the plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Always-ready instances for the HTTP trigger group (the "http" group of Flex Consumption); 0 scales from zero.')
@minValue(0)
param httpAlwaysReadyInstances int

@description('Largest accepted upload in bytes (Readiness__MaxUploadBytes).')
param maxUploadBytes int

@description('Uploads larger than this are processed in the background (Readiness__AsyncThresholdBytes).')
param asyncThresholdBytes int

@description('Concurrent Table Storage batch writes per upload (Readiness__WriteParallelism).')
param writeParallelism int

@description('NCRONTAB schedule of the inbox scan (InboxSchedule).')
param inboxSchedule string

@description('NCRONTAB schedule of the published-CSV sources pass (SourcesSchedule).')
param sourcesSchedule string

@description('NCRONTAB schedule of the nightly score recomputation, in UTC (ScoreSchedule).')
param scoreSchedule string

@description('Seconds an inbox blob must be unchanged before it is ingested (Readiness__InboxSettleSeconds).')
param inboxSettleSeconds int

@description('Whether source URLs may use plain http (Readiness__AllowHttpSources).')
param allowHttpSources bool

@description('Whether the nightly score run recomputes every year instead of only the changed ones (Readiness__RecomputeAll).')
param recomputeAll bool = false

@description('Whether the app trusts the principal headers that App Service Authentication injects (Readiness__TrustAppServiceAuth).')
param trustAppServiceAuth bool

@description('Client id of an Entra app registration for App Service Authentication; empty leaves it off.')
param appServiceAuthClientId string

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: appTags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // The HTTP group answers officers and integrators, so it is the one a cold start is felt in; queues and
        // timers tolerate it. Empty when 0: Flex Consumption then scales the app from zero.
        alwaysReady: httpAlwaysReadyInstances > 0 ? [
          {
            name: 'http'
            instanceCount: httpAlwaysReadyInstances
          }
        ] : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // The host's own storage (leases, timer locks, queue triggers) through the managed identity: no AccountKey.
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: blobServiceUri
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: queueServiceUri
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: tableServiceUri
        }
        // Two apps on one storage account must not share a host id, or they steal each other's timer locks.
        {
          name: 'AzureFunctionsWebHost__hostid'
          value: hostId
        }
        // For DefaultAzureCredential/ManagedIdentityCredential in application code: which identity to use.
        {
          name: 'AZURE_CLIENT_ID'
          value: identityClientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsightsConnectionString
        }
        // Local auth is disabled on the component, so telemetry is sent with the identity's Entra token.
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        // Tunables: the same names the application binds and local.settings.sample.json uses.
        {
          name: 'Readiness__MaxUploadBytes'
          value: string(maxUploadBytes)
        }
        {
          name: 'Readiness__AsyncThresholdBytes'
          value: string(asyncThresholdBytes)
        }
        {
          name: 'Readiness__WriteParallelism'
          value: string(writeParallelism)
        }
        // The GC's gen0 budget, 8 MiB (hex): by default the runtime sizes it from the CPU's largest cache, which on
        // large-L3 hosts lets a background import's short-lived storage buffers pile up to ~60 MiB between collections
        // (issue 11; README "Runtime settings of the worker"). The runtime reads this knob only from the environment.
        {
          name: 'DOTNET_GCgen0size'
          value: '0x800000'
        }
        {
          name: 'InboxSchedule'
          value: inboxSchedule
        }
        {
          name: 'SourcesSchedule'
          value: sourcesSchedule
        }
        {
          name: 'ScoreSchedule'
          value: scoreSchedule
        }
        {
          name: 'Readiness__InboxSettleSeconds'
          value: string(inboxSettleSeconds)
        }
        {
          name: 'Readiness__AllowHttpSources'
          value: string(allowHttpSources)
        }
        {
          name: 'Readiness__TrustAppServiceAuth'
          value: string(trustAppServiceAuth)
        }
        {
          name: 'Readiness__RecomputeAll'
          value: string(recomputeAll)
        }
      ]
    }
  }
}

// Deployments go through Entra ID (azd, az functionapp deploy); publishing profiles with basic-auth passwords are off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

// App Service Authentication in front of the app, only when an app registration is given. Anonymous requests still
// reach the functions (API keys keep working); signed-in requests arrive with the platform's principal headers.
resource authSettings 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(appServiceAuthClientId)) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: appServiceAuthClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            'api://${appServiceAuthClientId}'
            appServiceAuthClientId
          ]
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

output id string = app.id
output name string = app.name
output defaultHostName string = app.properties.defaultHostName
