#!/usr/bin/env bash
# A service principal for Overcast in a subscription, with no client secret: it trusts the OIDC tokens
# Overcast's functions present (federated credential) and holds the custom role of overcast-role.json on
# the subscription.
#
#   onboarding/azure/setup.sh SUBSCRIPTION_ID ISSUER SUBJECT
#
# ISSUER and SUBJECT are those of the identity tokens Overcast's Azure functions obtain (the issuer URL of
# the token service Overcast's installation uses and the subject it puts in them, e.g. the function role's
# ARN); Overcast's operator gives both. The script prints the tenant and client ids to configure.
set -euo pipefail
subscription="${1:?SUBSCRIPTION_ID}"
issuer="${2:?ISSUER}"
subject="${3:?SUBJECT}"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

sed "s|/subscriptions/SUBSCRIPTION_ID|/subscriptions/${subscription}|" "$here/overcast-role.json" > "$work/role.json"
sed -e "s|\"ISSUER\"|\"${issuer}\"|" -e "s|\"SUBJECT\"|\"${subject}\"|" "$here/federated-credential.json" > "$work/credential.json"

az account set --subscription "$subscription"
app_id="$(az ad app create --display-name overcast --query appId --output tsv)"
az ad sp create --id "$app_id" > /dev/null
az ad app federated-credential create --id "$app_id" --parameters "@$work/credential.json" > /dev/null
az role definition create --role-definition "@$work/role.json" > /dev/null
az role assignment create --assignee "$app_id" --role Overcast --scope "/subscriptions/${subscription}" > /dev/null
echo "tenant: $(az account show --query tenantId --output tsv)"
echo "client: ${app_id}"
