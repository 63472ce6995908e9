terraform {
  # check blocks, strcontains and terraform_data need Terraform 1.5.
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # Every argument this module sets is checked against the 5.x provider schema in
      # connector/src/test/resources/terraform/aws-provider-schema.json (derived from the provider's source;
      # the commits are named there).
      version = ">= 5.0, < 6.0"
    }
  }
}
