#include "apiserver/registry/autoscaling/behavior_annotation.h"

#include <array>

#include "absl/strings/ascii.h"
#include "common/codec/json_decode.h"
#include "common/codec/json_text.h"

namespace kube::apiserver::autoscaling {
namespace {

using k8s::autoscaling::v2::HorizontalPodAutoscalerBehavior;
using k8s::autoscaling::v2::HPAScalingRules;

// Every key of the behavior's JSON, as the v2 codec spells it.
constexpr std::array<std::string_view, 8> kKeys = {
    "scaleUp", "scaleDown",    "stabilizationWindowSeconds", "selectPolicy", "policies", "type",
    "value",   "periodSeconds"};

using Allocator = rapidjson::Document::AllocatorType;

rapidjson::Value String(const std::string& text, Allocator& allocator) {
  return rapidjson::Value(text.data(), static_cast<rapidjson::SizeType>(text.size()), allocator);
}

rapidjson::Value Rules(const HPAScalingRules* rules, Allocator& allocator) {
  rapidjson::Value out;  // null
  if (rules == nullptr) return out;
  out.SetObject();
  rapidjson::Value window;
  if (rules->has_stabilizationwindowseconds()) window.SetInt(rules->stabilizationwindowseconds());
  out.AddMember("StabilizationWindowSeconds", window, allocator);
  rapidjson::Value select;
  if (rules->has_selectpolicy()) select = String(rules->selectpolicy(), allocator);
  out.AddMember("SelectPolicy", select, allocator);
  rapidjson::Value policies;  // a nil slice when there are none
  if (!rules->policies().empty()) {
    policies.SetArray();
    for (const auto& policy : rules->policies()) {
      rapidjson::Value item(rapidjson::kObjectType);
      item.AddMember("Type", String(policy.type(), allocator), allocator);
      item.AddMember("Value", policy.value(), allocator);
      item.AddMember("PeriodSeconds", policy.periodseconds(), allocator);
      policies.PushBack(item, allocator);
    }
  }
  out.AddMember("Policies", policies, allocator);
  return out;
}

// Renames every key that matches one of kKeys without regard to case to that key.
void CanonicalKeys(rapidjson::Value& value) {
  if (value.IsArray()) {
    for (auto& item : value.GetArray()) CanonicalKeys(item);
    return;
  }
  if (!value.IsObject()) return;
  for (auto& member : value.GetObject()) {
    const std::string lower = absl::AsciiStrToLower(member.name.GetString());
    for (std::string_view key : kKeys) {
      if (lower == absl::AsciiStrToLower(std::string(key))) {
        member.name.SetString(rapidjson::StringRef(key.data(), key.size()));
        break;
      }
    }
    CanonicalKeys(member.value);
  }
}

}  // namespace

std::string EncodeBehaviorAnnotation(const HorizontalPodAutoscalerBehavior& behavior) {
  rapidjson::Document out(rapidjson::kObjectType);
  Allocator& allocator = out.GetAllocator();
  out.AddMember("ScaleUp", Rules(behavior.has_scaleup() ? &behavior.scaleup() : nullptr, allocator),
                allocator);
  out.AddMember("ScaleDown",
                Rules(behavior.has_scaledown() ? &behavior.scaledown() : nullptr, allocator),
                allocator);
  return codec::WriteJson(out);
}

std::optional<HorizontalPodAutoscalerBehavior> DecodeBehaviorAnnotation(std::string_view json) {
  rapidjson::Document document;
  if (!codec::ParseJson(json, document).ok()) return std::nullopt;
  CanonicalKeys(document);
  HorizontalPodAutoscalerBehavior behavior;
  if (!codec::DecodeJsonValue(document, behavior).ok()) return std::nullopt;
  if (!behavior.has_scaleup() && !behavior.has_scaledown()) return std::nullopt;
  return behavior;
}

}  // namespace kube::apiserver::autoscaling
