output "connector_arn" {
  description = "ARN of the connector (aws kafkaconnect describe-connector --connector-arn ...)."
  value       = aws_mskconnect_connector.this.arn
}

output "connector_version" {
  description = "The connector's current version (UpdateConnector's currentVersion, as msk-deploy add-table reads it)."
  value       = aws_mskconnect_connector.this.version
}

output "execution_role_arn" {
  description = "ARN of the service execution role."
  value       = aws_iam_role.execution.arn
}

output "offsets_topic" {
  description = "The pinned offsets topic: keep it (with the schema history topic) to resume after a replaced connector."
  value       = "__amazon_msk_connect_offsets_${local.connector_name}"
}
