#pragma once

#include "apiserver/registry/strategy.h"
#include "common/api/field_error.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::apiserver {

// Upstream's ValidateObjectMeta: name (or generateName) by the kind's rule,
// namespace presence, labels, annotations, owner references and finalizers.
api::FieldErrors ValidateObjectMeta(const k8s::meta::v1::ObjectMeta& meta, bool namespaced,
                                    NameRule rule);

// On update, additionally: what is immutable stays as it was.
api::FieldErrors ValidateObjectMetaUpdate(const k8s::meta::v1::ObjectMeta& meta,
                                          const k8s::meta::v1::ObjectMeta& old, bool namespaced,
                                          NameRule rule);

// Checks a name against a NameRule; the messages, without the field.
std::vector<std::string> ValidateName(std::string_view name, NameRule rule);

// Label keys and values under `field` ("metadata.labels", "spec.selector", ...).
api::FieldErrors ValidateLabels(const google::protobuf::Map<std::string, std::string>& labels,
                                const std::string& field);

}  // namespace kube::apiserver
