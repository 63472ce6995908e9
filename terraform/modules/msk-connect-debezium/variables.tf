variable "rendered_dir" {
  description = "Directory written by `bin/msk-deploy render --out DIR` (set ALARM_TOPIC_ARN before rendering for monitoring = true). The module reads the same request and policy files msk-deploy sends, so the two deploy the same connector."
  type        = string
}

variable "monitoring" {
  description = "Create the CloudWatch dashboard, the five alarms and the execution role's metrics policy from the rendered dashboard.json, alarm-*.json and metrics-policy.json (as msk-deploy monitoring does)."
  type        = bool
  default     = false
}

variable "log_retention_in_days" {
  description = "Retention of the worker log group. 0 keeps the logs forever, as the log group msk-deploy creates."
  type        = number
  default     = 0
}
