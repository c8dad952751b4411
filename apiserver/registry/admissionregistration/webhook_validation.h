#pragma once

#include <string>

#include "common/api/field_error.h"
#include "k8s/admissionregistration/v1/admissionregistration.pb.h"

// Upstream's defaults and validation of the webhooks of a Validating- or
// MutatingWebhookConfiguration (pkg/apis/admissionregistration/v1/defaults.go,
// pkg/apis/admissionregistration/validation). Webhooks are only stored here: nothing
// calls them yet.
namespace kube::apiserver::admissionregistration {

// failurePolicy Fail, matchPolicy Equivalent, empty selectors, timeoutSeconds 10,
// rule scope "*", service port 443 (and reinvocationPolicy Never for mutating
// webhooks). sideEffects has no default in v1: it is required.
void DefaultWebhook(k8s::admissionregistration::v1::ValidatingWebhook& webhook);
void DefaultWebhook(k8s::admissionregistration::v1::MutatingWebhook& webhook);

// Every webhook of a configuration: names fully qualified and unique, sideEffects
// None or NoneOnDryRun, admissionReviewVersions including v1 or v1beta1, exactly one
// of clientConfig.url (https) and clientConfig.service, valid rules, timeout 1..30.
api::FieldErrors ValidateWebhooks(
    const google::protobuf::RepeatedPtrField<k8s::admissionregistration::v1::ValidatingWebhook>&
        webhooks);
api::FieldErrors ValidateWebhooks(
    const google::protobuf::RepeatedPtrField<k8s::admissionregistration::v1::MutatingWebhook>&
        webhooks);

// webhook.ValidateWebhookURL with https required, under `path`.
void ValidateWebhookUrl(const std::string& url, const std::string& path, api::FieldErrors& errors);

}  // namespace kube::apiserver::admissionregistration
