# Example: the MSK CDC Kit connector for an Aurora MySQL cluster, from an unpacked plugin ZIP.
#
#   1. Render the requests with the kit's own script, from the unpacked ZIP (bin/, etc/):
#        ALARM_TOPIC_ARN=arn:aws:sns:eu-west-1:123456789012:cdc-alarms \
#          bin/msk-deploy --env orders.env --out rendered render
#      (orders.env holds MSK_CLUSTER_ARN, BOOTSTRAP_SERVERS, SUBNET_IDS, ... as for msk-deploy deploy;
#      PLUGIN_ZIP and PLUGIN_VERSION are needed so that create-custom-plugin.json is written.)
#   2. terraform init && terraform apply -var plugin_zip=/path/to/mskcdc-kit-<version>.zip
#   3. Check the result as msk-deploy would: see terraform/README.md, "After apply".

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 6.0"
    }
  }
}

variable "region" {
  description = "Region of the MSK cluster (the region of MSK_CLUSTER_ARN)."
  type        = string
  default     = "eu-west-1"
}

variable "rendered_dir" {
  description = "Output directory of bin/msk-deploy render."
  type        = string
  default     = "rendered"
}

variable "plugin_zip" {
  description = "Local path of the plugin ZIP (PLUGIN_ZIP when rendering)."
  type        = string
}

provider "aws" {
  region = var.region
}

locals {
  plugin_location = jsondecode(file("${var.rendered_dir}/create-custom-plugin.json")).location.s3Location
}

# The upload msk-deploy deploy does with aws s3 cp, to the bucket and key the rendered request names.
resource "aws_s3_object" "plugin_zip" {
  bucket = trimprefix(local.plugin_location.bucketArn, "arn:aws:s3:::")
  key    = local.plugin_location.fileKey
  source = var.plugin_zip
  etag   = filemd5(var.plugin_zip)
}

module "orders_cdc" {
  source = "../../modules/msk-connect-debezium"

  rendered_dir = var.rendered_dir
  monitoring   = true

  # The custom plugin copies the ZIP when it is created: upload first.
  depends_on = [aws_s3_object.plugin_zip]
}

output "connector_arn" {
  value = module.orders_cdc.connector_arn
}

output "offsets_topic" {
  value = module.orders_cdc.offsets_topic
}
