#!/usr/bin/env bash
# Lets Overcast's AWS role act in a GCP project without any service-account key: a workload identity pool
# trusts Overcast's AWS account, only sessions of Overcast's role may impersonate the "overcast" service
# account, and that account holds the custom role of overcast-role.yaml on the project.
#
#   onboarding/gcp/workload-identity.sh PROJECT_ID OVERCAST_AWS_ACCOUNT_ID OVERCAST_ROLE_NAME
#
# OVERCAST_ROLE_NAME is the IAM role Overcast's GCP converge function runs as (the stack's resource
# ConvergeGcpFunctionRole, see docs/deploy.md). The script writes overcast-gcp-credentials.json, the
# external-account configuration Overcast reads from the secret named by the stack parameter GcpKeyRef
# (it holds no secret, only where to exchange tokens; Google's client library reads the external account
# the same way it reads a key).
set -euo pipefail
project="${1:?PROJECT_ID}"
aws_account="${2:?OVERCAST_AWS_ACCOUNT_ID}"
aws_role="${3:?OVERCAST_ROLE_NAME}"
here="$(cd "$(dirname "$0")" && pwd)"
number="$(gcloud projects describe "$project" --format='value(projectNumber)')"
service_account="overcast@${project}.iam.gserviceaccount.com"

gcloud services enable compute.googleapis.com iamcredentials.googleapis.com sts.googleapis.com --project "$project"
gcloud iam roles create overcast --project "$project" --file "$here/overcast-role.yaml"
gcloud iam service-accounts create overcast --project "$project" --display-name "Overcast"
gcloud projects add-iam-policy-binding "$project" --member "serviceAccount:${service_account}" \
  --role "projects/${project}/roles/overcast" --condition None

gcloud iam workload-identity-pools create overcast --project "$project" --location global --display-name "Overcast"
# Only sessions of Overcast's role (any session name) from Overcast's account get through.
gcloud iam workload-identity-pools providers create-aws overcast-aws --project "$project" --location global \
  --workload-identity-pool overcast --account-id "$aws_account" \
  --attribute-mapping "google.subject=assertion.arn,attribute.aws_role=assertion.arn.extract('assumed-role/{role}/')" \
  --attribute-condition "attribute.aws_role == '${aws_role}'"
gcloud iam service-accounts add-iam-policy-binding "$service_account" --project "$project" \
  --role roles/iam.workloadIdentityUser \
  --member "principalSet://iam.googleapis.com/projects/${number}/locations/global/workloadIdentityPools/overcast/attribute.aws_role/${aws_role}"

gcloud iam workload-identity-pools create-cred-config \
  "projects/${number}/locations/global/workloadIdentityPools/overcast/providers/overcast-aws" \
  --service-account "$service_account" --aws --output-file overcast-gcp-credentials.json
echo "wrote overcast-gcp-credentials.json: store it in Secrets Manager under SecretPrefix + GcpKeyRef"
