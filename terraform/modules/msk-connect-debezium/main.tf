# MSK Connect connector for the MSK CDC Kit plugin (Debezium MySQL), built from the files
# `bin/msk-deploy render` writes: the same CreateCustomPlugin, CreateWorkerConfiguration and CreateConnector
# requests, IAM policies, dashboard and alarms that msk-deploy sends, so both deploy the same connector.
# See terraform/README.md for the upstream traps this module guards against.

locals {
  plugin_request    = jsondecode(file("${var.rendered_dir}/create-custom-plugin.json"))
  worker_request    = jsondecode(file("${var.rendered_dir}/create-worker-configuration.json"))
  connector_request = jsondecode(file("${var.rendered_dir}/create-connector.json"))

  worker_properties       = base64decode(local.worker_request.propertiesFileContent)
  connector_configuration = tomap(local.connector_request.connectorConfiguration)
  connector_name          = local.connector_request.connectorName
  log_group_name          = local.connector_request.logDelivery.workerLogDelivery.cloudWatchLogs.logGroup

  # arn:aws:iam::<account>:role/service-role/name -> path /service-role/ and name, as msk-deploy iam creates it.
  role_arn   = local.connector_request.serviceExecutionRoleArn
  role_parts = regex("^arn:[a-z-]+:iam::[0-9]{12}:role(/(?:.*/)?)([^/]+)$", local.role_arn)

  # A filter, not a conditional: the alarms differ in their attributes (DatapointsToAlarm), so an
  # object of them and {} have no common type for "? :".
  alarms = {
    for file_name in fileset(var.rendered_dir, "alarm-*.json") :
    trimsuffix(file_name, ".json") => jsondecode(file("${var.rendered_dir}/${file_name}")) if var.monitoring
  }
}

resource "aws_iam_role" "execution" {
  name               = local.role_parts[1]
  path               = local.role_parts[0]
  assume_role_policy = file("${var.rendered_dir}/trust-policy.json")
  description        = "MSK Connect execution role of ${local.connector_name} (MSK CDC Kit)"

  lifecycle {
    postcondition {
      condition     = self.arn == local.role_arn
      error_message = "The created role's ARN ${self.arn} is not SERVICE_EXECUTION_ROLE_ARN (${local.role_arn}) the connector request names: render with the ARN of this account and path."
    }
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "msk-cdc-kit-execution"
  role   = aws_iam_role.execution.name
  policy = file("${var.rendered_dir}/execution-role-policy.json")
}

resource "aws_iam_role_policy" "secret_kms" {
  count  = fileexists("${var.rendered_dir}/secret-kms-policy.json") ? 1 : 0
  name   = "msk-cdc-kit-secret-kms"
  role   = aws_iam_role.execution.name
  policy = file("${var.rendered_dir}/secret-kms-policy.json")
}

resource "aws_iam_role_policy" "metrics" {
  count  = var.monitoring ? 1 : 0
  name   = "msk-cdc-kit-metrics"
  role   = aws_iam_role.execution.name
  policy = file("${var.rendered_dir}/metrics-policy.json")
}

# MSK Connect delivers worker logs only to a log group that exists.
resource "aws_cloudwatch_log_group" "worker" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_in_days
}

# Plugins are immutable and their name carries PLUGIN_VERSION: a new version is a new plugin, created before
# the connector that uses the old one is replaced.
resource "aws_mskconnect_custom_plugin" "this" {
  name         = local.plugin_request.name
  description  = local.plugin_request.description
  content_type = local.plugin_request.contentType

  location {
    s3 {
      bucket_arn = local.plugin_request.location.s3Location.bucketArn
      file_key   = local.plugin_request.location.s3Location.fileKey
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

# Worker configurations are immutable too; the name <connector>-worker-<version> changes with PLUGIN_VERSION.
# The pinned offset.storage.topic is what lets a replaced connector (same name) resume from its offsets.
resource "aws_mskconnect_worker_configuration" "this" {
  name                    = local.worker_request.name
  description             = local.worker_request.description
  properties_file_content = local.worker_properties

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = strcontains(local.worker_properties, "\noffset.storage.topic=__amazon_msk_connect_offsets_${local.connector_name}\n")
      error_message = "worker.properties must pin offset.storage.topic=__amazon_msk_connect_offsets_${local.connector_name}: without it MSK Connect gives every new connector a fresh offsets topic, and a replaced connector would snapshot every table again."
    }
  }
}

# Any change of the capacity replaces the connector instead of updating it in place (see below).
resource "terraform_data" "capacity" {
  input = local.connector_request.capacity
}

resource "aws_mskconnect_connector" "this" {
  name                    = local.connector_request.connectorName
  description             = local.connector_request.connectorDescription
  kafkaconnect_version    = local.connector_request.kafkaConnectVersion
  connector_configuration = local.connector_configuration

  capacity {
    provisioned_capacity {
      mcu_count    = local.connector_request.capacity.provisionedCapacity.mcuCount
      worker_count = local.connector_request.capacity.provisionedCapacity.workerCount
    }
  }

  kafka_cluster {
    apache_kafka_cluster {
      bootstrap_servers = local.connector_request.kafkaCluster.apacheKafkaCluster.bootstrapServers

      vpc {
        subnets         = local.connector_request.kafkaCluster.apacheKafkaCluster.vpc.subnets
        security_groups = local.connector_request.kafkaCluster.apacheKafkaCluster.vpc.securityGroups
      }
    }
  }

  kafka_cluster_client_authentication {
    authentication_type = local.connector_request.kafkaClusterClientAuthentication.authenticationType
  }

  kafka_cluster_encryption_in_transit {
    encryption_type = local.connector_request.kafkaClusterEncryptionInTransit.encryptionType
  }

  plugin {
    custom_plugin {
      arn      = aws_mskconnect_custom_plugin.this.arn
      revision = aws_mskconnect_custom_plugin.this.latest_revision
    }
  }

  worker_configuration {
    arn      = aws_mskconnect_worker_configuration.this.arn
    revision = aws_mskconnect_worker_configuration.this.latest_revision
  }

  service_execution_role_arn = aws_iam_role.execution.arn

  log_delivery {
    worker_log_delivery {
      cloudwatch_logs {
        enabled   = local.connector_request.logDelivery.workerLogDelivery.cloudWatchLogs.enabled
        log_group = aws_cloudwatch_log_group.worker.name
      }
    }
  }

  # The role must hold its permissions before the connector starts (secret, topics).
  depends_on = [aws_iam_role_policy.execution, aws_iam_role_policy.secret_kms]

  lifecycle {
    # The provider waits for an in-place update until the connector is RUNNING again; MSK Connect rolls a
    # failed update back and the connector shows RUNNING with its previous settings, so the provider reports
    # success (terraform/README.md). Every other argument forces a new connector already; replacing on a
    # capacity change too means this module never sends UpdateConnector. A replaced connector keeps its name
    # and the worker configuration's pinned offsets topic, so it resumes where the old one stopped.
    replace_triggered_by = [terraform_data.capacity]

    # Read back from MSK Connect after every create or update: a rolled-back change fails the apply.
    postcondition {
      condition     = self.connector_configuration == local.connector_configuration
      error_message = "MSK Connect runs ${self.name} with another configuration than the rendered connector.properties: an update was rolled back. See aws kafkaconnect describe-connector --connector-arn ${self.arn}."
    }
    postcondition {
      condition = (
        self.capacity[0].provisioned_capacity[0].worker_count == local.connector_request.capacity.provisionedCapacity.workerCount &&
        self.capacity[0].provisioned_capacity[0].mcu_count == local.connector_request.capacity.provisionedCapacity.mcuCount
      )
      error_message = "MSK Connect runs ${self.name} with another capacity than the rendered request: an update was rolled back."
    }
  }
}

resource "aws_cloudwatch_dashboard" "this" {
  count          = var.monitoring ? 1 : 0
  dashboard_name = local.connector_name
  dashboard_body = file("${var.rendered_dir}/dashboard.json")
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = each.value.AlarmName
  alarm_description   = each.value.AlarmDescription
  namespace           = each.value.Namespace
  metric_name         = each.value.MetricName
  dimensions          = { for dimension in each.value.Dimensions : dimension.Name => dimension.Value }
  statistic           = each.value.Statistic
  period              = each.value.Period
  evaluation_periods  = each.value.EvaluationPeriods
  datapoints_to_alarm = try(each.value.DatapointsToAlarm, null)
  threshold           = each.value.Threshold
  comparison_operator = each.value.ComparisonOperator
  treat_missing_data  = each.value.TreatMissingData
  alarm_actions       = each.value.AlarmActions
  ok_actions          = each.value.OKActions
}
