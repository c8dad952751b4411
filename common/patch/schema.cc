#include "common/patch/schema.h"

#include "absl/strings/str_split.h"
#include "common/codec/annotations.h"
#include "k8s/options.pb.h"

namespace kube::patch::internal {
namespace {

using google::protobuf::FieldDescriptor;
namespace codec_internal = ::kube::codec::internal;

// The type of one value of `field` (an element, for repeated fields).
ValueType ValueOf(const FieldDescriptor* field) {
  if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return {};
  if (codec_internal::FormOf(field->message_type()) != k8s::JSON_OBJECT) return {};
  return {field->message_type(), nullptr};
}

void ReadStrategy(const FieldDescriptor* field, FieldType& out) {
  out.merge_key = field->options().GetExtension(k8s::merge_key);
  const std::string& strategy = field->options().GetExtension(k8s::patch_strategy);
  for (absl::string_view part : absl::StrSplit(strategy, ',', absl::SkipEmpty())) {
    if (part == "merge") out.merge = true;
    if (part == "replace") out.replace = true;
    if (part == "retainKeys") out.retain_keys = true;
  }
}

}  // namespace

FieldType LookupField(const ValueType& parent, std::string_view key) {
  FieldType out;
  if (parent.deduced) {
    out.known = true;
    out.value.deduced = true;
    return out;
  }
  if (parent.IsMap()) {
    out.known = true;
    out.value = ValueOf(parent.map_value);
    return out;
  }
  if (!parent.IsMessage()) {
    out.known = true;  // schemaless: anything goes, nothing is keyed
    return out;
  }
  const codec_internal::KeyRoutes& routes = codec_internal::RoutesOf(parent.message);
  auto it = routes.find(std::string(key));
  if (it == routes.end()) {
    if ((key == "kind" || key == "apiVersion") && !codec_internal::ApiVersionOf(parent.message).empty()) {
      out.known = true;
    }
    // A custom resource's content (a json_remainder field) takes any key, deduced.
    if (codec_internal::HasJsonRemainder(parent.message)) {
      out.known = true;
      out.value.deduced = true;
    }
    return out;
  }
  const FieldDescriptor* field = it->second.field;
  out.known = true;
  if (field->is_map()) {
    out.value.map_value = field->message_type()->map_value();
    return out;
  }
  out.list = field->is_repeated();
  out.value = ValueOf(field);
  ReadStrategy(field, out);
  out.always_present = (!out.list && out.value.IsMessage() && !codec_internal::IsPointer(field)) ||
                       codec_internal::IsAlwaysEmit(field);
  return out;
}

std::string TypeName(const ValueType& type) {
  if (type.IsMessage()) return type.message->name();
  if (type.IsMap()) return "map";
  return "interface";
}

ListKind KindOf(const FieldType& field) {
  if (!field.list || !field.merge) return ListKind::kAtomic;
  if (field.value.IsObject()) {
    return field.merge_key.empty() ? ListKind::kAtomic : ListKind::kAssociative;
  }
  return ListKind::kSet;
}

}  // namespace kube::patch::internal
