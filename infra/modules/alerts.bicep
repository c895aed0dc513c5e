// Alerts an operator acts on: messages landing in a poison queue, failed function invocations, the health endpoint
// failing its availability test, and background work falling behind (the oldest queued message, as the health check
// records it).
//
// Queue length per queue is not an Azure Monitor platform metric (QueueMessageCount is account-wide, hourly and
// without a queue dimension), so the poison alert is a log search over the storage account's queue write logs:
// any PutMessage into a "-poison" queue fires it, within one evaluation period of the message arriving.

@description('Prefix for alert names.')
param namePrefix string

@description('Azure region (log search alerts and action groups need one).')
param location string

@description('Tags for the resources.')
param tags object

@description('Application Insights component whose failed requests (function invocations) are counted.')
param applicationInsightsId string

@description('Log Analytics workspace that receives the storage queue write logs.')
param logAnalyticsWorkspaceId string

@description('Storage account whose poison queues are watched.')
param storageAccountName string

@description('Poison queue names.')
param poisonQueueNames array

@description('Failed invocations within 15 minutes above which the failure alert fires.')
@minValue(0)
param functionFailureThreshold int

@description('E-mail address for alert notifications; empty creates no action group (alerts still show in the portal).')
param alertEmailAddress string

@description('The app\'s health endpoint (GET /api/health), probed by a standard availability test.')
param healthUrl string

@description('Oldest message on a work queue, in seconds, above which the backlog alert fires.')
@minValue(60)
param queueAgeThresholdSeconds int = 900

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmailAddress)) {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'readiness'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

// Queue name is the first path segment of the request URI: https://<account>.queue.core.windows.net/<queue>/messages
var poisonQuery = format(
  '''StorageQueueLogs
| where AccountName == "{0}" and OperationName == "PutMessage"
| extend Queue = extract(@"^https://[^/]+/([^/?]+)", 1, Uri)
| where Queue in ({1})
| summarize Messages = count() by Queue''',
  storageAccountName,
  join(map(poisonQueueNames, q => '"${q}"'), ', ')
)

var actionGroupIds = empty(alertEmailAddress) ? [] : [actionGroup.id]

resource poisonQueueAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-poison-queue'
  location: location
  tags: tags
  properties: {
    displayName: 'Messages moved to a poison queue'
    description: 'A queue-triggered function failed maxDequeueCount times and the host moved the message to a poison queue. Inspect it, fix the cause, then move it back to the work queue.'
    severity: 1
    enabled: true
    scopes: [
      logAnalyticsWorkspaceId
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: poisonQuery
          timeAggregation: 'Total'
          metricMeasureColumn: 'Messages'
          dimensions: [
            {
              name: 'Queue'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: {
      actionGroups: actionGroupIds
    }
  }
}

resource functionFailuresAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-function-failures'
  location: 'global'
  tags: tags
  properties: {
    description: 'Function invocations failed (unhandled exceptions in HTTP, queue or timer functions).'
    severity: 2
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'FailedInvocations'
          metricNamespace: 'microsoft.insights/components'
          metricName: 'requests/failed'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: functionFailureThreshold
        }
      ]
    }
    autoMitigate: true
    actions: [
      for id in actionGroupIds: {
        actionGroupId: id
      }
    ]
  }
}

// A standard availability test: GET /api/health every 5 minutes from five locations near Indonesia; 503 (storage
// unreachable, no registry or catalog) or no answer is a failure. Every probe also records the queue depth and age
// metrics the workbook and the backlog alert read.
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${namePrefix}-health'
  location: location
  // The portal lists a test under its component only with this tag.
  tags: union(tags, {
    'hidden-link:${applicationInsightsId}': 'Resource'
  })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${namePrefix}-health'
    Name: 'GET /api/health'
    Description: 'The pipeline can serve: storage reachable, registry and catalog loaded.'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      { Id: 'apac-sg-sin-azr' }
      { Id: 'apac-hk-hkn-azr' }
      { Id: 'apac-jp-kaw-edge' }
      { Id: 'emea-au-syd-edge' }
      { Id: 'emea-nl-ams-azr' }
    ]
    Request: {
      RequestUrl: healthUrl
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource healthAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-health'
  location: 'global'
  tags: tags
  properties: {
    description: 'GET /api/health failed from at least two locations: storage is unreachable, the registry or catalog is not loaded, or the app does not answer. The response body says which.'
    severity: 1
    enabled: true
    scopes: [
      healthTest.id
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: applicationInsightsId
      failedLocationCount: 2
    }
    autoMitigate: true
    actions: [
      for id in actionGroupIds: {
        actionGroupId: id
      }
    ]
  }
}

// The health check records readiness.queue.oldest_age per queue (src/Readiness.Core/Telemetry/ReadinessTelemetry.cs).
var queueAgeQuery = format(
  '''customMetrics
| where name == "readiness.queue.oldest_age"
| extend Queue = tostring(customDimensions.queue)
| where Queue !endswith "-poison"
| summarize OldestSeconds = max(value) by Queue
| where OldestSeconds > {0}''',
  queueAgeThresholdSeconds
)

resource queueAgeAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-queue-age'
  location: location
  tags: tags
  properties: {
    displayName: 'Background work is falling behind'
    description: 'The oldest message on a work queue is older than the threshold: uploads or score updates wait. Check failed invocations and the instance limit.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: queueAgeQuery
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'OldestSeconds'
          dimensions: [
            {
              name: 'Queue'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: queueAgeThresholdSeconds
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: actionGroupIds
    }
  }
}

output poisonQueueAlertId string = poisonQueueAlert.id
output healthTestId string = healthTest.id
output healthAlertId string = healthAlert.id
output queueAgeAlertId string = queueAgeAlert.id
output functionFailuresAlertId string = functionFailuresAlert.id
