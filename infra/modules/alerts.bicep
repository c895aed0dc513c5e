// Alerts an operator acts on: messages landing in a poison queue, and failed function invocations.
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

output poisonQueueAlertId string = poisonQueueAlert.id
output functionFailuresAlertId string = functionFailuresAlert.id
