#pragma once

// Helpers for the tests in this folder and the ones that reuse its workload rules.

#include <string>

#include <google/protobuf/text_format.h>

#include "apiserver/registry/apps/pod_template_hooks.h"
#include "common/api/field_error.h"

namespace kube::apiserver::testing {

// Parses protobuf text format into a message of type T; aborts the test on error.
template <typename T>
T Parse(const std::string& text) {
  T message;
  if (!google::protobuf::TextFormat::ParseFromString(text, &message)) std::abort();
  return message;
}

// Stand-ins for the core registry: restartPolicy defaults to Always, and a
// template needs at least one container.
inline PodTemplateHooks FakeHooks() {
  PodTemplateHooks hooks;
  hooks.default_template = [](k8s::core::v1::PodTemplateSpec& t) {
    if (t.spec().restartpolicy().empty()) t.mutable_spec()->set_restartpolicy("Always");
  };
  hooks.validate_template = [](const k8s::core::v1::PodTemplateSpec& t, const std::string& path) {
    api::FieldErrors errors;
    if (t.spec().containers().empty()) errors.push_back(api::Required(path + ".spec.containers"));
    return errors;
  };
  return hooks;
}

// Every error as kubectl prints it ("field: body"), one per line.
inline std::string Describe(const api::FieldErrors& errors) {
  std::string out;
  for (const auto& error : errors) out += error.ToString() + "\n";
  return out;
}

// Whether some error reads exactly `text`.
inline bool HasError(const api::FieldErrors& errors, const std::string& text) {
  for (const auto& error : errors) {
    if (error.ToString() == text) return true;
  }
  return false;
}

}  // namespace kube::apiserver::testing
